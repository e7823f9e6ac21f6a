package net.websocket.itest.interop;

import net.websocket.itest.peers.NettyPeerClient;
import net.websocket.itest.support.InteropMatrix;
import net.websocket.itest.support.PeerClient;

import java.net.URI;

/** Netty's WebSocket client against our server. */
@InteropMatrix.Row(InteropMatrix.NETTY_CLIENT)
class NettyClientInteropTest extends PeerClientContract {

    @Override
    PeerClient connect(URI uri, String... subprotocols) throws Exception {
        return NettyPeerClient.connect(uri, subprotocols);
    }
}
