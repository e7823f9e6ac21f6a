package net.websocket.itest.interop;

import net.websocket.itest.peers.NettyPeerClient;
import net.websocket.itest.support.InteropMatrix;
import net.websocket.itest.support.PeerClient;
import org.junit.jupiter.api.BeforeAll;

import java.net.URI;

/** Netty's WebSocket client against our server. */
@InteropMatrix.Row(value = InteropMatrix.NETTY_CLIENT, notApplicable = InteropMatrix.DEFLATE_OFF)
class NettyClientInteropTest extends PeerClientContract {

    @BeforeAll
    static void recordVersion() {
        InteropMatrix.version(InteropMatrix.NETTY_CLIENT, "Netty " + NettyPeerClient.nettyVersion());
    }

    @Override
    PeerClient connect(URI uri, String... subprotocols) throws Exception {
        return NettyPeerClient.connect(uri, subprotocols);
    }
}
