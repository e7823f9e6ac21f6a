package net.websocket.runtime.internal;

/**
 * Which of a run of repeated failures is reported: the first, then at most one per interval, each report telling how
 * many went unreported since the one before. No clock of its own: the caller passes the time (nanoseconds on any
 * monotonic clock). Not thread-safe: one owner, e.g. a loop thread.
 */
final class ReportThrottle {

    private final long intervalNanos;
    private boolean reported;
    private long lastReport;
    private long unreported;

    /** @param intervalNanos the least time between two reports */
    ReportThrottle(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /**
     * A failure at {@code now}.
     *
     * @return the number of failures left unreported since the last report if this one is to be reported, or -1 if
     *         it is to be left unreported
     */
    long failure(long now) {
        if (reported && now - lastReport < intervalNanos) {
            unreported++;
            return -1;
        }
        long n = unreported;
        unreported = 0;
        reported = true;
        lastReport = now;
        return n;
    }
}
