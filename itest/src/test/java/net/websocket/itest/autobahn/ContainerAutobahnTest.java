package net.websocket.itest.autobahn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import net.websocket.servlet.containers.ContainerServer;
import net.websocket.servlet.containers.ContainerServer.Kind;

/**
 * Autobahn TestSuite against the example {@code /echo} endpoint served through the servlet upgrade
 * ({@code WebSocketServlet}) in each embedded container, as {@code ./ws serve --container NAME} runs it: wstest's
 * fuzzing client, the same cases and strictness as {@link AutobahnServerTest}. One full run per container (each about
 * as long as that test's); {@code -Dtest='ContainerAutobahnTest#jetty'} runs one. Each is disabled for now, with the
 * open defect that fails it. Reports: {@code target/autobahn/container-NAME}.
 */
class ContainerAutobahnTest {

    @Test
    @Disabled("Jetty 12.1.14 (ee10) carries the upgraded stream only for a request with Content-Length: 0, which"
            + " wstest does not send: Jetty reads the WebSocket bytes as a new HTTP request and answers 400")
    void jetty() throws Exception {
        fuzz(Kind.JETTY);
    }

    @Test
    @Disabled("open defect of UpgradedConnection (reads on the connection's I/O thread race Tomcat's own): the run"
            + " stalled at case 9.2.5 (a 4 MiB binary message) until the run's timeout")
    void tomcat() throws Exception {
        fuzz(Kind.TOMCAT);
    }

    @Test
    @Disabled("open defect of UpgradedConnection (reads on the connection's I/O thread race Undertow's read-ahead):"
            + " the full run stalled at case 9.1.6 (a 16 MiB text message) until the run's timeout; see"
            + " undertowWithoutLargeMessages")
    void undertow() throws Exception {
        fuzz(Kind.UNDERTOW);
    }

    /** Sections 1-7 and 10 through Undertow: all but the large messages of section 9 (see {@link #undertow()}). */
    @Test
    void undertowWithoutLargeMessages() throws Exception {
        assertTrue(Wstest.available(), "wstest jars missing in " + Wstest.libDir());
        List<String> cases = List.of("1.*", "2.*", "3.*", "4.*", "5.*", "6.*", "7.*", "10.*");
        try (ContainerServer server = ContainerServer.startExamples(Kind.UNDERTOW, "127.0.0.1", 0)) {
            Path outdir = Wstest.outputRoot().resolve("container-undertow-sections");
            String agent = Wstest.AGENT + "-undertow";
            long start = System.nanoTime();
            Wstest.fuzzingClient(outdir, agent, URI.create("ws://127.0.0.1:" + server.port() + "/echo"), cases,
                    AutobahnRun.RUN_TIMEOUT);
            AutobahnRun.assertAllPassed(AutobahnRun.finish(outdir, agent,
                    "Autobahn fuzzingclient vs net.websocket through undertow, sections 1-7 and 10", cases, start));
        }
    }

    private static void fuzz(Kind kind) throws Exception {
        assertTrue(Wstest.available(), "wstest jars missing in " + Wstest.libDir());
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        try (ContainerServer server = ContainerServer.startExamples(kind, "127.0.0.1", 0)) {
            AutobahnReport report = AutobahnRun.fuzzServer("container-" + name, Wstest.AGENT + "-" + name,
                    "Autobahn fuzzingclient vs net.websocket through " + name,
                    URI.create("ws://127.0.0.1:" + server.port() + "/echo"));
            AutobahnRun.assertAllPassed(report);
        }
    }
}
