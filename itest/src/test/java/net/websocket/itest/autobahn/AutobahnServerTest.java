package net.websocket.itest.autobahn;

import net.websocket.api.WebSocketServer;
import net.websocket.itest.support.EchoServers;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Autobahn TestSuite against our server: wstest's fuzzing client runs sections 1-7, 9 and 10 (or the cases in
 * {@code -Dautobahn.cases=...}) against an echo endpoint on our runtime. Reports: {@code target/autobahn/server}.
 */
class AutobahnServerTest {

    @Test
    void fuzzingClientAgainstOurEchoServer() throws Exception {
        assertTrue(Wstest.available(), "wstest jars missing in " + Wstest.libDir());
        try (WebSocketServer server = EchoServers.start()) {
            AutobahnReport report = AutobahnRun.fuzzServer("server", Wstest.AGENT,
                    "Autobahn fuzzingclient vs net.websocket server", EchoServers.echoUri(server));
            AutobahnRun.assertAllPassed(report);
        }
    }
}
