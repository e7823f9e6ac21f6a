package net.websocket.itest.interop;

import net.websocket.itest.support.InteropMatrix;
import net.websocket.itest.support.PythonPeer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The python-websockets client ({@code ws_client.py}: text, binary, fragmented and large messages, pings both ways,
 * closes both ways, subprotocols) against our server, once without extensions and once with permessage-deflate
 * (see {@link PeerClientScript}). Skipped where that package is missing.
 */
class PythonClientInteropTest {

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
        String test = "PythonClientInteropTest.pythonWebsocketsClientAgainstOurServer";
        requirePeer(InteropMatrix.PYTHON_CLIENT, test);
        PeerClientScript.runUncompressed(InteropMatrix.PYTHON_CLIENT, test,
                args -> PythonPeer.command("ws_client.py", args), CHECKS);
    }

    @Test
    void pythonWebsocketsClientWithDeflateAgainstOurServer() throws Exception {
        String test = "PythonClientInteropTest.pythonWebsocketsClientWithDeflateAgainstOurServer";
        requirePeer(InteropMatrix.PYTHON_CLIENT_DEFLATE, test);
        PeerClientScript.runCompressed(InteropMatrix.PYTHON_CLIENT_DEFLATE, test,
                args -> PythonPeer.command("ws_client.py", args), CHECKS,
                List.of("deflate_agreed", "deflate_variants", "deflate_wire"));
    }

    /** Records the row as skipped and aborts the test when the peer is missing; records its version otherwise. */
    private static void requirePeer(String row, String test) {
        String why = PythonPeer.unavailableReason();
        if (why != null) {
            InteropMatrix.skipped(row, test, why, InteropMatrix.FEATURES);
        }
        assumeTrue(why == null, () -> "python-websockets peer skipped: " + why);
        InteropMatrix.version(row, "websockets " + PythonPeer.version());
    }
}
