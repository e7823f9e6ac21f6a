package net.websocket.itest.interop;

import net.websocket.itest.peers.NettyEchoServer;
import net.websocket.itest.peers.NettyPeerClient;
import net.websocket.itest.support.InteropMatrix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.net.URI;

/** Our client against a Netty server. */
@InteropMatrix.Row(value = InteropMatrix.NETTY_SERVER, notApplicable = InteropMatrix.DEFLATE_OFF)
class NettyServerInteropTest extends OurClientContract {

    private static NettyEchoServer server;

    @BeforeAll
    static void start() throws Exception {
        server = NettyEchoServer.start();
        InteropMatrix.version(InteropMatrix.NETTY_SERVER, "Netty " + NettyPeerClient.nettyVersion());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    URI uri(String path) {
        return server.uri(path);
    }
}
