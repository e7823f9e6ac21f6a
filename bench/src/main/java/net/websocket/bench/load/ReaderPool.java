package net.websocket.bench.load;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The connections of a fan-out load that only read, all on one selector read by one thread of the pool's own: each
 * connection's {@link Reader} takes what arrives; the load's thread {@linkplain #await waits} for what the readers
 * count, woken by {@link #progress()}, failing when a reader failed or nothing came for too long. Closing it stops
 * the thread and closes every connection.
 */
final class ReaderPool implements AutoCloseable {

    /** What a connection does when it is readable (on the pool's thread). */
    interface Reader {
        /**
         * Reads what the connection has.
         *
         * @throws IOException if the connection ended or sent what it should not
         */
        void read() throws IOException;
    }

    private final Selector selector;
    private final List<SocketChannel> channels = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile IOException failure;
    /** The thread that waits in {@link #await}. */
    private volatile Thread waiter;
    /** Run on the pool's thread before it selects, once. */
    private Reader first = () -> { };

    /**
     * An empty pool; {@link #add} connections, then {@link #start} it.
     *
     * @param name the name of its thread
     */
    ReaderPool(String name) throws IOException {
        this.selector = Selector.open();
        this.thread = new Thread(this::readLoop, name);
        this.thread.setDaemon(true);
    }

    /** Adds a connection, made non-blocking, whose reader is told when it is readable. */
    void add(SocketChannel channel, Reader reader) throws IOException {
        channels.add(channel);
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ, reader);
    }

    /** Starts the thread, which first runs {@code first} (what came with the handshakes, say), then reads. */
    void start(Reader first) {
        this.first = first;
        thread.start();
    }

    /** Wakes the thread waiting in {@link #await} (from a reader, once it counted something). */
    void progress() {
        LockSupport.unpark(waiter);
    }

    /**
     * Waits until {@code done} holds, woken by {@link #progress()}.
     *
     * @param deadlineNanos when it fails ({@code System.nanoTime()})
     * @param timedOut      the failure's message
     * @throws IOException if a reader failed, or {@code done} did not come in time
     */
    void await(BooleanSupplier done, long deadlineNanos, Supplier<String> timedOut) throws IOException {
        waiter = Thread.currentThread();
        while (!done.getAsBoolean()) {
            if (failure != null) {
                throw failure;
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new IOException(timedOut.get());
            }
            LockSupport.parkNanos(this, 10_000_000L); // woken by progress()
        }
    }

    /** {@return whether a reader failed} */
    boolean failed() {
        return failure != null;
    }

    private void readLoop() {
        try {
            first.read();
            while (!stopping) {
                selector.select(100);
                for (SelectionKey k : selector.selectedKeys()) {
                    ((Reader) k.attachment()).read();
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException io ? io : new IOException(e);
            LockSupport.unpark(waiter);
        }
    }

    /** Stops the thread (waiting for it at most 10 s) and closes every connection and the selector. */
    @Override
    public void close() throws IOException {
        stopping = true;
        selector.wakeup();
        if (thread.isAlive()) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (SocketChannel c : channels) {
            c.close();
        }
        selector.close();
    }
}
