package net.websocket.bench.load;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario (j)'s load: many reader connections that only read, and one control connection whose every text message
 * the server sends to all the readers (its broadcast: ours through {@code WebSocketServer.broadcast}, Netty's through
 * {@code ChannelGroup.writeAndFlush}). The control connection keeps at most {@link #WINDOW} messages ahead of the
 * slowest reader, so that what is measured is the rate at which every reader receives every message (deliveries per
 * second: readers times messages), with the servers' queues small and no reader left behind. One thread reads all
 * readers through one selector, counting whole messages per reader ({@link FrameScanner}).
 */
final class FanOutLoad implements AutoCloseable {

    /** The path of the readers. */
    static final String READERS_PATH = "/fan";
    /** The path of the control connection. */
    static final String CONTROL_PATH = "/fan-control";
    /** Messages the control connection sends ahead of the slowest reader. */
    static final int WINDOW = 8;
    /** The most messages one load sends: bounds {@link #atLeast}. */
    static final int MAX_MESSAGES = 1 << 20;
    /** How long the slowest reader may take to receive a message before the run fails. */
    static final long STALL_NANOS = 20_000_000_000L;

    /** One reader connection. */
    private static final class Reader {
        final SocketChannel channel;
        final FrameScanner scanner = new FrameScanner();
        int count;

        Reader(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private final List<Reader> readers;
    private final SocketChannel control;
    private final Selector selector;
    private final SplittableRandom random;
    private final Thread readThread;
    /** How many readers have received at least k messages, by k (reader thread). */
    private final int[] atLeast = new int[MAX_MESSAGES + 1];
    /** Messages every reader has received. */
    private volatile int complete;
    private volatile boolean stopping;
    private volatile IOException failure;
    private int sent;
    /** The thread that waits in {@link #awaitComplete}. */
    private volatile Thread waiter;

    private FanOutLoad(List<Reader> readers, SocketChannel control, Selector selector, SplittableRandom random) {
        this.readers = readers;
        this.control = control;
        this.selector = selector;
        this.random = random;
        this.readThread = new Thread(this::readLoop, "fan-out-readers");
        this.readThread.setDaemon(true);
    }

    /** Opens {@code count} readers and the control connection to {@code target}'s address. */
    static FanOutLoad open(Target target, int count, long seed, long deadlineNanos) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Target readersTarget = new Target(target.name(), target.address(), READERS_PATH, true);
        Target controlTarget = new Target(target.name(), target.address(), CONTROL_PATH, true);
        List<Reader> readers = new ArrayList<>(count);
        Selector selector = Selector.open();
        SocketChannel control = null;
        boolean ok = false;
        try {
            for (int i = 0; i < count; i++) {
                if (System.nanoTime() > deadlineNanos) {
                    throw new IOException("opened only " + i + " of " + count + " readers in time");
                }
                Handshakes.Open o = Handshakes.open(readersTarget, random);
                Reader r = new Reader(o.channel());
                readers.add(r);
                r.count = r.scanner.feed(ByteBuffer.wrap(o.leftover()));
                o.channel().configureBlocking(false);
                o.channel().register(selector, SelectionKey.OP_READ, r);
            }
            control = Handshakes.open(controlTarget, random).channel();
            FanOutLoad load = new FanOutLoad(readers, control, selector, random);
            load.atLeast[0] = count;
            load.readThread.start();
            ok = true;
            return load;
        } finally {
            if (!ok) {
                for (Reader r : readers) {
                    r.channel.close();
                }
                if (control != null) {
                    control.close();
                }
                selector.close();
            }
        }
    }

    private void readLoop() {
        ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
        int n = readers.size();
        try {
            while (!stopping) {
                selector.select(100);
                for (SelectionKey k : selector.selectedKeys()) {
                    Reader r = (Reader) k.attachment();
                    buf.clear();
                    int got = r.channel.read(buf);
                    if (got < 0) {
                        throw new IOException("a reader's connection ended");
                    }
                    buf.flip();
                    int messages = r.scanner.feed(buf);
                    for (int i = 0; i < messages && r.count < MAX_MESSAGES; i++) {
                        r.count++;
                        if (++atLeast[r.count] == n) {
                            complete = r.count;
                            LockSupport.unpark(waiter);
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException io ? io : new IOException(e);
        }
    }

    /** The figures of one run: messages every reader received, and in how long. */
    record Result(long messages, long deliveries, long nanos) {
        double deliveriesPerSecond() {
            return deliveries * 1e9 / nanos;
        }
    }

    /**
     * Sends {@code payloadSize}-byte text messages through the control connection for {@code nanos}, each once the
     * slowest reader is less than {@link #WINDOW} behind, then waits for every reader to have them all.
     */
    Result runFor(int payloadSize, long nanos) throws IOException {
        byte[] payload = Frames.asciiPayload(payloadSize);
        OutputStream out = control.socket().getOutputStream();
        int first = complete;
        long start = System.nanoTime();
        long end = start + nanos;
        while (System.nanoTime() < end && sent < MAX_MESSAGES) {
            awaitComplete(sent - WINDOW + 1);
            out.write(Frames.clientFrame(Frames.OP_TEXT, payload, random.nextInt()));
            sent++;
        }
        awaitComplete(sent);
        long elapsed = System.nanoTime() - start;
        long messages = complete - first;
        return new Result(messages, messages * readers.size(), elapsed);
    }

    /** Waits until every reader has at least {@code messages} messages. */
    private void awaitComplete(int messages) throws IOException {
        waiter = Thread.currentThread();
        long giveUp = System.nanoTime() + STALL_NANOS;
        while (complete < messages) {
            if (failure != null) {
                throw failure;
            }
            if (System.nanoTime() > giveUp) {
                throw new IOException("the slowest reader did not get message " + messages + " in "
                        + STALL_NANOS / 1_000_000_000 + " s (every reader has " + complete + ")");
            }
            LockSupport.parkNanos(this, 10_000_000L); // woken when a message is complete
        }
    }

    @Override
    public void close() throws IOException {
        stopping = true;
        selector.wakeup();
        try {
            readThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Reader r : readers) {
            r.channel.close();
        }
        control.close();
        selector.close();
    }
}
