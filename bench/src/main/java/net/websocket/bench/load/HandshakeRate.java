package net.websocket.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whole connections per second: a few client threads, each opening a connection, completing the opening handshake,
 * performing the closing handshake and waiting for the server to close, over and over.
 */
public final class HandshakeRate {

    /** The most connections one run makes, whatever the time allows (ephemeral ports are finite). */
    public static final long MAX_CONNECTIONS = 40_000;

    private HandshakeRate() {
    }

    /** Connections completed and the time taken. */
    public record Result(long connections, long nanos, long failures) {
        public double perSecond() {
            return connections * 1e9 / nanos;
        }
    }

    /** Runs {@code workers} client threads for {@code nanos}. */
    public static Result run(Target target, int workers, long nanos, long seed) throws IOException {
        AtomicLong done = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<IOException> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        long end = start + nanos;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            SplittableRandom random = new SplittableRandom(seed + i);
            Thread t = new Thread(() -> {
                while (System.nanoTime() - end < 0 && done.get() < MAX_CONNECTIONS) {
                    try {
                        Handshakes.openAndClose(target, random);
                        done.incrementAndGet();
                    } catch (IOException e) {
                        failures.incrementAndGet();
                        firstError.compareAndSet(null, e);
                    }
                }
            }, "handshakes-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        long elapsed = System.nanoTime() - start;
        if (done.get() == 0 && firstError.get() != null) {
            throw firstError.get();
        }
        return new Result(done.get(), elapsed, failures.get());
    }
}
