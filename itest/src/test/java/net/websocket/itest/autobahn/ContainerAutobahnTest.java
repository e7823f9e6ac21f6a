package net.websocket.itest.autobahn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import net.websocket.examples.ExampleServer;
import net.websocket.runtime.ServerOptions;
import net.websocket.servlet.WebSocketServlet;
import net.websocket.servlet.containers.ContainerServer;
import net.websocket.servlet.containers.ContainerServer.Kind;

/**
 * Autobahn TestSuite against the example {@code /echo} endpoint served through the servlet upgrade
 * ({@code WebSocketServlet}) in each embedded container, as {@code ./ws serve --container NAME} runs it: wstest's
 * fuzzing client, the same strictness as {@link AutobahnServerTest}. {@code -Dtest='ContainerAutobahnTest#tomcat'} runs
 * one container. Reports: {@code target/autobahn/container-NAME}.
 *
 * <p>Which cases: in the normal build sections 1-4, 6.22.33 (once closed uncleanly through Tomcat) and one large
 * message (9.2.5, 8 MiB binary, the case that once stalled through Tomcat), to keep the build's time (the 16 MiB
 * cases 9.1.6 and 9.2.6 take wstest 40-65 s each here; {@code ContainerWebSocketTest} echoes 16 MiB through each
 * container in a second or two instead); all 301 with {@code -Dautobahn.containers=full} (the runs recorded in
 * docs/CONFORMANCE.md); {@code -Dautobahn.cases=...} chooses the cases, as for the other suites.
 *
 * <p>Keepalive: the example server's settings but a longer ping interval ({@link #WSTEST_SILENCE}). wstest reads
 * nothing while it builds a 16 MiB frame (it masks it in Jython before it writes a byte of it), which took more than
 * the example's 15 s + 15 s on this loaded machine (9.2.6: the ping after 15 s went unanswered, the connection had
 * read nothing since the handshake and written nothing but the ping; wstest's pong went out after its frame). The
 * pong timeout stays 15 s, shorter than the write timeout, so a ping behind our 16 MiB echo still waits as long as a
 * peer reading through it needs.
 */
// beside the other classes, but not beside the other Autobahn runs: see the surefire configuration in pom.xml
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("wstest")
class ContainerAutobahnTest {

    /** How long wstest may say nothing before it is pinged: longer than it takes to build a 16 MiB frame here. */
    static final Duration WSTEST_SILENCE = Duration.ofSeconds(45);

    /** The cases to run (see the class comment). */
    static List<String> cases() {
        String chosen = System.getProperty("autobahn.cases");
        if (chosen != null && !chosen.isBlank() || "full".equals(System.getProperty("autobahn.containers"))) {
            return Wstest.cases();
        }
        return Stream.of("1.*", "2.*", "3.*", "4.*", "6.22.33", "9.2.5").toList();
    }

    /** Through Jetty 12.1, where the servlet switches protocols with the module net.websocket.servlet.jetty. */
    @Test
    void jetty() throws Exception {
        fuzz(Kind.JETTY);
    }

    @Test
    void tomcat() throws Exception {
        fuzz(Kind.TOMCAT);
    }

    @Test
    void undertow() throws Exception {
        fuzz(Kind.UNDERTOW);
    }

    private static void fuzz(Kind kind) throws Exception {
        assertTrue(Wstest.available(), "wstest jars missing in " + Wstest.libDir());
        String name = kind.name().toLowerCase(Locale.ROOT);
        ServerOptions options = ExampleServer.options("127.0.0.1", 0).toBuilder().pingInterval(WSTEST_SILENCE)
                .pongTimeout(Duration.ofSeconds(15)).build();
        try (ContainerServer server = ContainerServer.start(kind, "127.0.0.1", 0,
                new WebSocketServlet(options, ExampleServer.mapper()))) {
            AutobahnReport report = AutobahnRun.fuzzServer("container-" + name, Wstest.AGENT + "-" + name,
                    "Autobahn fuzzingclient vs net.websocket through " + name,
                    URI.create("ws://127.0.0.1:" + server.port() + "/echo"), cases());
            AutobahnRun.assertAllPassed(report);
        }
    }
}
