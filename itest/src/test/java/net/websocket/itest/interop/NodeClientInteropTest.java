package net.websocket.itest.interop;

import net.websocket.itest.support.InteropMatrix;
import net.websocket.itest.support.NodePeer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Node ws client ({@code ws_client.js}: text, binary, fragmented and large messages, pings both ways,
 * closes both ways, subprotocols) against our server, once without extensions and once with permessage-deflate
 * (see {@link PeerClientScript}). Skipped where node or npm is missing.
 */
class NodeClientInteropTest {

    /** The script's checks and the matrix features each covers. */
    private static final Map<String, List<String>> CHECKS = Map.of(
            "textAndBinary", List.of(InteropMatrix.TEXT, InteropMatrix.BINARY),
            "fragmented", List.of(InteropMatrix.FRAGMENTED),
            "large", List.of(InteropMatrix.LARGE),
            "pingPong", List.of(InteropMatrix.PING_PONG),
            "clientClose", List.of(InteropMatrix.CLOSE_CODES),
            "serverClose", List.of(InteropMatrix.CLOSE_CODES),
            "subprotocols", List.of(InteropMatrix.SUBPROTOCOL));

    @Test
    void nodeWsClientAgainstOurServer() throws Exception {
        String test = "NodeClientInteropTest.nodeWsClientAgainstOurServer";
        requirePeer(InteropMatrix.NODE_CLIENT, test);
        PeerClientScript.runUncompressed(InteropMatrix.NODE_CLIENT, test,
                args -> NodePeer.command("ws_client.js", args), CHECKS);
    }

    @Test
    void nodeWsClientWithDeflateAgainstOurServer() throws Exception {
        String test = "NodeClientInteropTest.nodeWsClientWithDeflateAgainstOurServer";
        requirePeer(InteropMatrix.NODE_CLIENT_DEFLATE, test);
        PeerClientScript.runCompressed(InteropMatrix.NODE_CLIENT_DEFLATE, test,
                args -> NodePeer.command("ws_client.js", args), CHECKS,
                List.of("deflateAgreed", "deflateVariants", "deflateWire"));
    }

    /** Records the row as skipped and aborts the test when the peer is missing; records its version otherwise. */
    private static void requirePeer(String row, String test) {
        String why = NodePeer.unavailableReason();
        if (why != null) {
            InteropMatrix.skipped(row, test, why, InteropMatrix.FEATURES);
        }
        assumeTrue(why == null, () -> "Node ws peer skipped: " + why);
        InteropMatrix.version(row, "ws " + NodePeer.version("ws"));
    }
}
