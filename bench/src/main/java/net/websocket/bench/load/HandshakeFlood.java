package net.websocket.bench.load;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scenario (i), a bystander during a handshake flood: a few established connections echo one small message at a
 * time (request and response, round-robin over the connections, one thread) while round trips are timed, quietly and
 * while a flood of {@link #FLOOD_HANDSHAKES} opening handshakes arrives from {@link #FLOOD_SOCKETS} concurrent raw
 * sockets (one selector thread; each socket sends the upgrade request, reads the answer's head, and resets the
 * connection; then the next one starts). Quiet measurements and bursts of the flood take turns ({@link #BURSTS}), so
 * that both meet the same background load. The figure that matters is the ratio of the bystanders' p99.9 during the
 * flood to their quiet p99.9: how much handshake work delays established connections. Against the raw TCP echo the
 * bystanders echo the same frames and the flood's sockets send the same requests, which come back as they went: what
 * the loopback, the kernel and this generator allow, the limit of the ratio.
 */
public final class HandshakeFlood {

    /** The established connections that keep echoing. */
    public static final int BYSTANDERS = 8;

    /** The handshakes of one flood. */
    public static final int FLOOD_HANDSHAKES = 20_000;

    /** The flood's sockets in progress at once. */
    public static final int FLOOD_SOCKETS = 256;

    /**
     * The flood comes in this many bursts of equal size, each after a quiet measurement of its own, so that quiet and
     * flood round trips are taken in turn and meet the same background load of the machine.
     */
    public static final int BURSTS = 10;

    /** The longest a burst may take; it stops there, with what it did counted. */
    public static final long BURST_MAX_NANOS = 12_000_000_000L;

    /** The most round trips recorded during one flood. */
    static final int MAX_FLOOD_SAMPLES = 2_000_000;

    /** The bar: the bystanders' p99.9 during the flood within this factor of their quiet p99.9. */
    public static final double RATIO_BAR = 10.0;

    private HandshakeFlood() {
    }

    /**
     * What one run measured.
     *
     * @param quiet    the bystanders' round trips without the flood
     * @param flood    their round trips while the flood ran
     * @param upgraded flood handshakes answered 101 (by the raw echo: with the request)
     * @param refused  flood handshakes answered with another status (503 past a limit)
     * @param failed   flood sockets that ended without an answer (reset, timed out, failed to connect)
     * @param why      the first failure of each kind, with how many there were of that kind
     * @param nanos    how long the flood took
     */
    public record Result(Latency.Percentiles quiet, Latency.Percentiles flood, long upgraded, long refused,
            long failed, Map<String, Integer> why, long nanos) {

        /** The flood's p99.9 over the quiet p99.9. */
        public double ratio() {
            return flood.p999() / (double) quiet.p999();
        }

        /** The figures of scenario (i), keyed as the suite reports them; times in microseconds. */
        public Map<String, Double> figures() {
            Map<String, Double> m = new LinkedHashMap<>();
            for (String phase : List.of("quiet", "flood")) {
                Latency.Percentiles q = phase.equals("quiet") ? quiet : flood;
                m.put("i." + phase + "P50", q.p50() / 1e3);
                m.put("i." + phase + "P99", q.p99() / 1e3);
                m.put("i." + phase + "P999", q.p999() / 1e3);
                m.put("i." + phase + "Max", q.max() / 1e3);
                m.put("i." + phase + "Samples", (double) q.samples());
            }
            m.put("i.ratio", ratio());
            m.put("i.floodHps", handshakesPerSecond());
            m.put("i.upgraded", (double) upgraded);
            m.put("i.refused", (double) refused);
            m.put("i.failed", (double) failed);
            return m;
        }

        /** Flood handshakes answered per second. */
        public double handshakesPerSecond() {
            return (upgraded + refused) * 1e9 / nanos;
        }
    }

    /**
     * Runs the scenario: the warm-up, then {@link #BURSTS} times a quiet measurement and a burst of the flood.
     *
     * @param warmupNanos how long round trips are made first, not recorded (the server's code compiled and steady)
     * @param quiet       round trips recorded without the flood, in all (at most; bounded by {@code maxNanos} too)
     * @param maxNanos    the time the quiet measurements may take together
     */
    public static Result run(Target target, byte[] payload, long warmupNanos, int quiet, long maxNanos, long seed)
            throws IOException {
        return run(target, payload, warmupNanos, quiet, maxNanos, seed, FLOOD_HANDSHAKES);
    }

    /** As {@link #run(Target, byte[], long, int, long, long)} with a flood of {@code handshakes} in all. */
    static Result run(Target target, byte[] payload, long warmupNanos, int quiet, long maxNanos, long seed,
            int handshakes) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<Echoer> echoers = new ArrayList<>();
        try {
            for (int i = 0; i < BYSTANDERS; i++) {
                echoers.add(new Echoer(Handshakes.open(target, random), payload, random.nextInt(), false));
            }
            long warmupEnd = System.nanoTime() + warmupNanos;
            for (int i = 0; System.nanoTime() - warmupEnd < 0; i++) {
                echoers.get(i % BYSTANDERS).roundTrip();
            }
            byte[] request = Frames.upgradeRequest(target.address().getAddress().getHostAddress(),
                    target.address().getPort(), target.path(), Frames.newKey(random));
            long[] quietNanos = new long[quiet];
            long[] floodNanos = new long[MAX_FLOOD_SAMPLES];
            int q = 0;
            int f = 0;
            int turn = 0;
            Flood total = new Flood(target, request, 0);
            for (int b = 0; b < BURSTS; b++) {
                long quietEnd = System.nanoTime() + maxNanos / BURSTS;
                for (int i = 0; i < quiet / BURSTS && System.nanoTime() - quietEnd < 0; i++) {
                    quietNanos[q++] = echoers.get(turn++ % BYSTANDERS).roundTrip();
                }
                Flood flood = new Flood(target, request, handshakes / BURSTS);
                Thread floodThread = new Thread(flood, "handshake-flood");
                floodThread.start();
                while (!flood.done() && f < floodNanos.length) {
                    floodNanos[f++] = echoers.get(turn++ % BYSTANDERS).roundTrip();
                }
                join(floodThread);
                if (flood.error.get() != null) {
                    throw flood.error.get();
                }
                total.add(flood);
            }
            if (q == 0 || f == 0) {
                throw new IOException("no round trip recorded " + (q == 0 ? "quietly" : "during the flood"));
            }
            for (Echoer e : echoers) {
                e.close(target, random.nextInt());
            }
            return new Result(Latency.Percentiles.of(quietNanos, q), Latency.Percentiles.of(floodNanos, f),
                    total.upgraded, total.refused, total.failed, total.why, total.nanos);
        } finally {
            for (Echoer e : echoers) {
                e.channel().close();
            }
        }
    }

    private static void join(Thread t) throws IOException {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The flood: {@link #FLOOD_SOCKETS} non-blocking sockets at a time, on one selector. */
    private static final class Flood implements Runnable {
        private final Target target;
        private final byte[] request;
        final AtomicReference<IOException> error = new AtomicReference<>();
        private volatile boolean finished;
        long upgraded;
        long refused;
        long failed;
        final Map<String, Integer> why = new LinkedHashMap<>();
        long nanos;
        private final int handshakes;
        private int started;
        private int inProgress;

        Flood(Target target, byte[] request, int handshakes) {
            this.target = target;
            this.request = request;
            this.handshakes = handshakes;
        }

        /** Adds what another flood counted to this one's counts. */
        void add(Flood other) {
            upgraded += other.upgraded;
            refused += other.refused;
            failed += other.failed;
            nanos += other.nanos;
            other.why.forEach((k, v) -> why.merge(k, v, Integer::sum));
        }

        boolean done() {
            return finished;
        }

        @Override
        public void run() {
            long t0 = System.nanoTime();
            long end = t0 + BURST_MAX_NANOS;
            try (Selector selector = Selector.open()) {
                while ((started < handshakes || inProgress > 0) && System.nanoTime() - end < 0) {
                    while (inProgress < FLOOD_SOCKETS && started < handshakes) {
                        start(selector);
                    }
                    selector.select(this::ready, 100);
                }
                for (SelectionKey k : selector.keys()) {
                    if (k.isValid()) { // cancelled keys stay in the set until the next select
                        fail("no answer before the flood's time ran out");
                        reset((SocketChannel) k.channel());
                    }
                }
            } catch (IOException e) {
                error.set(e);
            } finally {
                nanos = System.nanoTime() - t0;
                finished = true;
            }
        }

        private void start(Selector selector) throws IOException {
            started++;
            SocketChannel ch = SocketChannel.open();
            try {
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.register(selector, SelectionKey.OP_CONNECT, ByteBuffer.allocate(1024));
                inProgress++;
                ch.connect(target.address());
            } catch (IOException e) {
                fail("connect: " + e);
                inProgress--;
                ch.close();
            }
        }

        private void ready(SelectionKey k) {
            SocketChannel ch = (SocketChannel) k.channel();
            ByteBuffer head = (ByteBuffer) k.attachment();
            try {
                if (k.isConnectable()) {
                    ch.finishConnect();
                    ch.write(ByteBuffer.wrap(request)); // a fresh socket takes the few hundred bytes at once
                    k.interestOps(SelectionKey.OP_READ);
                    return;
                }
                int n = ch.read(head);
                int end = Handshakes.headEnd(head.array(), head.position());
                if (end > 0) {
                    // the raw echo's answer is the request itself: counted as upgraded, the limit of the flood
                    if (!target.websocket()
                            || head.array()[9] == '1' && head.array()[10] == '0' && head.array()[11] == '1') {
                        upgraded++;
                    } else {
                        refused++;
                    }
                    finish(k, ch);
                } else if (n < 0 || !head.hasRemaining()) {
                    fail(n < 0 ? "the server closed without an answer" : "an answer head over 1 KiB");
                    finish(k, ch);
                }
            } catch (IOException e) {
                fail(e.toString());
                finish(k, ch);
            }
        }

        private void fail(String reason) {
            failed++;
            why.merge(reason, 1, Integer::sum);
        }

        private void finish(SelectionKey k, SocketChannel ch) {
            k.cancel();
            inProgress--;
            reset(ch);
        }

        /** Closes with a reset (as a flood does, and so that no port is left in TIME_WAIT). */
        private static void reset(SocketChannel ch) {
            try {
                ch.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | RuntimeException e) {
                // closing anyway
            }
            try {
                ch.close();
            } catch (IOException e) {
                // closed anyway
            }
        }
    }
}
