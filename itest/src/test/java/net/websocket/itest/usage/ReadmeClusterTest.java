package net.websocket.itest.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's "Clusters" section, run as a user runs it: its five commands (redis-server, two {@code ./ws serve
 * --plain ... --cluster}, nginx with {@code cluster/examples/nginx.conf}, a {@code ./ws connect} through nginx) and
 * the second client of the sentence after them, read from README.md and run with bash from the checkout. Only the
 * ports (6379, 8080, 8081, 8082) are replaced by free ones, in the commands and in a copy of the nginx
 * configuration, and nginx's directory is one under {@code itest/target}; everything listens on 127.0.0.1. A line
 * typed in either client must be printed by both. Every process is stopped at the end. Skipped when redis-server or
 * nginx is not installed ({@code scripts/install-peers} installs both).
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ReadmeClusterTest {

    private static final Duration READY = Duration.ofSeconds(60);
    private static final String SBIN = ":/usr/sbin:/usr/local/sbin:/sbin";
    private static final String NGINX_CONF = "$PWD/cluster/examples/nginx.conf";
    private static final String NGINX_DIR = "/tmp/ws-nginx";

    /** A command started with bash, its output in a file. */
    private record Run(String name, Process process, Path log) {
        /** Waits until its output contains {@code text}. */
        void await(String text) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + READY.toNanos();
            while (System.nanoTime() - deadline < 0) {
                if (output().contains(text)) {
                    return;
                }
                if (!process.isAlive()) {
                    throw new AssertionError(name + " ended before printing '" + text + "':\n" + output());
                }
                TimeUnit.MILLISECONDS.sleep(20); // the output goes to a file: polled
            }
            throw new AssertionError(name + " did not print '" + text + "' within " + READY + ":\n" + output());
        }

        String output() throws IOException {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        }

        void type(String line) throws IOException {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        void stop() throws InterruptedException {
            List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
            all.add(process.toHandle());
            all.forEach(ProcessHandle::destroy);
            for (ProcessHandle p : all) {
                try {
                    p.onExit().get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    p.destroyForcibly();
                }
            }
        }
    }

    @Test
    void twoServersBehindNginxShareATopic() throws Exception {
        Assumptions.assumeTrue(binary("redis-server") && binary("nginx"),
                "redis-server or nginx is not installed (scripts/install-peers installs both)");
        Path checkout = Readme.checkout();
        List<String> lines = Files.readAllLines(checkout.resolve("README.md"), StandardCharsets.UTF_8);
        List<String> commands = fiveCommands(lines);
        Matcher then = Pattern.compile("Then `(\\./ws connect [^`]+)`").matcher(String.join("\n", lines));
        assertTrue(then.find(), "README.md: the sentence with the second client");
        String secondClient = then.group(1);

        Map<String, String> ports = new LinkedHashMap<>();
        for (String port : List.of("6379", "8080", "8081", "8082")) {
            ports.put(port, Integer.toString(freePort()));
        }
        Path dir = checkout.resolve("itest/target/readme-cluster");
        Files.createDirectories(dir);
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, withPorts(Files.readString(checkout.resolve("cluster/examples/nginx.conf")), ports));
        Path nginxDir = dir.resolve("nginx");

        List<Run> runs = new ArrayList<>();
        try {
            Run redis = start(runs, checkout, dir, "redis", withPorts(commands.get(0), ports));
            redis.await("Ready to accept connections");
            Run node1 = start(runs, checkout, dir, "serve1", withPorts(commands.get(1), ports));
            Run node2 = start(runs, checkout, dir, "serve2", withPorts(commands.get(2), ports));
            node1.await("listening on ws://127.0.0.1:" + ports.get("8081"));
            node2.await("listening on ws://127.0.0.1:" + ports.get("8082"));
            String nginx = commands.get(3);
            assertTrue(nginx.contains(NGINX_CONF) && nginx.contains(NGINX_DIR), nginx);
            start(runs, checkout, dir, "nginx", withPorts(nginx, ports).replace(NGINX_CONF, conf.toString())
                    .replace(NGINX_DIR, nginxDir.toString()));
            awaitListening(Integer.parseInt(ports.get("8080")), runs.get(runs.size() - 1));
            Run client1 = start(runs, checkout, dir, "client1", withPorts(commands.get(4), ports));
            Run client2 = start(runs, checkout, dir, "client2", withPorts(secondClient, ports));
            client1.await("connected to");
            client2.await("connected to");

            client1.type("hello from the first client");
            client1.await("< hello from the first client");
            client2.await("< hello from the first client");
            client2.type("and from the second");
            client1.await("< and from the second");
            client2.await("< and from the second");
        } finally {
            for (int i = runs.size() - 1; i >= 0; i--) {
                runs.get(i).stop();
            }
        }
    }

    /** The indented block of the five commands. */
    static List<String> fiveCommands(List<String> lines) {
        int i = 0;
        while (i < lines.size() && !lines.get(i).contains("in five commands")) {
            i++;
        }
        assertTrue(i < lines.size(), "README.md: 'in five commands'");
        while (i < lines.size() && !lines.get(i).startsWith("    ")) {
            i++;
        }
        List<String> commands = new ArrayList<>();
        for (; i < lines.size() && lines.get(i).startsWith("    "); i++) {
            commands.add(lines.get(i).strip());
        }
        assertEquals(5, commands.size(), "README.md: the five commands: " + commands);
        assertTrue(commands.get(0).startsWith("redis-server ") && commands.get(1).startsWith("./ws serve ")
                && commands.get(2).startsWith("./ws serve ") && commands.get(3).contains("nginx ")
                && commands.get(4).startsWith("./ws connect "), commands.toString());
        return commands;
    }

    /** The text with each of the README's ports after ':' or a space replaced by its free one. */
    static String withPorts(String text, Map<String, String> ports) {
        Matcher m = Pattern.compile("(?<=[: ])(6379|8080|8081|8082)\\b").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, ports.get(m.group(1)));
        }
        return m.appendTail(out).toString();
    }

    private static Run start(List<Run> runs, Path checkout, Path dir, String name, String command)
            throws IOException {
        Path log = dir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(checkout.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().merge("PATH", SBIN, String::concat);
        pb.environment().put("JAVA_OPTS", "-Xmx128m");
        Run run = new Run(name, pb.start(), log);
        runs.add(run);
        return run;
    }

    private static void awaitListening(int port, Run nginx) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY.toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                if (!nginx.process().isAlive() || System.nanoTime() - deadline > 0) {
                    throw new AssertionError("nginx did not listen on " + port + ":\n" + nginx.output());
                }
                TimeUnit.MILLISECONDS.sleep(20); // nginx prints nothing when it listens: polled
            }
        }
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
