package net.websocket.runtime;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Waits for a state that no event announces, such as a queue reaching a size or a count of connections going down.
 * This is the one polling loop of the tests: everything that has an event (a latch, a future, a callback, the end of
 * a stream) waits on that event instead.
 */
final class Await {

    /** How long a test waits for a state by default: long enough to fail only a broken test. */
    static final Duration DEADLINE = Duration.ofSeconds(10);

    /** Pause between two looks at the state. */
    private static final long POLL_MILLIS = 5;

    private Await() {
    }

    /** Waits until {@code condition} holds, at most {@link #DEADLINE}; fails with {@code what} otherwise. */
    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        until(what, DEADLINE, condition);
    }

    /** Waits until {@code condition} holds, at most {@code deadline}; fails with {@code what} otherwise. */
    static void until(String what, Duration deadline, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("not within " + deadline.toMillis() + " ms: " + what);
            }
            // polling: the state has no event to wait on
            Thread.sleep(POLL_MILLIS);
        }
    }

    /**
     * A condition that holds once {@code value} has not changed for {@code quiet}: a blocked sender's count, a queue
     * whose reader has paused. Each call looks at the value once; use it with {@link #until}.
     */
    static BooleanSupplier steady(LongSupplier value, Duration quiet) {
        return new BooleanSupplier() {
            private boolean seen;
            private long last;
            private long since;

            @Override
            public boolean getAsBoolean() {
                long v = value.getAsLong();
                long now = System.nanoTime();
                if (!seen || v != last) {
                    seen = true;
                    last = v;
                    since = now;
                    return false;
                }
                return now - since >= quiet.toNanos();
            }
        };
    }
}
