package net.websocket.runtime.internal;

import java.time.Duration;

/** Durations as the nanosecond counts that timers and the loop clock use. */
final class Durations {

    private Durations() {
    }

    /** {@code d} in nanoseconds; a duration too long for a {@code long} is about 36,000 years, plenty for "never". */
    static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }
}
