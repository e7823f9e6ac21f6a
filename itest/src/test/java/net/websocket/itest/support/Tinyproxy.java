package net.websocket.itest.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP proxy for the client's proxy tests: Debian's {@code tinyproxy} (package {@code tinyproxy-bin}, which
 * {@code scripts/install-peers} installs), run in the foreground on a free loopback port with a configuration file
 * written here: it listens on and connects from 127.0.0.1, admits only 127.0.0.1, opens tunnels (CONNECT) only to
 * the given ports and only to the hosts {@code 127.0.0.1} and {@code localhost} (a filter that denies every other
 * host, with {@code 403 Filtered}), and with a user and password asks for Basic authentication (407). Its log and PID file go to
 * the test's directory. The executable is the system property {@code itest.tinyproxy}, else {@code tinyproxy} on
 * the PATH or in {@code /usr/bin} or {@code /usr/sbin}.
 */
public final class Tinyproxy implements AutoCloseable {

    /** It starts in milliseconds; this bounds a loaded machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** Pause between two probes of its port while it starts. */
    private static final long PROBE_MILLIS = 20;

    private static volatile String executable;
    private static volatile String unavailable;
    private static volatile boolean checked;

    private final Process process;
    private final int port;
    private final Path output;
    private final Path log;

    private Tinyproxy(Process process, int port, Path output, Path log) {
        this.process = process;
        this.port = port;
        this.output = output;
        this.log = log;
    }

    /** Why tinyproxy cannot run here, or {@code null} if it can. */
    public static synchronized String unavailableReason() {
        if (!checked) {
            unavailable = find();
            checked = true;
        }
        return unavailable;
    }

    private static String find() {
        List<String> candidates = new ArrayList<>();
        String property = System.getProperty("itest.tinyproxy");
        if (property != null && !property.isBlank()) {
            candidates.add(property);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "tinyproxy").toString());
            }
        }
        candidates.add("/usr/bin/tinyproxy");
        candidates.add("/usr/sbin/tinyproxy");
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                executable = c;
                return null;
            }
        }
        return "tinyproxy not found (scripts/install-peers installs it: apt-get install tinyproxy-bin)";
    }

    /**
     * Starts a tinyproxy that tunnels to {@code connectPorts} only, and returns once it accepts connections.
     *
     * @param dir      where its configuration, log and PID file go
     * @param user     the user of Basic authentication, or {@code null} for a proxy that asks for none
     * @param password the password of that user
     */
    public static Tinyproxy start(Path dir, List<Integer> connectPorts, String user, String password)
            throws IOException, InterruptedException {
        if (unavailableReason() != null) {
            throw new IllegalStateException(unavailableReason());
        }
        int port = freePort();
        Path log = dir.resolve("tinyproxy-" + port + ".log");
        StringBuilder conf = new StringBuilder()
                .append("Port ").append(port).append('\n')
                .append("Listen 127.0.0.1\n")
                .append("Bind 127.0.0.1\n")
                .append("Allow 127.0.0.1\n")
                .append("Timeout 60\n")
                .append("MaxClients 50\n")
                .append("LogLevel Info\n")
                .append("LogFile \"").append(log).append("\"\n")
                .append("PidFile \"").append(dir.resolve("tinyproxy-" + port + ".pid")).append("\"\n");
        // an allow list: every other host is refused before it is looked up or connected to
        Path allow = dir.resolve("tinyproxy-" + port + ".allow");
        Files.writeString(allow, "^127\\.0\\.0\\.1$\n^localhost$\n", StandardCharsets.US_ASCII);
        conf.append("Filter \"").append(allow).append("\"\n")
                .append("FilterType ere\n")
                .append("FilterDefaultDeny Yes\n");
        for (int p : connectPorts) {
            conf.append("ConnectPort ").append(p).append('\n');
        }
        if (user != null) {
            conf.append("BasicAuth ").append(user).append(' ').append(password).append('\n');
        }
        Path file = dir.resolve("tinyproxy-" + port + ".conf");
        Files.writeString(file, conf.toString(), StandardCharsets.US_ASCII);
        Path output = dir.resolve("tinyproxy-" + port + ".out");
        // -d: in the foreground (a child of this JVM, ended by close())
        Process p = new ProcessBuilder(executable, "-d", "-c", file.toString()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        Tinyproxy proxy = new Tinyproxy(p, port, output, log);
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
        try {
            proxy.awaitListening();
        } catch (IOException | InterruptedException | RuntimeException e) {
            proxy.close();
            throw e;
        }
        return proxy;
    }

    /**
     * Waits until the port takes a connection, at most {@link #START_TIMEOUT}; fails at once if the process ends.
     * Polling: a starting process announces nothing a test can wait on (where it logs depends on its version).
     */
    private void awaitListening() throws IOException, InterruptedException {
        long end = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("tinyproxy exited with " + process.exitValue() + ":\n" + output());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() - end > 0) {
                    throw new IOException("tinyproxy did not listen on 127.0.0.1:" + port + " within "
                            + START_TIMEOUT + ":\n" + output(), notYet);
                }
            }
            Thread.sleep(PROBE_MILLIS);
        }
    }

    /** A port free on 127.0.0.1 a moment ago (tinyproxy needs a port number; it cannot report one it chose). */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** The port it listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** What it printed and logged so far, for failure messages. */
    public String output() {
        StringBuilder sb = new StringBuilder();
        for (Path f : List.of(output, log)) {
            try {
                if (Files.exists(f)) {
                    sb.append(Files.readString(f, StandardCharsets.ISO_8859_1));
                }
            } catch (IOException e) {
                sb.append("(cannot read ").append(f).append(": ").append(e.getMessage()).append(")\n");
            }
        }
        return sb.toString();
    }

    /** Stops it (SIGTERM, then a kill after 5 s) and whatever it started. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
