package net.websocket.bench.soak;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import net.websocket.bench.load.ServerProcess;
import net.websocket.bench.soak.Sampler.Sample;

/**
 * The soak: our server in a JVM of its own ({@link SoakServer}), under a mixed load for a given time, judged by
 * invariants that hold whatever the server's admission and shedding policies are:
 * <ul>
 * <li>bystanders (long-lived echo clients) lose no message and every echo is right;</li>
 * <li>the live heap (after a full collection) stays under {@link #LIVE_HEAP_BOUND} and the resident set under
 * {@link #RSS_BOUND};</li>
 * <li>every misbehaving connection is refused or closed by the server within {@link Attacks#ANSWER_MILLIS};</li>
 * <li>the server takes new clients at the end;</li>
 * <li>after the loads, its descriptors and threads come back to what they were before, give or take a slack.</li>
 * </ul>
 * Writes the samples to {@code soak.csv} and a plot to a PNG; exits 1 when an invariant failed.
 *
 * <pre>
 * Soak [--seconds N | --minutes N] [--out DIR] [--png FILE] [--commit TEXT]
 * </pre>
 */
public final class Soak {

    /** Bystanders: two on each endpoint, one of each pair with permessage-deflate. */
    static final int BYSTANDERS = 4;

    /** The server JVM's heap limit. */
    static final String SERVER_HEAP = "-Xmx256m";

    /**
     * The live heap the server may hold. What the loads can make it hold is bounded by its settings: two
     * never-readers at most hold their inbound and outbound queues (4 MiB each) and a message being assembled
     * (1 MiB), about 18 MiB; a bomb or oversized frame is refused at the 1 MiB message limit; 300 handshakes in
     * progress hold at most a request head each (8 KiB); about 15 MiB for the server itself. 128 MiB is three times
     * all that together.
     */
    static final long LIVE_HEAP_BOUND = 128L << 20;

    /**
     * The resident set the server may reach: its whole heap (256 MiB) plus 256 MiB for everything else (metaspace
     * and code, about 60 MiB; thread stacks; zlib's native state for the compressed connections; direct buffers).
     */
    static final long RSS_BOUND = 512L << 20;

    /** The descriptors the server may hold after the loads beyond those it held before them. */
    static final int FD_SLACK = 16;

    /**
     * The threads other than idle handler threads it may have after the loads beyond those it had before: the JIT's
     * extra compiler threads, the pool's thread ending at that moment.
     */
    static final int THREAD_SLACK = 8;

    /**
     * How long the server has after the loads to come back to its descriptors and threads of before: its close
     * timeout (5 s) for connections still closing, and a margin for a loaded machine.
     */
    static final long SETTLE_MILLIS = 30_000;

    private final Tally tally = new Tally();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = 90;
        Path out = Path.of("target", "soak");
        Path png = null;
        String commit = "unknown";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Long.parseLong(args[++i]);
                case "--minutes" -> seconds = Long.parseLong(args[++i]) * 60;
                case "--out" -> out = Path.of(args[++i]);
                case "--png" -> png = Path.of(args[++i]);
                case "--commit" -> commit = args[++i];
                default -> {
                    System.err.println("usage: Soak [--seconds N | --minutes N] [--out DIR] [--png FILE]"
                            + " [--commit TEXT]");
                    System.exit(2);
                }
            }
        }
        boolean ok = new Soak().run(Duration.ofSeconds(seconds), out, png == null ? out.resolve("soak.png") : png,
                commit);
        System.exit(ok ? 0 : 1);
    }

    private void start(String name, Runnable body) {
        Thread t = new Thread(body, "soak-" + name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /** Starts a load thread that repeats {@code attempt}, pausing {@code pauseMillis} between attempts. */
    private void loop(String name, long pauseMillis, Attempt attempt) {
        start(name, () -> {
            SplittableRandom random = new SplittableRandom(name.hashCode());
            while (!stopping.get()) {
                try {
                    attempt.run(random);
                } catch (IOException | RuntimeException e) {
                    tally.add(name + ".unexpected");
                    System.out.println("[soak] " + name + ": " + e);
                }
                if (pauseMillis > 0 && !stopping.get()) {
                    try {
                        Thread.sleep(pauseMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
    }

    private interface Attempt {
        void run(SplittableRandom random) throws IOException;
    }

    private boolean run(Duration duration, Path out, Path png, String commit) throws Exception {
        String classPath = System.getProperty("java.class.path");
        List<String> flags = List.of(SERVER_HEAP, "-XX:+UseSerialGC");
        try (ServerProcess server = ServerProcess.start("soak", SoakServer.class.getName(), classPath, "/echo",
                true, -1, flags, out.resolve("server.log"))) {
            long pid = server.pid();
            InetSocketAddress address = server.target().address();
            int baseFds = Sampler.fds(pid);
            int baseThreads = Sampler.threads(pid);
            System.out.printf("[soak] server pid %d on %s: %d descriptors, %d threads; loads for %d s%n", pid,
                    address, baseFds, baseThreads, duration.toSeconds());

            Attacks attacks = new Attacks(address, tally, stopping::get);
            Clients clients = new Clients(address, tally, stopping::get);
            Sampler sampler = new Sampler(pid, server.log());
            long start = System.nanoTime();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread samplerThread = new Thread(() -> sampleEverySecond(sampler, server, start, sampling),
                    "soak-sampler");
            samplerThread.setDaemon(true);
            samplerThread.start();

            // the bystanders connect before the misbehaving peers start: a server that refuses handshakes while
            // flooded may refuse new clients then, but must not disturb those it has
            CountDownLatch connected = new CountDownLatch(BYSTANDERS);
            for (int i = 0; i < BYSTANDERS; i++) {
                int id = i;
                start("bystander" + i, () -> clients.bystander(id, connected)); // one connection for the whole run
            }
            if (!connected.await(Attacks.ANSWER_MILLIS, TimeUnit.MILLISECONDS)) {
                tally.violation("the bystanders could not connect in " + Attacks.ANSWER_MILLIS + " ms");
            }
            loop("churner0", 0, clients::churn);
            loop("churner1", 0, clients::churn);
            loop("neverReader0", 0, attacks::neverReader);
            loop("neverReader1", 0, attacks::neverReader);
            loop("flood", 5_000, attacks::handshakeFlood);
            loop("bomb", 1_000, attacks::deflateBomb);
            loop("oversized", 500, attacks::oversizedFrame);
            loop("malformed", 100, attacks::malformedHttp);
            for (int i = 0; i < 8; i++) {
                loop("slowloris" + i, 0, attacks::slowloris);
            }

            long end = start + duration.toNanos();
            while (System.nanoTime() < end && server.isAlive()) {
                pause(Math.min(10_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                System.out.printf("[soak] %3.0f s: %d bystander echoes, %d churned connections, %d attacks ended,"
                        + " %d violations%n", (System.nanoTime() - start) / 1e9, tally.get("bystander.echoes"),
                        tally.get("churn.connections"), attacksEnded(), tally.violationCount());
            }
            stopping.set(true);
            long joinEnd = System.nanoTime() + (Attacks.ANSWER_MILLIS + Attacks.NEVER_READER_MILLIS + 20_000)
                    * 1_000_000;
            for (Thread t : threads) {
                t.join(Math.max(1, (joinEnd - System.nanoTime()) / 1_000_000));
                if (t.isAlive()) {
                    tally.violation(t.getName() + " did not end: a misbehaving connection hangs");
                }
            }
            System.out.printf("[soak] loads stopped after %.0f s%n", (System.nanoTime() - start) / 1e9);

            if (!server.isAlive()) {
                tally.violation("the server process died; see " + server.log());
            } else {
                if (clients.acceptsNewClients(Attacks.ANSWER_MILLIS)) {
                    tally.add("final.accepted");
                }
                settle(pid, baseFds, baseThreads);
            }
            sampling.set(false);
            samplerThread.join(5_000);

            List<Sample> samples = sampler.samples();
            sampler.writeCsv(out.resolve("soak.csv"));
            boolean ok = verdict(samples, baseFds, baseThreads);
            String title = String.format("net.websocket soak, %s of mixed load, %s: %s", human(duration), commit,
                    ok ? "every invariant held" : tally.violationCount() + " violations");
            Plot.write(png, title, samples, RSS_BOUND, LIVE_HEAP_BOUND);
            System.out.println("[soak] samples: " + out.resolve("soak.csv") + ", plot: " + png);
            return ok;
        }
    }

    private long attacksEnded() {
        long n = 0;
        for (Map.Entry<String, Long> e : tally.snapshot().entrySet()) {
            if (!e.getKey().startsWith("bystander") && !e.getKey().startsWith("churn")
                    && (e.getKey().endsWith(".closed") || e.getKey().endsWith(".refused")
                            || e.getKey().endsWith(".upgraded") || e.getKey().endsWith("ByServer")
                            || e.getKey().endsWith("heldToTheEnd"))) {
                n += e.getValue();
            }
        }
        return n;
    }

    private void sampleEverySecond(Sampler sampler, ServerProcess server, long start, AtomicBoolean sampling) {
        boolean liveReported = false;
        boolean rssReported = false;
        while (sampling.get() && server.isAlive()) {
            try {
                Sample s = sampler.sample((System.nanoTime() - start) / 1e9, tally.get("bystander.echoes"),
                        attacksEnded());
                if (s.heapLive() > LIVE_HEAP_BOUND && !liveReported) {
                    liveReported = true;
                    tally.violation(String.format("live heap %.0f MiB over the bound at %.0f s",
                            s.heapLive() / 1048576.0, s.seconds()));
                }
                if (s.rss() > RSS_BOUND && !rssReported) {
                    rssReported = true;
                    tally.violation(String.format("resident set %.0f MiB over the bound at %.0f s",
                            s.rss() / 1048576.0, s.seconds()));
                }
            } catch (IOException | RuntimeException e) {
                if (server.isAlive()) {
                    System.out.println("[soak] sampling: " + e);
                }
            }
            pause(1_000);
        }
    }

    /**
     * Waits until the server's descriptors and threads are back near their count before the loads: no handler thread
     * still running a handler (every connection is closed), and no more other threads than before, give or take
     * {@link #THREAD_SLACK}. Idle handler threads are not counted: the pool keeps them for a minute, for the next
     * connections.
     */
    private void settle(long pid, int baseFds, int baseThreads) throws IOException {
        long end = System.nanoTime() + SETTLE_MILLIS * 1_000_000;
        int fds;
        int threadCount;
        int[] handlers = {0, 0};
        while (true) {
            fds = Sampler.fds(pid);
            threadCount = Sampler.threads(pid);
            if (fds <= baseFds + FD_SLACK) {
                handlers = Sampler.handlerThreads(pid);
                if (handlers[1] == 0 && threadCount - handlers[0] <= baseThreads + THREAD_SLACK) {
                    System.out.printf("[soak] after the loads: %d descriptors (%d before), %d threads (%d before),"
                            + " of which %d idle handler threads: %s%n", fds, baseFds, threadCount, baseThreads,
                            handlers[0], Sampler.threadNames(pid));
                    return;
                }
            }
            if (System.nanoTime() > end) {
                break;
            }
            pause(1_000);
        }
        tally.violation(String.format("%d s after the loads the server still has %d descriptors (%d before) and"
                + " %d threads (%d before), %d handler threads busy and %d idle: %s", SETTLE_MILLIS / 1000, fds,
                baseFds, threadCount, baseThreads, handlers[1], handlers[0], Sampler.threadNames(pid)));
    }

    private boolean verdict(List<Sample> samples, int baseFds, int baseThreads) {
        for (String attack : List.of("bomb", "oversized", "malformed", "slowloris", "flood", "neverReader")) {
            boolean ran = tally.snapshot().keySet().stream().anyMatch(k -> k.startsWith(attack + ".")
                    && !k.endsWith(".unexpected") && !k.endsWith("bytesSent"));
            if (!ran) {
                tally.violation(attack + " never completed an attempt");
            }
        }
        if (tally.get("bystander.echoes") == 0) {
            tally.violation("the bystanders exchanged nothing");
        }
        long maxRss = samples.stream().mapToLong(Sample::rss).max().orElse(0);
        long maxLive = samples.stream().mapToLong(Sample::heapLive).max().orElse(0);
        long maxHeap = samples.stream().mapToLong(Sample::heapUsed).max().orElse(0);
        int maxFds = samples.stream().mapToInt(Sample::fds).max().orElse(0);
        int maxThreads = samples.stream().mapToInt(Sample::threads).max().orElse(0);
        System.out.println("[soak] counts:");
        tally.snapshot().forEach((k, v) -> System.out.printf("[soak]   %-28s %d%n", k, v));
        System.out.printf("[soak] server: resident set at most %.0f MiB (bound %d MiB), live heap at most %.0f MiB"
                + " (bound %d MiB), heap in use at most %.0f MiB; at most %d descriptors (%d at the start) and %d"
                + " threads (%d at the start)%n", maxRss / 1048576.0, RSS_BOUND >> 20, maxLive / 1048576.0,
                LIVE_HEAP_BOUND >> 20, maxHeap / 1048576.0, maxFds, baseFds, maxThreads, baseThreads);
        if (tally.violationCount() == 0) {
            System.out.println("[soak] PASS: every invariant held");
            return true;
        }
        System.out.println("[soak] FAIL: " + tally.violationCount() + " violations:");
        tally.violations().forEach(v -> System.out.println("[soak]   " + v));
        return false;
    }

    private static String human(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
