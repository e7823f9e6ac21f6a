package net.websocket.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
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
     * @param warmup  round trips made first and not recorded
     * @param samples round trips recorded (at most)
     * @param maxNanos the time the whole run may take; fewer samples are recorded if it runs out
     */
    public static Percentiles run(Target target, byte[] payload, int warmup, int samples, long maxNanos, long seed)
            throws IOException {
        long end = System.nanoTime() + maxNanos;
        SplittableRandom random = new SplittableRandom(seed);
        Handshakes.Open open = Handshakes.open(target, random);
        long[] nanos = new long[samples];
        int recorded = 0;
        try (var ch = open.channel()) {
            byte[] frame = Frames.clientFrame(Frames.OP_TEXT, payload, random.nextInt());
            OutputStream out = ch.socket().getOutputStream();
            InputStream in = ch.socket().getInputStream();
            FrameScanner scanner = new FrameScanner().capture(true);
            scanner.feed(ByteBuffer.wrap(open.leftover()));
            byte[] buf = new byte[Math.max(4096, frame.length + 16)];
            ByteBuffer view = ByteBuffer.wrap(buf);
            for (int i = 0; i < warmup + samples && System.nanoTime() - end < 0; i++) {
                long before = scanner.messages();
                long t0 = System.nanoTime();
                out.write(frame);
                while (scanner.messages() == before) {
                    int n = in.read(buf);
                    if (n < 0) {
                        throw new IOException("connection ended while waiting for an echo");
                    }
                    view.clear().limit(n);
                    scanner.feed(view);
                }
                long t = System.nanoTime() - t0;
                if (i == 0 && !Arrays.equals(scanner.lastPayload(),
                        Arrays.copyOf(payload, Math.min(payload.length, FrameScanner.CAPTURE_MAX)))) {
                    throw new IOException(target.name() + " echoed other bytes than were sent");
                }
                if (i >= warmup) {
                    nanos[recorded++] = t;
                }
            }
            if (recorded == 0) {
                throw new IOException("no round trip recorded in time");
            }
            Handshakes.closeGracefully(target, ch, scanner, random.nextInt());
        }
        return Percentiles.of(nanos, recorded);
    }
}
