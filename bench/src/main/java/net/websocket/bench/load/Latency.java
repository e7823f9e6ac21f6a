package net.websocket.bench.load;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Round-trip latency with one message in flight on one connection: send a frame, wait for its echo, note the time,
 * repeat. Times are kept in a {@code long[]} and sorted for percentiles.
 */
public final class Latency {

    private Latency() {
    }

    /** Percentiles of one run, in nanoseconds. */
    public record Percentiles(int samples, long p50, long p90, long p99, long p999, long max) {
        static Percentiles of(long[] nanos, int n) {
            long[] s = Arrays.copyOf(nanos, n);
            Arrays.sort(s);
            return new Percentiles(n, at(s, 0.50), at(s, 0.90), at(s, 0.99), at(s, 0.999), s[n - 1]);
        }

        /** The nearest-rank percentile. */
        static long at(long[] sorted, double q) {
            int rank = (int) Math.ceil(q * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }
    }

    /**
     * Measures round trips.
     *
     * @param warmupNanos how long round trips are made first, not recorded: long enough for the server's code to be
     *                    compiled, so that the tail measures the server and not its JIT (a count of round trips left
     *                    the slowest of 20,000 samples at the mercy of a late compilation)
     * @param samples     round trips recorded (at most)
     * @param maxNanos    the time the recorded round trips may take; fewer samples are recorded if it runs out
     */
    public static Percentiles run(Target target, byte[] payload, long warmupNanos, int samples, long maxNanos,
            long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Echoer echoer = new Echoer(Handshakes.open(target, random), payload, random.nextInt(), true);
        long[] nanos = new long[samples];
        int recorded = 0;
        try (var ch = echoer.channel()) {
            echoer.roundTrip();
            if (!Arrays.equals(echoer.lastPayload(),
                    Arrays.copyOf(payload, Math.min(payload.length, FrameScanner.CAPTURE_MAX)))) {
                throw new IOException(target.name() + " echoed other bytes than were sent");
            }
            for (long end = System.nanoTime() + warmupNanos; System.nanoTime() - end < 0;) {
                echoer.roundTrip();
            }
            for (long end = System.nanoTime() + maxNanos; recorded < samples && System.nanoTime() - end < 0;) {
                nanos[recorded++] = echoer.roundTrip();
            }
            if (recorded == 0) {
                throw new IOException("no round trip recorded in time");
            }
            echoer.close(target, random.nextInt());
        }
        return Percentiles.of(nanos, recorded);
    }
}
