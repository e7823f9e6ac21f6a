package net.websocket.itest.interop;

import net.websocket.itest.support.ExternalPeer;
import net.websocket.itest.support.InteropServer;
import net.websocket.itest.support.NodePeer;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Node ws client ({@code ws_client.js}: text, binary, fragmented and large messages, pings both ways,
 * closes both ways, subprotocols) against our server. Skipped where node or npm is missing.
 */
class NodeClientInteropTest {

    @Test
    void nodeWsClientAgainstOurServer() throws Exception {
        String why = NodePeer.unavailableReason();
        assumeTrue(why == null, () -> "Node ws peer skipped: " + why);
        try (InteropServer server = InteropServer.start()) {
            ExternalPeer.Result r = ExternalPeer.run(
                    NodePeer.command("ws_client.js", "ws://127.0.0.1:" + server.port()), Duration.ofMinutes(3));
            System.out.println(r.output());
            assertEquals(0, r.exitCode(), () -> "Node ws client checks failed:\n" + r.output());
            assertTrue(r.output().contains("checks failed 0"), () -> "unexpected output:\n" + r.output());
        }
    }
}
