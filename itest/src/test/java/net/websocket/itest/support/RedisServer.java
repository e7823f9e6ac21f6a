package net.websocket.itest.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A redis-server of a test's own (never the system service): on a free 127.0.0.1 port, nothing saved, its files and
 * output in the test's directory, asking for a password if given one. It waits for the server's ready line within a
 * bound; {@link #close()} stops it. The executable is {@code redis-server} on the PATH or in the sbin directories
 * ({@code scripts/install-peers} installs it).
 */
public final class RedisServer implements AutoCloseable {

    /** It starts in milliseconds; this bounds a loaded machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** {@return the redis-server executable, if installed} */
    public static Optional<Path> executable() {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin:/sbin";
        return Stream.of(path.split(":")).filter(d -> !d.isEmpty()).map(d -> Paths.get(d, "redis-server"))
                .filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts one and waits until it accepts connections.
     *
     * @param dir      its working directory and where its output goes ({@code redis.out})
     * @param password the password it asks for ({@code requirepass}), or {@code null} for none
     */
    public static RedisServer start(Path dir, String password) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(executable().orElseThrow().toString(),
                "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--dir", dir.toAbsolutePath().toString()));
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        Path output = dir.resolve("redis.out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        RedisServer redis = new RedisServer(p, port);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            String out = Files.exists(output) ? Files.readString(output, StandardCharsets.ISO_8859_1) : "";
            if (out.contains("Ready to accept connections")) {
                return redis;
            }
            if (!p.isAlive() || System.nanoTime() - deadline > 0) {
                redis.close();
                throw new IllegalStateException("redis-server did not start on " + port + ":\n" + out);
            }
            TimeUnit.MILLISECONDS.sleep(20); // its output goes to a file: polled
        }
    }

    /** {@return the port it listens on, on 127.0.0.1} */
    public int port() {
        return port;
    }

    /** Stops it (and, should it not stop in time, ends it). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
