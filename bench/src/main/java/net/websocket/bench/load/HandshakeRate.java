package net.websocket.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whole connections per second: a few client threads, each opening a connection, completing the opening handshake,
 * performing the closing handshake and waiting for the server to close, over and over. {@link #tcpOnly} is the
 * limit of that figure, for the raw TCP echo: the same threads making TCP connections and closing them, no bytes
 * sent.
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

    /** What one client thread does over and over: one whole connection. */
    private interface Connection {
        void make(SplittableRandom random) throws IOException;
    }

    /** Runs {@code workers} client threads for {@code nanos}, each making whole WebSocket connections. */
    public static Result run(Target target, int workers, long nanos, long seed) throws IOException {
        return run(workers, nanos, seed, random -> Handshakes.openAndClose(target, random));
    }

    /**
     * Runs {@code workers} client threads for {@code nanos}, each making TCP connections without a byte sent: connect,
     * shut the output down, read to the end of the stream (the server closed too), close. No HTTP, no frames.
     */
    public static Result tcpOnly(Target target, int workers, long nanos) throws IOException {
        return run(workers, nanos, 0, random -> {
            try (SocketChannel ch = SocketChannel.open()) {
                ch.socket().connect(target.address(), Handshakes.IO_TIMEOUT_MILLIS);
                ch.socket().setSoTimeout(Handshakes.IO_TIMEOUT_MILLIS);
                ch.shutdownOutput();
                InputStream in = ch.socket().getInputStream();
                if (in.read() >= 0) {
                    throw new IOException(target.name() + " sent bytes on a connection that sent none");
                }
            }
        });
    }

    private static Result run(int workers, long nanos, long seed, Connection connection) throws IOException {
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
                        connection.make(random);
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
