package net.websocket.itest.interop;

import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;
import net.websocket.itest.peers.NettyPeerClient;
import net.websocket.itest.support.InteropMatrix.Cells;
import net.websocket.itest.support.InteropMatrix;
import net.websocket.itest.support.PeerClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Netty's WebSocket client with its permessage-deflate ({@code WebSocketClientCompressionHandler}) against our
 * server, and with offers of {@code no_context_takeover} and {@code server_max_window_bits}.
 */
@InteropMatrix.Row(InteropMatrix.NETTY_CLIENT_DEFLATE)
class NettyClientDeflateInteropTest extends PeerClientDeflateContract {

    /** zlib's default level. */
    private static final int LEVEL = 6;

    /** The largest window; Netty's client compresses with no other (a smaller one needs JZlib). */
    private static final int MAX_WINDOW_BITS = 15;

    @BeforeAll
    static void recordVersion() {
        InteropMatrix.version(InteropMatrix.NETTY_CLIENT_DEFLATE, "Netty " + NettyPeerClient.nettyVersion());
    }

    @Override
    PeerClient connect(URI uri, String... subprotocols) throws Exception {
        return NettyPeerClient.connectDeflate(uri, subprotocols);
    }

    @Test
    @Cells(InteropMatrix.DEFLATE)
    void deflateVariants() throws Exception {
        // (server window asked for, client_no_context_takeover offered, server_no_context_takeover asked for)
        int[][] variants = {{MAX_WINDOW_BITS, 1, 1}, {10, 0, 0}, {9, 1, 1}};
        for (int[] v : variants) {
            PerMessageDeflateClientExtensionHandshaker offer = new PerMessageDeflateClientExtensionHandshaker(LEVEL,
                    false, v[0], v[1] == 1, v[2] == 1);
            try (PeerClient peer = NettyPeerClient.connectDeflate(server.uri("/echo"), offer)) {
                Map<String, String> p = agreement(peer);
                String what = "window " + v[0] + ", no context takeover " + v[1] + "/" + v[2] + ": agreed " + p;
                if (v[2] == 1) {
                    assertTrue(p.containsKey("server_no_context_takeover"), what);
                }
                if (v[1] == 1) {
                    assertTrue(p.containsKey("client_no_context_takeover"), what);
                }
                if (v[0] < MAX_WINDOW_BITS) {
                    assertEquals(String.valueOf(v[0]), p.get("server_max_window_bits"), what);
                }
                exchange(peer);
            }
        }
    }
}
