package net.websocket.bench.load;

/**
 * Latencies counted in buckets 1 % wide (from 1 µs to about 100 s), so that millions of deliveries are kept in a
 * fixed few kilobytes; a percentile is the upper bound of its bucket, so within 1 % of the true value.
 */
final class LatencyHistogram {

    private static final double GROWTH = 1.01;
    private static final double LOG_GROWTH = Math.log(GROWTH);
    /** Buckets up to 1.01^1852 µs, about 100 s; longer latencies land in the last. */
    private static final int BUCKETS = 1852;

    private final long[] counts = new long[BUCKETS + 1];
    private long total;
    private long maxNanos;

    /** Counts one latency. */
    void record(long nanos) {
        double micros = Math.max(1.0, nanos / 1000.0);
        int bucket = (int) Math.min(BUCKETS, Math.ceil(Math.log(micros) / LOG_GROWTH));
        counts[bucket]++;
        total++;
        maxNanos = Math.max(maxNanos, nanos);
    }

    long count() {
        return total;
    }

    long maxNanos() {
        return maxNanos;
    }

    /** {@return the latency below which the fraction {@code q} of the counted ones lie, in nanoseconds; 0 if none} */
    long percentileNanos(double q) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int b = 0; b <= BUCKETS; b++) {
            seen += counts[b];
            if (seen >= rank) {
                return Math.min(maxNanos, (long) (Math.pow(GROWTH, b) * 1000.0));
            }
        }
        return maxNanos;
    }
}
