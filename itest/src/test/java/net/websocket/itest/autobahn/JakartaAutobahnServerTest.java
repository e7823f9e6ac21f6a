package net.websocket.itest.autobahn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;

import net.websocket.examples.JakartaEcho;
import net.websocket.examples.JakartaEchoServer;
import net.websocket.jakarta.JakartaServerContainer;

/**
 * Autobahn TestSuite against the Jakarta face: wstest's fuzzing client runs sections 1-7, 9 and 10 (or the cases in
 * {@code -Dautobahn.cases=...}) against the {@code @ServerEndpoint} echo of the examples ({@link JakartaEcho}, what
 * {@code ./ws serve --jakarta} runs, with the example server's 16 MiB limits) in a Jakarta container on 127.0.0.1.
 * Every case must pass strictly. Reports: {@code target/autobahn/jakarta}.
 */
class JakartaAutobahnServerTest {

    @Test
    void fuzzingClientAgainstTheJakartaEcho() throws Exception {
        assertTrue(Wstest.available(), "wstest jars missing in " + Wstest.libDir());
        try (JakartaServerContainer container = JakartaEchoServer.start("127.0.0.1", 0)) {
            AutobahnReport report = AutobahnRun.fuzzServer("jakarta", Wstest.AGENT,
                    "Autobahn fuzzingclient vs net.websocket Jakarta @ServerEndpoint echo",
                    URI.create("ws://127.0.0.1:" + container.server().port() + JakartaEcho.PATH));
            AutobahnRun.assertAllPassed(report);
        }
    }
}
