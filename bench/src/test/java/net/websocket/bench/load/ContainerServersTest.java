package net.websocket.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The servlet-container and Jakarta servers ({@link Containers}), each in a JVM of its own on its container's class
 * path, as the suite starts them, on 127.0.0.1: a brief scenario (a) (small text echoes, many in flight), a few round
 * trips of scenario (b), one whole handshake, and the closing handshakes, each bounded in time.
 */
class ContainerServersTest {

    /** Bound on each load run's time. */
    private static final long SHORT_NANOS = 200_000_000L;

    /** Bound on opening or closing a load's connections. */
    private static final long OPEN_NANOS = 30_000_000_000L;

    static List<String> servers() {
        return Containers.NAMES;
    }

    private static Suite suite(String server) {
        return new Suite(new Settings(1, 0.2, 0.2, 10, 100, 5, 0.2, List.of(server), "ab",
                Path.of("target", "containers-test"), null, -1, "test", "?", null));
    }

    @ParameterizedTest
    @MethodSource("servers")
    void echoesAndClosesCleanly(String server) throws IOException {
        Suite suite = suite(server);
        try (ServerProcess p = suite.start(server, 1, List.of())) {
            assertEquals(server, p.target().name());
            try (EchoLoad load = EchoLoad.open(p.target(), 4, 8, Frames.OP_TEXT, Frames.asciiPayload(32), 1,
                    System.nanoTime() + OPEN_NANOS)) {
                load.runFor(SHORT_NANOS);
                // close lets the messages in flight come back: at least the 4 x 8 sent first
                assertEquals(0, load.close(OPEN_NANOS), "every connection closed cleanly");
                assertTrue(load.messagesReceived() >= 4 * 8, "echoes came back: " + load.messagesReceived());
                assertEquals(load.messagesReceived() * 32, load.payloadBytesReceived());
            }
            Latency.Percentiles q = Latency.run(p.target(), Frames.asciiPayload(32), 10_000_000L, 100,
                    5_000_000_000L, 3);
            assertEquals(100, q.samples());
            Handshakes.openAndClose(p.target(), new SplittableRandom(4));
            assertTrue(p.isAlive());
        }
        assertFalse(suite.problems().iterator().hasNext(), suite.problems().toString());
    }

    @Test
    void runOnlyWhenNamedAndEachContainerAlone() throws IOException {
        assertEquals(Suite.SERVERS, Settings.parse(new String[0]).servers(), "the default stays the five");
        assertEquals(List.of("ours", "ours-tomcat", "tomcat"),
                Settings.parse(new String[] {"--servers", "ours,ours-tomcat,tomcat"}).servers());
        assertThrows(IllegalArgumentException.class, () -> Settings.parse(new String[] {"--servers", "tomcat9"}));
        assertFalse(jars("ours-tomcat").anyMatch(j -> j.startsWith("jetty-") || j.startsWith("undertow-")));
        assertFalse(jars("ours-jetty").anyMatch(j -> j.startsWith("tomcat-") || j.startsWith("undertow-")));
        assertTrue(jars("ours-jetty").anyMatch(j -> j.startsWith("net.websocket.servlet.jetty-")),
                "Jetty's way of switching protocols, which WebSocketServlet finds by ServiceLoader");
        assertFalse(jars("ours-tomcat").anyMatch(j -> j.startsWith("net.websocket.servlet.jetty-")));
        assertFalse(jars("ours-undertow").anyMatch(j -> j.startsWith("net.websocket.servlet.jetty-")));
        assertFalse(jars("ours-undertow").anyMatch(j -> j.startsWith("tomcat-") || j.startsWith("jetty-")));
        assertFalse(jars("jakarta-ours").anyMatch(j -> j.startsWith("tomcat-") || j.startsWith("jetty-")));
        assertTrue(jars("jakarta-ours").anyMatch(j -> j.startsWith("net.websocket.jakarta-")));
        assertFalse(jars("jakarta-jetty").anyMatch(j -> j.startsWith("net.websocket.jakarta-")),
                "Jetty's default configurator, not ours");
    }

    /** The jar names of a server's container directory. */
    private static Stream<String> jars(String server) throws IOException {
        String cp = Containers.classPath(Containers.get(server));
        Path dir = Path.of(cp.substring(cp.lastIndexOf(File.pathSeparatorChar) + 1).replace("*", ""));
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList().stream();
        }
    }
}
