package net.websocket.itest.autobahn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.websocket.examples.JakartaEcho;
import net.websocket.examples.JakartaEchoServer;
import net.websocket.jakarta.JakartaServerContainer;

/**
 * Autobahn TestSuite against the Jakarta face: wstest's fuzzing client runs the cases against the
 * {@code @ServerEndpoint} echo of the examples ({@link JakartaEcho}, what {@code ./ws serve --jakarta} runs, with the
 * example server's 16 MiB limits) in a Jakarta container on 127.0.0.1. Every case must pass strictly. Reports:
 * {@code target/autobahn/jakarta}.
 *
 * <p>Which cases: in the normal build sections 1-7 and 10; section 9 (large messages and many small ones: most of
 * the run's time, on the same runtime path as the plain echo, which {@code AutobahnServerTest} runs in full) only
 * with {@code -Dautobahn.jakarta=full}, which runs all of 1-7, 9 and 10 (the 301 cases recorded in
 * docs/JAKARTA.md); {@code -Dautobahn.cases=...} chooses the cases, as for the other suites.
 */
class JakartaAutobahnServerTest {

    /** The cases to run (see the class comment). */
    static List<String> cases() {
        String chosen = System.getProperty("autobahn.cases");
        if (chosen != null && !chosen.isBlank() || "full".equals(System.getProperty("autobahn.jakarta"))) {
            return Wstest.cases();
        }
        return Wstest.DEFAULT_CASES.stream().filter(c -> !c.equals("9.*")).toList();
    }

    @Test
    void fuzzingClientAgainstTheJakartaEcho() throws Exception {
        assertTrue(Wstest.available(), "wstest jars missing in " + Wstest.libDir());
        try (JakartaServerContainer container = JakartaEchoServer.start("127.0.0.1", 0)) {
            AutobahnReport report = AutobahnRun.fuzzServer("jakarta", Wstest.AGENT,
                    "Autobahn fuzzingclient vs net.websocket Jakarta @ServerEndpoint echo",
                    URI.create("ws://127.0.0.1:" + container.server().port() + JakartaEcho.PATH), cases());
            AutobahnRun.assertAllPassed(report);
        }
    }
}
