package net.websocket.itest.interop;

import net.websocket.itest.support.ExternalPeer;
import net.websocket.itest.support.InteropMatrix;
import net.websocket.itest.support.InteropServer;
import net.websocket.itest.support.NodePeer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Node ws client ({@code ws_client.js}: text, binary, fragmented and large messages, pings both ways,
 * closes both ways, subprotocols) against our server. Skipped where node or npm is missing.
 */
class NodeClientInteropTest {

    private static final String TEST = "NodeClientInteropTest.nodeWsClientAgainstOurServer";

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
        String why = NodePeer.unavailableReason();
        if (why != null) {
            InteropMatrix.skipped(InteropMatrix.NODE_CLIENT, TEST, why, InteropMatrix.FEATURES);
        }
        assumeTrue(why == null, () -> "Node ws peer skipped: " + why);
        InteropMatrix.version(InteropMatrix.NODE_CLIENT, "ws " + NodePeer.version("ws"));
        try (InteropServer server = InteropServer.start()) {
            ExternalPeer.Result r = ExternalPeer.run(
                    NodePeer.command("ws_client.js", "ws://127.0.0.1:" + server.port()), Duration.ofMinutes(3));
            System.out.println(r.output());
            InteropMatrix.recordChecks(InteropMatrix.NODE_CLIENT, TEST, r.output(), CHECKS);
            assertEquals(0, r.exitCode(), () -> "Node ws client checks failed:\n" + r.output());
            assertTrue(r.output().contains("checks failed 0"), () -> "unexpected output:\n" + r.output());
        }
    }
}
