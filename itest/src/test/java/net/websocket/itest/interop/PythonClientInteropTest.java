package net.websocket.itest.interop;

import net.websocket.itest.support.ExternalPeer;
import net.websocket.itest.support.InteropMatrix;
import net.websocket.itest.support.InteropServer;
import net.websocket.itest.support.PythonPeer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The python-websockets client ({@code ws_client.py}: text, binary, fragmented and large messages, pings both ways,
 * closes both ways, subprotocols) against our server. Skipped where that package is missing.
 */
class PythonClientInteropTest {

    private static final String TEST = "PythonClientInteropTest.pythonWebsocketsClientAgainstOurServer";

    /** The script's checks and the matrix features each covers. */
    private static final Map<String, List<String>> CHECKS = Map.of(
            "text_and_binary", List.of(InteropMatrix.TEXT, InteropMatrix.BINARY),
            "fragmented", List.of(InteropMatrix.FRAGMENTED),
            "large", List.of(InteropMatrix.LARGE),
            "ping_pong", List.of(InteropMatrix.PING_PONG),
            "client_close", List.of(InteropMatrix.CLOSE_CODES),
            "server_close", List.of(InteropMatrix.CLOSE_CODES),
            "subprotocols", List.of(InteropMatrix.SUBPROTOCOL));

    @Test
    void pythonWebsocketsClientAgainstOurServer() throws Exception {
        String why = PythonPeer.unavailableReason();
        if (why != null) {
            InteropMatrix.skipped(InteropMatrix.PYTHON_CLIENT, TEST, why, InteropMatrix.FEATURES);
        }
        assumeTrue(why == null, () -> "python-websockets peer skipped: " + why);
        InteropMatrix.version(InteropMatrix.PYTHON_CLIENT, "websockets " + PythonPeer.version());
        try (InteropServer server = InteropServer.start()) {
            ExternalPeer.Result r = ExternalPeer.run(
                    PythonPeer.command("ws_client.py", "ws://127.0.0.1:" + server.port()), Duration.ofMinutes(3));
            System.out.println(r.output());
            InteropMatrix.recordChecks(InteropMatrix.PYTHON_CLIENT, TEST, r.output(), CHECKS);
            assertEquals(0, r.exitCode(), () -> "python-websockets client checks failed:\n" + r.output());
            assertTrue(r.output().contains("checks failed 0"), () -> "unexpected output:\n" + r.output());
        }
    }
}
