package net.websocket.itest.autobahn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

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
 */
// beside the other classes, but not beside the other Autobahn runs: see the surefire configuration in pom.xml
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("wstest")
class ContainerAutobahnTest {

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
        try (ContainerServer server = ContainerServer.startExamples(kind, "127.0.0.1", 0)) {
            AutobahnReport report = AutobahnRun.fuzzServer("container-" + name, Wstest.AGENT + "-" + name,
                    "Autobahn fuzzingclient vs net.websocket through " + name,
                    URI.create("ws://127.0.0.1:" + server.port() + "/echo"), cases());
            AutobahnRun.assertAllPassed(report);
        }
    }
}
