package net.websocket.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Scenario (m), a million idle connections on one machine: for each server (ours, Netty, the raw TCP echo: an idle
 * TCP connection is the floor), N connections are opened by {@link IdleHolder} processes from source addresses
 * {@code 127.0.0.2} and up, with keepalive on in the servers (a ping after {@link Settings#pingSeconds()} without
 * input; the holders answer with pongs). It records the time to open them all, the server's live heap (after a full
 * collection, with the classes that grew most) and resident memory per connection, the kernel's slab memory per
 * connection (both ends, from {@code /proc/meminfo}), and a bystander's echo latency on a connection of its own,
 * before the N connections and while they sit there across a keepalive round, with the server's CPU share then, and
 * the live heap again after that round (what an idle connection holds once it has sent a ping and read a pong).
 *
 * <p>Before it starts, it checks what N needs: descriptors (the server needs N, each holder its share),
 * {@code fs.file-max}, and available memory; during the opening it stops as soon as available memory falls under
 * {@link #MEMORY_FLOOR_BYTES}. Whatever happens, the holders and the server are stopped before the next server.
 */
public final class Million {

    /** Below this much available memory ({@code MemAvailable}) the opening stops: the machine is shared. */
    static final long MEMORY_FLOOR_BYTES = 2L << 30;

    /** What N connections are expected to take at most, per connection, with both ends and the kernel's share. */
    static final long BYTES_PER_CONNECTION_ESTIMATE = 12 * 1024;

    /** Descriptors each process needs beyond its connections (jars, the JVM's own). */
    static final int SPARE_DESCRIPTORS = 1_000;

    /** Classes listed per server under the live heap growth: every class of ours and of the JDK's socket. */
    static final int GROWTH_ROWS = 40;

    /** The bystander's payload, as scenario (b)'s. */
    static final int PAYLOAD = 32;

    /**
     * The run's settings; {@code heapBound}, when above 0, is the live heap per idle connection right after opening
     * (bytes) above which a server fails the run ({@code --heap-bound}: the short run of {@code ./ws test});
     * {@code baseline}, when not {@code null}, our server as built from another revision ({@code bench/run --million N
     * --baseline REV}), run when {@code servers} names it.
     */
    record Settings(int connections, List<String> servers, int pingSeconds, int perAddress, int firstPort,
            int perHolder, int inFlight, double rate, long openSeconds, double quietSeconds, double idleSeconds,
            Path outDir, int serverCpu, String commit, int heapBound, Baseline baseline) {

        static Settings parse(String[] args) {
            int n = 1_000_000;
            List<String> servers = List.of("ours", "netty", Netty42.NAME, "raw");
            int ping = 30;
            int perAddress = 25_000;
            int firstPort = 20_000;
            int perHolder = 250_000;
            int inFlight = 256;
            double rate = 20_000;
            Long open = null;
            double quiet = 10;
            Double idle = null;
            Path out = Path.of("target");
            int cpu = -1;
            String commit = "unknown";
            int heapBound = 0;
            String baselineName = null;
            String baselineClassPath = null;
            String baselineCommit = "unknown";
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--connections" -> n = Integer.parseInt(args[++i]);
                    case "--servers" -> servers = List.of(args[++i].split(","));
                    case "--ping-seconds" -> ping = Integer.parseInt(args[++i]);
                    case "--per-address" -> perAddress = Integer.parseInt(args[++i]);
                    case "--per-holder" -> perHolder = Integer.parseInt(args[++i]);
                    case "--in-flight" -> inFlight = Integer.parseInt(args[++i]);
                    case "--rate" -> rate = Double.parseDouble(args[++i]);
                    case "--open-seconds" -> open = Long.parseLong(args[++i]);
                    case "--quiet-seconds" -> quiet = Double.parseDouble(args[++i]);
                    case "--idle-seconds" -> idle = Double.parseDouble(args[++i]);
                    case "--out" -> out = Path.of(args[++i]);
                    case "--server-cpu" -> cpu = Integer.parseInt(args[++i]);
                    case "--commit" -> commit = args[++i];
                    case "--heap-bound" -> heapBound = Integer.parseInt(args[++i]);
                    case "--baseline-server" -> baselineName = args[++i];
                    case "--baseline-class-path" -> baselineClassPath = args[++i];
                    case "--baseline-commit" -> baselineCommit = args[++i];
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (n < 1 || perAddress < 1 || perAddress > 65_535 - firstPort || perHolder < 1) {
                throw new IllegalArgumentException("connections, --per-address (at most " + (65_535 - firstPort)
                        + ") and --per-holder must be positive");
            }
            return new Settings(n, servers, ping, perAddress, firstPort, perHolder, inFlight, rate,
                    open != null ? open : Math.max(60, n / 500), quiet, idle != null ? idle : ping + 5.0, out, cpu,
                    commit, heapBound, baselineName == null ? null
                            : new Baseline(baselineName, baselineClassPath, baselineCommit));
        }

        /** The server JVM's heap: room for 4 KB per connection, at least 1 GB. */
        int serverHeapMegabytes() {
            return (int) Math.max(1024, (long) connections * 4 / 1024);
        }

        /** The holders: the connections split so that none holds more than {@link #perHolder()}. */
        int holders() {
            return (connections + perHolder - 1) / perHolder;
        }
    }

    private final Settings settings;
    private final Map<String, Map<String, Double>> results = new LinkedHashMap<>();
    private final Map<String, String> growth = new LinkedHashMap<>();
    private final Map<String, String> growthAfterRound = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    Million(Settings settings) {
        this.settings = settings;
    }

    /** The settings with no holder holding more connections than the descriptor limit {@code openFiles} allows. */
    static Settings fitHolders(Settings s, long openFiles) {
        int most = (int) Math.max(1, Math.min(Integer.MAX_VALUE, openFiles - SPARE_DESCRIPTORS));
        if (s.perHolder() <= most) {
            return s;
        }
        return new Settings(s.connections(), s.servers(), s.pingSeconds(), s.perAddress(), s.firstPort(), most,
                s.inFlight(), s.rate(), s.openSeconds(), s.quietSeconds(), s.idleSeconds(), s.outDir(), s.serverCpu(),
                s.commit(), s.heapBound(), s.baseline());
    }

    public static void main(String[] args) throws IOException {
        long openFiles = ProcLimits.openFiles();
        Settings s = fitHolders(Settings.parse(args), openFiles);
        String startLoad = Suite.loadAverage();
        Million m = new Million(s);
        String preflight = preflight(s, openFiles, ProcLimits.fileMaxFree(), ProcLimits.memAvailable());
        if (preflight != null) {
            System.err.println("bench/run --million: " + preflight);
            System.exit(2);
        }
        for (String server : s.servers()) {
            m.results.put(server, m.runServer(server));
        }
        String report = m.report(startLoad);
        System.out.println(report);
        Files.createDirectories(s.outDir());
        Files.writeString(s.outDir().resolve("million.md"), report, StandardCharsets.UTF_8);
        System.out.println("written to " + s.outDir().resolve("million.md"));
        if (!m.problems.isEmpty()) {
            System.exit(1);
        }
    }

    /**
     * Why N connections cannot be held here, or {@code null} when the limits allow them.
     *
     * @param openFiles    this process's descriptor limit (the server and the holders inherit it)
     * @param fileMaxFree  descriptors the whole system has left
     * @param memAvailable available memory in bytes
     */
    static String preflight(Settings s, long openFiles, long fileMaxFree, long memAvailable) {
        long perHolder = Math.min(s.connections(), s.perHolder());
        long server = s.connections() + (long) SPARE_DESCRIPTORS;
        if (openFiles < server) {
            return "the open file limit is " + openFiles + ", the server needs " + server + " descriptors: at most "
                    + (openFiles - SPARE_DESCRIPTORS) + " connections here (bench/run raises the limit to fs.nr_open "
                    + "when it may: raising the hard limit, `ulimit -Hn`, needs CAP_SYS_RESOURCE)";
        }
        if (openFiles < perHolder + SPARE_DESCRIPTORS) {
            return "the open file limit is " + openFiles + ", each holder needs " + (perHolder + SPARE_DESCRIPTORS);
        }
        if (fileMaxFree < 2L * s.connections() + 10_000) {
            return "fs.file-max leaves " + fileMaxFree + " descriptors, the run needs " + 2L * s.connections();
        }
        long need = s.connections() * BYTES_PER_CONNECTION_ESTIMATE + MEMORY_FLOOR_BYTES;
        if (memAvailable < need) {
            return String.format(Locale.ROOT, "%,d MB available, %,d connections need about %,d MB", memAvailable >> 20,
                    s.connections(), need >> 20);
        }
        int addresses = (s.connections() + s.perAddress() - 1) / s.perAddress();
        if (addresses > 250) {
            return addresses + " source addresses needed: raise --per-address";
        }
        return null;
    }

    /** One server: start, quiet bystander, open N, measure, bystander across a keepalive round, close. */
    Map<String, Double> runServer(String server) {
        Map<String, Double> m = new LinkedHashMap<>();
        List<String> flags = List.of("-Xmx" + settings.serverHeapMegabytes() + "m", "-XX:+UseSerialGC",
                "-Dbench.pingSeconds=" + settings.pingSeconds(),
                "-Dbench.maxConnections=" + (settings.connections() + 1_000));
        boolean netty42 = server.equals(Netty42.NAME);
        Baseline baseline = settings.baseline();
        boolean base = baseline != null && server.equals(baseline.name());
        String main = netty42 ? Netty42.MAIN_CLASS : base ? Baseline.MAIN_CLASS : "net.websocket.bench.servers."
                + Character.toUpperCase(server.charAt(0)) + server.substring(1) + "EchoServer";
        String classPath = netty42 ? Netty42.classPath() : base ? baseline.classPath()
                : System.getProperty("java.class.path");
        Path log = settings.outDir().resolve("logs").resolve("million-" + server + ".log");
        List<Holder> holders = new ArrayList<>();
        try (ServerProcess p = ServerProcess.start(server, main, classPath, "/echo",
                !server.equals("raw"), settings.serverCpu(), flags, log)) {
            byte[] payload = Frames.asciiPayload(PAYLOAD);
            long quietNanos = (long) (settings.quietSeconds() * 1e9);
            Latency.Percentiles quiet = Latency.run(p.target(), payload, quietNanos / 3, 2_000_000, quietNanos, 1);
            put(m, "m.quiet", quiet);
            ProcStats.Histogram heap0 = ProcStats.liveHeap(p.pid());
            long rss0 = ProcStats.residentBytes(p.pid());
            long slab0 = ProcLimits.meminfo("Slab");
            long t0 = System.nanoTime();
            int left = settings.connections();
            for (int i = 0, address = 0; left > 0; i++) {
                int count = Math.min(left, settings.perHolder());
                holders.add(Holder.start(p.target(), count, address, settings, log.resolveSibling(
                        "million-" + server + "-holder" + i + ".log")));
                address += (count + settings.perAddress() - 1) / settings.perAddress();
                left -= count;
            }
            awaitOpen(p, holders, t0);
            double openSeconds = (System.nanoTime() - t0) / 1e9;
            ServerProcess.sleep(1_000);
            ProcStats.Histogram heap1 = ProcStats.liveHeap(p.pid());
            long rss1 = ProcStats.residentBytes(p.pid());
            long slab1 = ProcLimits.meminfo("Slab");
            int n = settings.connections();
            m.put("m.openSeconds", openSeconds);
            m.put("m.openPerSecond", n / openSeconds);
            double heapPerConn = (heap1.totalBytes() - heap0.totalBytes()) / (double) n;
            m.put("m.heapPerConn", heapPerConn);
            if (settings.heapBound() > 0 && heapPerConn > settings.heapBound()) {
                problems.add(String.format(Locale.ROOT, "%s: %.0f bytes of live heap per idle connection, over the "
                        + "bound of %d", server, heapPerConn, settings.heapBound()));
            }
            m.put("m.rssPerConn", (rss1 - rss0) / (double) n);
            m.put("m.rss", rss1 / 1e6);
            m.put("m.slabPerConn", (slab1 - slab0) / (double) n);
            growth.put(server, Suite.growth(heap0, heap1, n, GROWTH_ROWS));
            long pings0 = pings(holders);
            long cpu0 = ProcStats.cpuNanos(p.pid());
            long idleNanos = (long) (settings.idleSeconds() * 1e9);
            long w0 = System.nanoTime();
            Latency.Percentiles idle = Latency.run(p.target(), payload, 0, 4_000_000, idleNanos, 2);
            long w1 = System.nanoTime();
            long cpu1 = ProcStats.cpuNanos(p.pid());
            put(m, "m.idle", idle);
            m.put("m.pingsPerSecond", (pings(holders) - pings0) / ((w1 - w0) / 1e9));
            m.put("m.serverCpuShare", (cpu1 - cpu0) / (double) (w1 - w0));
            m.put("m.rssAfterRound", ProcStats.residentBytes(p.pid()) / 1e6);
            // what an idle connection holds once keepalive has run: a ping sent and its pong read by each
            ProcStats.Histogram heap2 = ProcStats.liveHeap(p.pid());
            m.put("m.heapAfterRound", (heap2.totalBytes() - heap0.totalBytes()) / (double) n);
            growthAfterRound.put(server, Suite.growth(heap0, heap2, n, GROWTH_ROWS));
            long lost = 0;
            for (Holder h : holders) {
                lost += h.closedByPeer;
            }
            if (lost > 0) {
                problems.add(server + ": " + lost + " idle connection(s) closed by the server");
            }
            if (!p.isAlive()) {
                problems.add(server + ": the server process died; see " + p.log());
            }
            Suite.log("million, %s: %s", server, m);
        } catch (IOException | RuntimeException e) {
            problems.add(server + ": " + e.getMessage());
            Suite.log("million, %s failed: %s", server, e);
        } finally {
            for (Holder h : holders) {
                h.close();
            }
        }
        return m;
    }

    private static void put(Map<String, Double> m, String prefix, Latency.Percentiles q) {
        m.put(prefix + "P50", q.p50() / 1e3);
        m.put(prefix + "P99", q.p99() / 1e3);
        m.put(prefix + "P999", q.p999() / 1e3);
        m.put(prefix + "Samples", (double) q.samples());
    }

    /** Waits until every holder opened its share; fails at once when one fails, or memory runs short. */
    private void awaitOpen(ServerProcess p, List<Holder> holders, long t0) throws IOException {
        long end = t0 + (settings.openSeconds() + 30) * 1_000_000_000L;
        long nextLog = t0;
        while (true) {
            boolean all = true;
            long opened = 0;
            for (Holder h : holders) {
                h.drain();
                if (h.failure != null) {
                    throw new IOException("a holder failed after " + h.opened + " connections: " + h.failure
                            + "; see " + h.log);
                }
                all &= h.done;
                opened += h.opened;
            }
            if (all) {
                return;
            }
            long available = ProcLimits.memAvailable();
            if (available < MEMORY_FLOOR_BYTES) {
                throw new IOException(String.format(Locale.ROOT, "stopped at %,d connections: only %,d MB of memory "
                        + "left available", opened, available >> 20));
            }
            if (!p.isAlive()) {
                throw new IOException("the server died at " + opened + " connections; see " + p.log());
            }
            long now = System.nanoTime();
            if (now - end > 0) {
                throw new IOException("opened " + opened + " connections in " + settings.openSeconds() + " s");
            }
            if (now - nextLog > 0) {
                nextLog = now + 10_000_000_000L;
                Suite.log("million, %s: %,d open after %.0f s, %,d MB available", p.target().name(), opened,
                        (now - t0) / 1e9, available >> 20);
            }
            ServerProcess.sleep(200);
        }
    }

    private static long pings(List<Holder> holders) throws IOException {
        long n = 0;
        for (Holder h : holders) {
            n += h.stats();
        }
        return n;
    }

    /** A holder process and what it said. */
    static final class Holder {
        final Process process;
        final Path log;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        volatile int opened;
        volatile boolean done;
        volatile String failure;
        long closedByPeer;

        private Holder(Process process, Path log) {
            this.process = process;
            this.log = log;
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null;) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
                lines.add("EXIT");
            }, "holder-output");
            t.setDaemon(true);
            t.start();
        }

        static Holder start(Target target, int count, int firstAddress, Settings s, Path log) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx" + Math.max(256, (long) count * 2 / 1024 + 128) + "m", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), IdleHolder.class.getName(),
                    target.address().getAddress().getHostAddress(), Integer.toString(target.address().getPort()),
                    target.path(), target.websocket() ? "websocket" : "raw", Integer.toString(count),
                    Integer.toString(firstAddress), Integer.toString(s.perAddress()),
                    Integer.toString(s.firstPort()), Integer.toString(Math.max(1, s.inFlight() / s.holders())),
                    Double.toString(s.rate() / s.holders()), Long.toString(s.openSeconds())));
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
            return new Holder(p, log);
        }

        void drain() {
            for (String line; (line = lines.poll()) != null;) {
                take(line);
            }
        }

        private void take(String line) {
            if (line.startsWith("PROGRESS ")) {
                opened = Integer.parseInt(line.substring(9).trim());
            } else if (line.startsWith("OPENED ")) {
                String[] f = line.split(" ");
                opened = Integer.parseInt(f[1]);
                done = true;
                if (Integer.parseInt(f[2]) > 0) {
                    failure = f[2] + " connection(s) failed";
                }
            } else if (line.startsWith("FAILED ")) {
                failure = line.substring(7);
            } else if (line.equals("EXIT") && !done && failure == null) {
                failure = "the holder exited; see its log";
            }
        }

        /** Asks for the holder's counts; returns the pings it answered so far. */
        long stats() throws IOException {
            OutputStream out = process.getOutputStream();
            out.write("STATS\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            long end = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() - end < 0) {
                String line;
                try {
                    line = lines.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
                if (line == null) {
                    continue;
                }
                if (line.startsWith("STATS ")) {
                    String[] f = line.split(" ");
                    closedByPeer = Long.parseLong(f[3]);
                    return Long.parseLong(f[1]);
                }
                take(line);
                if (line.equals("EXIT")) {
                    break;
                }
            }
            throw new IOException("a holder did not answer STATS; see " + log);
        }

        /** Tells the holder to reset its connections and exit; kills it if it lingers. */
        void close() {
            try {
                OutputStream out = process.getOutputStream();
                out.write("CLOSE\n".getBytes(StandardCharsets.UTF_8));
                out.close();
            } catch (IOException ignored) {
                // it has gone already
            }
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** The figures side by side, one column per server. */
    String report(String startLoad) {
        String[][] rows = {
            {"m.openSeconds", "time to open all, s"}, {"m.openPerSecond", "connections opened per second"},
            {"m.heapPerConn", "live heap per idle connection, bytes"}, {"m.rssPerConn", "RSS per idle connection, bytes"},
            {"m.rss", "server RSS with N idle connections, MB"},
            {"m.slabPerConn", "kernel slab per connection (both ends), bytes"},
            {"m.quietP50", "bystander p50 before, us"}, {"m.quietP99", "bystander p99 before, us"},
            {"m.quietP999", "bystander p99.9 before, us"}, {"m.idleP50", "bystander p50 with N idle, us"},
            {"m.idleP99", "bystander p99 with N idle, us"}, {"m.idleP999", "bystander p99.9 with N idle, us"},
            {"m.pingsPerSecond", "keepalive pings answered per second"},
            {"m.serverCpuShare", "server CPU share while idle (keepalive)"},
            {"m.rssAfterRound", "server RSS after the keepalive round, MB"},
            {"m.heapAfterRound", "live heap per idle connection after the keepalive round, bytes"}};
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "## Scenario (m): %,d idle connections%n%n", settings.connections()));
        b.append(String.format(Locale.ROOT, "commit %s; keepalive ping after %d s; %,d per source address, %d "
                + "holder process(es); bystander %.0f s before, %.0f s with them; load average at the start %s, at the end "
                + "%s%n%n", settings.commit(), settings.pingSeconds(), settings.perAddress(), settings.holders(),
                settings.quietSeconds(), settings.idleSeconds(), startLoad, Suite.loadAverage()));
        b.append("| figure |");
        results.keySet().forEach(s -> b.append(' ').append(s).append(" |"));
        b.append("\n|---|");
        results.keySet().forEach(s -> b.append("---:|"));
        b.append('\n');
        for (String[] row : rows) {
            b.append("| ").append(row[1]).append(" |");
            for (Map<String, Double> m : results.values()) {
                b.append(' ').append(Suite.fmt(m.getOrDefault(row[0], Double.NaN))).append(" |");
            }
            b.append('\n');
        }
        growth.forEach((s, g) -> b.append("\n").append(s).append(", live heap growth per connection by class, "
                + "bytes: ").append(g).append('\n'));
        growthAfterRound.forEach((s, g) -> b.append("\n").append(s).append(", the same after the keepalive round: ")
                .append(g).append('\n'));
        if (!problems.isEmpty()) {
            b.append("\nProblems:\n");
            problems.forEach(p -> b.append("- ").append(p).append('\n'));
        }
        return b.toString();
    }

    List<String> problems() {
        return problems;
    }

    Map<String, Map<String, Double>> results() {
        return results;
    }
}
