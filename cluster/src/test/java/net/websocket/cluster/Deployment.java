package net.websocket.cluster;

import java.io.IOException;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The processes of a test deployment, all on 127.0.0.1 with their files under one directory: redis-server with its
 * own configuration (never the system service), example nodes in child JVMs, nginx with the shipped example
 * configuration. Each waits for its ready signal within a bound and is stopped by {@link #close()}.
 */
final class Deployment implements AutoCloseable {
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();

    Deployment(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    /** {@return the executable, searched on the PATH and in the sbin directories, if installed} */
    static Optional<Path> binary(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin:/sbin";
        return Stream.of(path.split(":")).filter(d -> !d.isEmpty()).map(d -> Paths.get(d, name))
                .filter(Files::isExecutable).findFirst();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A started process and the lines it printed, kept in its log file. */
    final class Started {
        final Process process;
        final Path log;

        Started(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        /** Waits for a line containing the text in the process' output. */
        void await(String text, Duration timeout) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text)) {
                    return;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException(log + ": exited before printing " + text + ":\n" + tail());
                }
                TimeUnit.MILLISECONDS.sleep(20); // the output goes to a file: polled
            }
            throw new IllegalStateException(log + ": no " + text + " within " + timeout + ":\n" + tail());
        }

        String tail() throws IOException {
            String all = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
            return all.substring(Math.max(0, all.length() - 2000));
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    Started start(String name, List<String> command) throws IOException {
        Path log = dir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        processes.add(process);
        return new Started(process, log);
    }

    /**
     * Starts (or restarts, with the same files) redis-server on a port, with append-only persistence and any more
     * lines of configuration (such as {@code requirepass SECRET}).
     */
    Started redis(Path redisServer, int port, String... moreConfiguration) throws IOException, InterruptedException {
        Path data = dir.resolve("redis");
        Files.createDirectories(data);
        Path conf = data.resolve("redis.conf");
        Files.writeString(conf, String.join("\n",
                "bind 127.0.0.1",
                "port " + port,
                "protected-mode yes",
                "daemonize no",
                "dir " + data.toAbsolutePath(),
                "save \"\"",
                "appendonly yes",
                "appendfsync always",
                "logfile \"\"",
                String.join("\n", moreConfiguration),
                ""));
        Started redis = start("redis", List.of(redisServer.toString(), conf.toAbsolutePath().toString()));
        redis.await("Ready to accept connections", Duration.ofSeconds(20));
        return redis;
    }

    /** Starts an example node in a child JVM with this JVM's class path. */
    Started node(String name, int port, String broker, String atLeastOnce) throws IOException, InterruptedException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Started node = start(name, List.of(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                ClusterNode.class.getName(), name, Integer.toString(port), broker, atLeastOnce));
        node.await("READY", Duration.ofSeconds(30));
        return node;
    }

    /** Starts nginx with the shipped example configuration, its ports replaced. */
    Started nginx(Path nginx, Path exampleConf, int port, int node1, int node2)
            throws IOException, InterruptedException {
        Path prefix = dir.resolve("nginx");
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("temp"));
        String conf = Files.readString(exampleConf)
                .replace("127.0.0.1:8080", "127.0.0.1:" + port)
                .replace("127.0.0.1:8081", "127.0.0.1:" + node1)
                .replace("127.0.0.1:8082", "127.0.0.1:" + node2);
        Path confFile = prefix.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        Started started = start("nginx", List.of(nginx.toString(), "-p", prefix.toAbsolutePath() + "/",
                "-c", confFile.toAbsolutePath().toString(), "-e", "stderr", "-g", "daemon off;"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return started;
            } catch (IOException notYet) {
                if (!started.process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("nginx did not listen on " + port + ":\n" + started.tail());
                }
                TimeUnit.MILLISECONDS.sleep(20); // nginx prints nothing when it listens: polled
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
