package net.websocket.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.websocket.bench.servers.ClusterFanOutNode;

/**
 * Scenario (k), cluster fan-out ({@code bench/run --scenarios k}): one publisher to many subscribers (10,000 by
 * default) of one topic spread evenly over two nodes of a cluster, for each broker:
 * <ul>
 *   <li>{@code local}: two servers in one JVM sharing one in-JVM {@code Topics} ({@code local:/});</li>
 *   <li>{@code redis}: two server JVMs on one redis-server, the topic fire-and-forget (pub/sub);</li>
 *   <li>{@code streams}: the same, the topic at-least-once (Redis Streams).</li>
 * </ul>
 * The run starts redis-server itself on 127.0.0.1 (a free port, no persistence, files under the output directory)
 * and stops it; the Redis brokers are skipped with a message when redis-server is not installed. For each broker:
 * a warm-up as fast as delivery allows, then messages at a bounded rate (latency from publish to receipt at every
 * subscriber: p50, p99, p99.9, max), then as fast as delivery allows (the publisher at most
 * {@value TopicFanOutLoad#WINDOW} messages ahead of the slowest subscriber: deliveries per second and latency).
 * The figures go to {@code OUT/cluster-fanout.md}.
 */
public final class ClusterFanOut {

    /** How long a node or redis-server may take to start. */
    private static final long START_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** How long opening and subscribing all subscribers may take. */
    private static final long OPEN_NANOS = TimeUnit.SECONDS.toNanos(180);
    /** The size of every message: the sequence number and the time, padded. */
    private static final int PAYLOAD = 64;
    private static final List<String> BROKERS = List.of("local", "redis", "streams");

    private final Path out;
    private final int cpu;
    private final int subscribers;
    private final double rate;
    private final double warmupSeconds;
    private final double seconds;

    private ClusterFanOut(Path out, int cpu, int subscribers, double rate, double warmupSeconds, double seconds) {
        this.out = out;
        this.cpu = cpu;
        this.subscribers = subscribers;
        this.rate = rate;
        this.warmupSeconds = warmupSeconds;
        this.seconds = seconds;
    }

    /** One broker's figures in one round. */
    private record Row(String broker, int round, TopicFanOutLoad.Result paced, TopicFanOutLoad.Result fast) {
    }

    /**
     * Runs the scenario.
     *
     * @param args {@code --rounds N}, {@code --quick} (1,000 subscribers, short phases), {@code --brokers
     *             local,redis,streams}, {@code --subscribers N}, {@code --rate MESSAGES_PER_SECOND} (of the
     *             bounded-rate phase: 1, or 5 with {@code --quick}), {@code --seconds S} (of each measured phase),
     *             {@code --out DIR}, {@code --server-cpu N}, {@code --commit C}, {@code --nproc N}
     * @throws Exception if the run fails
     */
    public static void main(String[] args) throws Exception {
        int rounds = 1;
        boolean quick = false;
        List<String> brokers = BROKERS;
        Integer subscribers = null;
        Double rate = null;
        Double seconds = null;
        Path out = Path.of("target");
        int cpu = -1;
        String commit = "unknown";
        String nproc = "?";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--quick" -> quick = true;
                case "--brokers" -> brokers = List.of(args[++i].split(","));
                case "--subscribers" -> subscribers = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Double.valueOf(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--server-cpu" -> cpu = Integer.parseInt(args[++i]);
                case "--commit" -> commit = args[++i];
                case "--nproc" -> nproc = args[++i];
                case "--scenarios" -> {
                    if (!args[++i].equals("k")) {
                        throw new IllegalArgumentException("scenario (k) runs alone: --scenarios k");
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        for (String b : brokers) {
            if (!BROKERS.contains(b)) {
                throw new IllegalArgumentException("unknown broker " + b + "; known: " + BROKERS);
            }
        }
        ClusterFanOut run = new ClusterFanOut(out.resolve("cluster-fanout"), cpu,
                subscribers != null ? subscribers : quick ? 1_000 : 10_000, rate != null ? rate : quick ? 5 : 1,
                quick ? 1 : 3,
                seconds != null ? seconds : quick ? 3 : 10);
        String loadBefore = loadAverage();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Row> rows = run.rounds(rounds, brokers);
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (List.of("--out", "--server-cpu", "--commit", "--nproc").contains(args[i])) {
                i++; // given by bench/run, not by its caller
            } else {
                asked.add(args[i]);
            }
        }
        String report = run.report(rows, commit, nproc, started, loadBefore, loadAverage(), String.join(" ", asked));
        Files.createDirectories(out);
        Files.writeString(out.resolve("cluster-fanout.md"), report);
        System.out.println(report);
    }

    private List<Row> rounds(int rounds, List<String> brokers) throws IOException, InterruptedException {
        Optional<Path> redisServer = binary("redis-server");
        List<String> runnable = new ArrayList<>(brokers);
        if (redisServer.isEmpty() && runnable.removeIf(b -> !b.equals("local"))) {
            log("redis-server is not installed (scripts/install-peers installs it): the redis and streams brokers"
                    + " are skipped");
        }
        List<Row> rows = new ArrayList<>();
        Process redis = null;
        try {
            int redisPort = 0;
            if (runnable.stream().anyMatch(b -> !b.equals("local"))) {
                redisPort = freePort();
                redis = startRedis(redisServer.orElseThrow(), redisPort);
            }
            for (int round = 1; round <= rounds; round++) {
                for (String broker : runnable) {
                    rows.add(runBroker(broker, round, redisPort));
                }
            }
        } finally {
            if (redis != null) {
                redis.destroy();
                stop(redis);
            }
        }
        return rows;
    }

    private Row runBroker(String broker, int round, int redisPort) throws IOException, InterruptedException {
        log("round %d, %s: starting the nodes", round, broker);
        String redisUri = "redis://127.0.0.1:" + redisPort;
        List<Node> nodes = new ArrayList<>();
        String topic = broker.equals("streams") ? "stream-bench" : "bench";
        try {
            switch (broker) {
                case "local" -> nodes.add(startNode("local-" + round, List.of("local:/", "2")));
                case "redis" -> {
                    nodes.add(startNode("redis-" + round + "-a", List.of(redisUri, "1")));
                    nodes.add(startNode("redis-" + round + "-b", List.of(redisUri, "1")));
                }
                default -> {
                    nodes.add(startNode("streams-" + round + "-a", List.of(redisUri, "1", "stream-*")));
                    nodes.add(startNode("streams-" + round + "-b", List.of(redisUri, "1", "stream-*")));
                }
            }
            List<InetSocketAddress> addresses = nodes.stream().flatMap(n -> n.ports.stream())
                    .map(p -> new InetSocketAddress(InetAddress.getLoopbackAddress(), p)).toList();
            log("round %d, %s: opening %,d subscribers on %s", round, broker, subscribers, addresses);
            try (TopicFanOutLoad load = TopicFanOutLoad.open(addresses, topic, subscribers, round * 31L + 7,
                    System.nanoTime() + OPEN_NANOS)) {
                load.windowed(PAYLOAD, nanos(warmupSeconds));
                TopicFanOutLoad.Result paced = load.paced(PAYLOAD, rate, nanos(seconds));
                log("round %d, %s: %.1f messages/s: p50 %s, p99 %s", round, broker, rate, ms(paced.p50()),
                        ms(paced.p99()));
                TopicFanOutLoad.Result fast = load.windowed(PAYLOAD, nanos(seconds));
                log("round %d, %s: as fast as delivery allows: %,.0f deliveries/s, p50 %s, p99 %s", round, broker,
                        fast.deliveriesPerSecond(), ms(fast.p50()), ms(fast.p99()));
                return new Row(broker, round, paced, fast);
            }
        } finally {
            for (Node n : nodes) {
                n.close();
            }
        }
    }

    /** A JVM of nodes ({@link ClusterFanOutNode}) and the ports it serves on. */
    private record Node(Process process, List<Integer> ports) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            try {
                process.getOutputStream().close(); // the node stops when its standard input ends
            } catch (IOException e) {
                process.destroy();
            }
            stop(process);
        }
    }

    private Node startNode(String name, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (cpu >= 0) {
            cmd.addAll(List.of("taskset", "-c", Integer.toString(cpu)));
        }
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Suite.SERVER_JVM_FLAGS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ClusterFanOutNode.class.getName()));
        cmd.addAll(args);
        Path log = out.resolve(name + ".log");
        Process p = start(cmd, log);
        String ready = awaitLine(p, log, "READY ", "BROKER UNREACHABLE");
        if (!ready.startsWith("READY ")) {
            stop(p);
            throw new IOException(name + ": " + ready + "; see " + log);
        }
        List<Integer> ports = Arrays.stream(ready.substring(6).trim().split(" ")).map(Integer::valueOf).toList();
        return new Node(p, ports);
    }

    private Process startRedis(Path redisServer, int port) throws IOException, InterruptedException {
        Path dir = out.resolve("redis");
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>();
        if (cpu >= 0) {
            cmd.addAll(List.of("taskset", "-c", Integer.toString(cpu)));
        }
        cmd.addAll(List.of(redisServer.toString(), "--bind", "127.0.0.1", "--port", Integer.toString(port),
                "--protected-mode", "yes", "--daemonize", "no", "--dir", dir.toAbsolutePath().toString(),
                "--save", "", "--appendonly", "no"));
        Process p = start(cmd, out.resolve("redis.log"));
        awaitLine(p, out.resolve("redis.log"), "Ready to accept connections", null);
        log("redis-server on 127.0.0.1:%d", port);
        return p;
    }

    private Process start(List<String> cmd, Path log) throws IOException {
        Files.createDirectories(out);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits for a line of the process' output containing {@code text} (or {@code failure}), and returns it. */
    private static String awaitLine(Process p, Path log, String text, String failure)
            throws IOException, InterruptedException {
        long end = System.nanoTime() + START_NANOS;
        while (System.nanoTime() - end < 0) {
            for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
                if (line.contains(text) || failure != null && line.contains(failure)) {
                    return line.substring(line.indexOf(line.contains(text) ? text : failure));
                }
            }
            if (!p.isAlive()) {
                throw new IOException("exited with " + p.exitValue() + " before it was ready; see " + log);
            }
            TimeUnit.MILLISECONDS.sleep(50); // the output goes to a file: polled
        }
        stop(p);
        throw new IOException("not ready in " + START_NANOS / 1_000_000_000 + " s; see " + log);
    }

    /** Waits for a process told to stop, then ends it (SIGTERM, then SIGKILL) if it lingers. */
    private static void stop(Process p) throws InterruptedException {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private String report(List<Row> rows, String commit, String nproc, Instant started, String loadBefore,
            String loadAfter, String args) {
        StringBuilder s = new StringBuilder();
        s.append("### Cluster fan-out (scenario k)\n\n");
        s.append(String.format("Commit %s, %s, %s CPUs, load average %s at the start and %s at the end; "
                + "arguments: %s%n%n", commit, started, nproc, loadBefore, loadAfter, args.isEmpty() ? "none" : args));
        s.append(String.format("1 publisher, %,d subscribers of one topic on 2 nodes (half on each), %d-byte text "
                + "messages; bounded rate %.1f messages/s, then as fast as delivery allows (at most %d messages ahead "
                + "of the slowest subscriber), %.0f s each after a %.0f s warm-up. Latency: publish to receipt at "
                + "each subscriber, over every delivery.%n%n", subscribers, PAYLOAD, rate, TopicFanOutLoad.WINDOW,
                seconds, warmupSeconds));
        s.append("| broker | round | bounded rate: deliveries/s | p50 | p99 | p99.9 | max "
                + "| as fast as allowed: messages/s | deliveries/s | p50 | p99 | p99.9 |\n");
        s.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row r : rows) {
            s.append(String.format("| %s | %d | %,.0f | %s | %s | %s | %s | %,.1f | %,.0f | %s | %s | %s |%n",
                    label(r.broker()), r.round(), r.paced().deliveriesPerSecond(), ms(r.paced().p50()),
                    ms(r.paced().p99()), ms(r.paced().p999()), ms(r.paced().max()),
                    r.fast().messages() * 1e9 / r.fast().nanos(), r.fast().deliveriesPerSecond(),
                    ms(r.fast().p50()), ms(r.fast().p99()), ms(r.fast().p999())));
        }
        return s.toString();
    }

    private static String label(String broker) {
        return switch (broker) {
            case "local" -> "in-JVM (`local:/`)";
            case "redis" -> "Redis pub/sub";
            default -> "Redis Streams";
        };
    }

    private static String ms(long nanos) {
        return nanos >= 10_000_000 ? String.format("%.0f ms", nanos / 1e6) : String.format("%.2f ms", nanos / 1e6);
    }

    private static long nanos(double seconds) {
        return (long) (seconds * 1e9);
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Optional<Path> binary(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin:/sbin";
        return Stream.of(path.split(":")).filter(d -> !d.isEmpty()).map(d -> Paths.get(d, name))
                .filter(Files::isExecutable).findFirst();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void log(String format, Object... args) {
        System.err.printf("[k] " + format + "%n", args);
    }
}
