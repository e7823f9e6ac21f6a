package net.websocket.itest.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import net.websocket.api.Connection;
import net.websocket.api.Message;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ./ws serve --cluster redis://HOST:PORT} in OSGi: two processes of the distribution jar, started as
 * {@code ./ws serve} starts them ({@code -Dwebsocket.cluster=redis://...}), on one redis-server the test starts on a
 * free 127.0.0.1 port. A line a client of the first sends on {@code /topic/x} reaches a client of the second on
 * {@code /topic/x}. Every process is stopped at the end. Skipped without redis-server ({@code scripts/install-peers}
 * installs it).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ClusterDistributionTest {

    private static final Pattern LISTENING =
            Pattern.compile("net\\.websocket server default listening on ws://127\\.0\\.0\\.1:(\\d+)/");
    /** A fresh JVM starting Felix and every bundle on a busy 2-core machine: generous. */
    private static final Duration READY = Duration.ofSeconds(60);
    private static final String SBIN = ":/usr/sbin:/usr/local/sbin:/sbin";

    /** A child process, its output lines collected. */
    private record Child(String name, Process process, List<String> lines) {
        static Child start(String name, List<String> command) throws IOException {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close(); // no console: the shell stops, the framework keeps serving
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null;) {
                        lines.add(l);
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, name + "-output");
            reader.setDaemon(true);
            reader.start();
            return new Child(name, p, lines);
        }

        /** Waits for a line matching the pattern and returns its match. */
        Matcher await(Pattern pattern) throws InterruptedException {
            long deadline = System.nanoTime() + READY.toNanos();
            while (System.nanoTime() - deadline < 0) {
                for (String l : lines) {
                    Matcher m = pattern.matcher(l);
                    if (m.find()) {
                        return m;
                    }
                }
                if (!process.isAlive()) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(50); // the output is collected by another thread: polled
            }
            throw new AssertionError(name + " printed no line matching " + pattern + ": " + lines);
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aLineSentOnOneNodeReachesTheOther() throws Exception {
        Assumptions.assumeTrue(binary("redis-server"),
                "redis-server is not installed (scripts/install-peers installs it)");
        Path dir = Files.createTempDirectory("cluster-distribution");
        int redisPort = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = OsgiFramework.distributionJar().toString();
        List<Child> children = new ArrayList<>();
        try {
            Child redis = Child.start("redis", List.of(redisServer(), "--port", Integer.toString(redisPort),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()));
            children.add(redis);
            redis.await(Pattern.compile("Ready to accept connections"));
            List<Integer> ports = new ArrayList<>();
            for (String name : List.of("node1", "node2")) {
                children.add(Child.start(name, List.of(java, "-Xmx128m", "-Dwebsocket.port=0",
                        "-Dwebsocket.cluster=redis://127.0.0.1:" + redisPort, "-jar", jar)));
            }
            for (Child node : children.subList(1, 3)) {
                node.await(Pattern.compile("net\\.websocket topics on redis://127\\.0\\.0\\.1:" + redisPort));
                ports.add(Integer.parseInt(node.await(LISTENING).group(1)));
            }

            try (Connection c1 = Clients.connect(ports.get(0), "/topic/x");
                    Connection c2 = Clients.connect(ports.get(1), "/topic/x")) {
                // each node delivers through Redis only: a client receiving its own message shows that its node's
                // subscription to Redis is up (a message published before that is lost, as pub/sub is)
                awaitOwnEcho(c1, "ready 1");
                awaitOwnEcho(c2, "ready 2");
                c1.sendText("hello from node 1");
                assertEquals("hello from node 1", nextLine(c2));
                assertEquals("hello from node 1", nextLine(c1));
            }
        } finally {
            for (int i = children.size() - 1; i >= 0; i--) {
                children.get(i).stop();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
        for (Child node : children.subList(1, children.size())) {
            assertTrue(node.lines().stream().noneMatch(l -> l.contains("Exception")),
                    node.name() + ": " + node.lines());
        }
    }

    /**
     * Sends {@code tag N} until the connection receives one of them back: at most 40 tries of 500 ms.
     */
    private static void awaitOwnEcho(Connection c, String tag) throws IOException {
        for (int i = 0; i < 40; i++) {
            c.sendText(tag + " " + i);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            try {
                for (long left; (left = deadline - System.nanoTime()) > 0;) {
                    Message m = c.receive(Duration.ofNanos(left));
                    if (m == null) {
                        throw new AssertionError("closed while waiting for '" + tag + "'");
                    }
                    if (m.text().startsWith(tag + " ")) {
                        return;
                    }
                }
            } catch (TimeoutException notYet) {
                // the node's subscription is not up yet: send again
            }
        }
        throw new AssertionError("never received '" + tag + " N' back");
    }

    /** The next message that is not a {@code ready} message, within 20 s. */
    private static String nextLine(Connection c) throws IOException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            Message m = c.receive(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (m == null) {
                throw new AssertionError("closed");
            }
            if (!m.text().startsWith("ready ")) {
                return m.text();
            }
        }
    }

    private static String redisServer() {
        String path = System.getenv().getOrDefault("PATH", "") + SBIN;
        return Stream.of(path.split(":")).filter(d -> !d.isEmpty()).map(d -> Paths.get(d, "redis-server"))
                .filter(Files::isExecutable).findFirst().map(Path::toString).orElseThrow();
    }

    private static boolean binary(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + SBIN;
        return Stream.of(path.split(":")).filter(d -> !d.isEmpty()).map(d -> Paths.get(d, name))
                .anyMatch(Files::isExecutable);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
