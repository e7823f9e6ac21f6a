package net.websocket.itest.interop;

import net.websocket.itest.peers.NettyEchoServer;
import net.websocket.itest.peers.NettyPeerClient;
import net.websocket.itest.support.InteropMatrix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.net.URI;

/**
 * Our client against a Netty server with Netty's permessage-deflate ({@link NettyEchoServer#start(boolean)}): it
 * accepts {@code server_no_context_takeover} but declines {@code server_max_window_bits}, for which it takes our
 * client's fallback offer.
 */
@InteropMatrix.Row(InteropMatrix.NETTY_SERVER_DEFLATE)
class NettyServerDeflateInteropTest extends OurClientDeflateContract {

    private static NettyEchoServer server;

    @BeforeAll
    static void start() throws Exception {
        server = NettyEchoServer.start(true);
        InteropMatrix.version(InteropMatrix.NETTY_SERVER_DEFLATE, "Netty " + NettyPeerClient.nettyVersion());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    URI uri(String path) {
        return server.uri(path);
    }

    @Override
    boolean acceptsServerMaxWindowBits() {
        return false;
    }
}
