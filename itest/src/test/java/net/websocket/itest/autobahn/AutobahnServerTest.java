package net.websocket.itest.autobahn;

import net.websocket.api.WebSocketServer;
import net.websocket.examples.ExampleServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Autobahn TestSuite against our server: wstest's fuzzing client runs sections 1-7, 9 and 10 (or the cases in
 * {@code -Dautobahn.cases=...}) against the example server's {@code /echo} endpoint (the one {@code ./ws serve}
 * runs, with its 16 MiB limits) on 127.0.0.1. Reports: {@code target/autobahn/server}.
 */
// beside the other classes, but not beside the other Autobahn run: see the surefire configuration in pom.xml
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("wstest")
class AutobahnServerTest {

    @Test
    void fuzzingClientAgainstExampleEchoServer() throws Exception {
        assertTrue(Wstest.available(), "wstest jars missing in " + Wstest.libDir());
        try (WebSocketServer server = ExampleServer.start("127.0.0.1", 0)) {
            AutobahnReport report = AutobahnRun.fuzzServer("server", Wstest.AGENT,
                    "Autobahn fuzzingclient vs net.websocket server",
                    URI.create("ws://127.0.0.1:" + server.port() + "/echo"));
            AutobahnRun.assertAllPassed(report);
        }
    }
}
