package net.websocket.itest.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A Karaf instance for a test: a fresh copy of an unpacked distribution, told to listen on 127.0.0.1 only (its SSH
 * console on a free port, the default server of the examples on port 0), to take Maven artifacts from one local
 * repository and never from the network, and to let the user {@code karaf} in; started with {@code bin/karaf server}
 * and driven with {@code bin/client} in batch mode; {@link #close()} stops it with {@code bin/stop} (Karaf's
 * shutdown port, on localhost). Every wait is bounded.
 */
final class Karaf implements AutoCloseable {

    /** The longest one batch of commands may take. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(180);
    /** How many times {@link #awaitOutput} runs its command before it gives up. */
    private static final int AWAIT_RUNS = 40;

    private final Path home;
    private final int sshPort;
    private final Process process;

    private Karaf(Path home, int sshPort, Process process) {
        this.home = home;
        this.sshPort = sshPort;
        this.process = process;
    }

    /**
     * Copies the distribution {@code dist} to {@code run} (replacing what is there), configures it and starts it;
     * {@link #runOnceReady} waits for its console.
     *
     * @param repo the local Maven repository Karaf resolves {@code mvn:} URLs from (and only from)
     */
    static Karaf start(Path dist, Path run, Path repo) throws IOException {
        assertTrue(Files.isRegularFile(dist.resolve("bin/karaf")), "no Karaf distribution in " + dist);
        delete(run);
        copy(dist, run);
        int ssh = freePort();
        edit(run.resolve("etc/org.apache.karaf.shell.cfg"), s -> s
                .replaceAll("(?m)^sshHost\\s*=.*$", "sshHost = 127.0.0.1")
                .replaceAll("(?m)^sshPort\\s*=.*$", "sshPort = " + ssh)
                .replaceAll("(?m)^sftpEnabled\\s*=.*$", "sftpEnabled = false"));
        edit(run.resolve("etc/users.properties"), s -> s
                .replaceAll("(?m)^#karaf = ", "karaf = ")
                .replaceAll("(?m)^#_g_", "_g_"));
        // the later definition of a key wins: no remote repositories, and the build's local one
        edit(run.resolve("etc/org.ops4j.pax.url.mvn.cfg"), s -> s + "\norg.ops4j.pax.url.mvn.repositories =\n"
                + "org.ops4j.pax.url.mvn.localRepository = " + repo.toAbsolutePath() + "\n");
        edit(run.resolve("etc/system.properties"), s -> s + "\nwebsocket.host = 127.0.0.1\nwebsocket.port = 0\n");

        ProcessBuilder pb = new ProcessBuilder("sh", "bin/karaf", "server").directory(run.toFile())
                .redirectErrorStream(true).redirectOutput(run.resolve("karaf.console").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        // should the test JVM end before close(), Karaf goes with it
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }));
        return new Karaf(run, ssh, p);
    }

    /** The instance's directory. */
    Path home() {
        return home;
    }

    /**
     * Runs shell commands in one batch (one {@code bin/client}, a JVM of its own) and answers what they printed.
     *
     * @throws AssertionError if the client fails, a command fails, or the batch outlasts its bound
     */
    String run(String... commands) throws IOException, InterruptedException {
        return client(5, commands);
    }

    /**
     * Runs {@code commands} and then {@code poll} in one batch, then {@code poll} alone until its output satisfies
     * {@code done}, at most {@value #AWAIT_RUNS} times in all; answers the last output.
     */
    String awaitOutput(List<String> commands, String poll, Predicate<String> done)
            throws IOException, InterruptedException {
        List<String> batch = new ArrayList<>(commands);
        batch.add(poll);
        String out = run(batch.toArray(new String[0]));
        for (int i = 1; i < AWAIT_RUNS && !done.test(out); i++) {
            out = run(poll);
        }
        return done.test(out) ? out : fail("after " + AWAIT_RUNS + " runs, " + poll + " still printed\n" + out);
    }

    /**
     * Waits for Karaf's console, then runs {@code commands} in one batch and answers what they printed.
     *
     * @param timeout how long the console may take to answer
     */
    String runOnceReady(Duration timeout, String... commands) throws IOException, InterruptedException {
        return client((int) timeout.toSeconds(), commands);
    }

    private String client(int attempts, String... commands) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", "bin/client", "-h", "127.0.0.1", "-a", String.valueOf(sshPort),
                "-u", "karaf", "-p", "karaf", "-r", String.valueOf(attempts), "-d", "1", "-b")
                .directory(home.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path output = Files.createTempFile(home, "client", ".out");
        pb.redirectOutput(output.toFile());
        Process c = pb.start();
        try (OutputStream in = c.getOutputStream()) {
            in.write((String.join("\n", commands) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        boolean ended = c.waitFor(COMMAND_TIMEOUT.toSeconds() + attempts, TimeUnit.SECONDS);
        if (!ended) {
            c.destroyForcibly();
        }
        String out = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        assertTrue(ended, "bin/client did not end: " + List.of(commands) + "\n" + out);
        assertEquals(0, c.exitValue(), "bin/client failed: " + List.of(commands) + "\n" + out);
        assertTrue(!out.contains("Error executing command") && !out.contains("Command not found"),
                List.of(commands) + "\n" + out);
        return out;
    }

    /** Stops Karaf ({@code bin/stop}), or ends its processes if it does not stop in time. */
    @Override
    public void close() throws IOException, InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        if (process.isAlive()) {
            ProcessBuilder pb = new ProcessBuilder("sh", "bin/stop").directory(home.toFile())
                    .redirectErrorStream(true).redirectOutput(home.resolve("stop.out").toFile());
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process stop = pb.start();
            if (!stop.waitFor(60, TimeUnit.SECONDS)) {
                stop.destroyForcibly();
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            all.forEach(ProcessHandle::destroyForcibly);
        }
        for (ProcessHandle h : all) {
            h.onExit().completeOnTimeout(h, 30, TimeUnit.SECONDS).join();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void edit(Path file, java.util.function.UnaryOperator<String> change) throws IOException {
        String before = Files.readString(file, StandardCharsets.ISO_8859_1);
        String after = change.apply(before);
        assertTrue(!after.equals(before), "nothing changed in " + file);
        Files.writeString(file, after, StandardCharsets.ISO_8859_1);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            s.forEach(f -> {
                try {
                    Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
