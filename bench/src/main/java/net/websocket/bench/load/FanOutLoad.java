package net.websocket.bench.load;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Scenario (j)'s load: many reader connections that only read, and one control connection whose every text message
 * the server sends to all the readers (its broadcast: ours through {@code WebSocketServer.broadcast}, Netty's through
 * {@code ChannelGroup.writeAndFlush}). The control connection keeps at most {@link #WINDOW} messages ahead of the
 * slowest reader, so that what is measured is the rate at which every reader receives every message (deliveries per
 * second: readers times messages), with the servers' queues small and no reader left behind. One thread reads all
 * readers ({@link ReaderPool}), counting whole messages per reader ({@link FrameScanner}).
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

    private final List<Reader> readers = new ArrayList<>();
    private final ReaderPool pool;
    private final SplittableRandom random;
    /** Where the pool's thread reads. */
    private final ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
    /** How many readers have received at least k messages, by k (the pool's thread). */
    private final int[] atLeast = new int[MAX_MESSAGES + 1];
    /** Messages every reader has received. */
    private volatile int complete;
    private SocketChannel control;
    private int sent;

    private FanOutLoad(ReaderPool pool, SplittableRandom random) {
        this.pool = pool;
        this.random = random;
    }

    /** Opens {@code count} readers and the control connection to {@code target}'s address. */
    static FanOutLoad open(Target target, int count, long seed, long deadlineNanos) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Target readersTarget = new Target(target.name(), target.address(), READERS_PATH, true);
        Target controlTarget = new Target(target.name(), target.address(), CONTROL_PATH, true);
        FanOutLoad load = new FanOutLoad(new ReaderPool("fan-out-readers"), random);
        boolean ok = false;
        try {
            for (int i = 0; i < count; i++) {
                if (System.nanoTime() > deadlineNanos) {
                    throw new IOException("opened only " + i + " of " + count + " readers in time");
                }
                Handshakes.Open o = Handshakes.open(readersTarget, random);
                Reader r = new Reader(o.channel());
                load.pool.add(o.channel(), () -> load.read(r));
                load.readers.add(r);
                r.count = r.scanner.feed(ByteBuffer.wrap(o.leftover()));
            }
            load.control = Handshakes.open(controlTarget, random).channel();
            load.atLeast[0] = count;
            load.pool.start(() -> { });
            ok = true;
            return load;
        } finally {
            if (!ok) {
                load.close();
            }
        }
    }

    /** Counts the whole messages a readable reader got (the pool's thread). */
    private void read(Reader r) throws IOException {
        buf.clear();
        if (r.channel.read(buf) < 0) {
            throw new IOException("a reader's connection ended");
        }
        buf.flip();
        int messages = r.scanner.feed(buf);
        for (int i = 0; i < messages && r.count < MAX_MESSAGES; i++) {
            r.count++;
            if (++atLeast[r.count] == readers.size()) {
                complete = r.count;
                pool.progress();
            }
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
        pool.await(() -> complete >= messages, System.nanoTime() + STALL_NANOS,
                () -> "the slowest reader did not get message " + messages + " in " + STALL_NANOS / 1_000_000_000
                        + " s (every reader has " + complete + ")");
    }

    @Override
    public void close() throws IOException {
        pool.close();
        if (control != null) {
            control.close();
        }
    }
}
