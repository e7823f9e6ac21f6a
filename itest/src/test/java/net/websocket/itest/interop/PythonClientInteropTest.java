package net.websocket.itest.interop;

import net.websocket.itest.support.ExternalPeer;
import net.websocket.itest.support.InteropServer;
import net.websocket.itest.support.PythonPeer;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The python-websockets client ({@code ws_client.py}: text, binary, fragmented and large messages, pings both ways,
 * closes both ways, subprotocols) against our server. Skipped where that package is missing.
 */
class PythonClientInteropTest {

    @Test
    void pythonWebsocketsClientAgainstOurServer() throws Exception {
        String why = PythonPeer.unavailableReason();
        assumeTrue(why == null, () -> "python-websockets peer skipped: " + why);
        try (InteropServer server = InteropServer.start()) {
            ExternalPeer.Result r = ExternalPeer.run(
                    PythonPeer.command("ws_client.py", "ws://127.0.0.1:" + server.port()), Duration.ofMinutes(3));
            System.out.println(r.output());
            assertEquals(0, r.exitCode(), () -> "python-websockets client checks failed:\n" + r.output());
            assertTrue(r.output().contains("checks failed 0"), () -> "unexpected output:\n" + r.output());
        }
    }
}
