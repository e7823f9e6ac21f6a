package net.websocket.bench.load;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario (k)'s load: subscribers of one topic spread over the nodes of a cluster ({@code /sub/NAME}), and one
 * publisher on the first node ({@code /pub/NAME}) whose text messages carry their sequence number and the time they
 * were sent ({@code System.nanoTime()} of this JVM, which also reads the subscribers), so that the latency from
 * publish to receipt is taken at every subscriber, for every message. One thread reads all subscribers
 * ({@link ReaderPool}).
 */
final class TopicFanOutLoad implements AutoCloseable {

    /** Messages the publisher sends ahead of the slowest subscriber when it sends as fast as delivery allows. */
    static final int WINDOW = 8;
    /** The most messages one load publishes. */
    static final int MAX_MESSAGES = 1 << 18;
    /** How long the slowest subscriber may take to receive a message before the run fails. */
    static final long STALL_NANOS = 30_000_000_000L;
    /** The largest frame a subscriber expects (its messages are small). */
    private static final int MAX_FRAME = 4096;

    /** One subscriber connection. */
    private static final class Subscriber {
        final SocketChannel channel;
        byte[] carry = new byte[0];
        boolean subscribed;

        Subscriber(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private final List<Subscriber> subscribers = new ArrayList<>();
    private final ReaderPool pool;
    private final SplittableRandom random;
    /** Where the pool's thread reads. */
    private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    /** How many subscribers received each message, by sequence number (the pool's thread). */
    private final int[] received = new int[MAX_MESSAGES];
    private int subscribedCount;
    /** Subscribers that are subscribed (told so by their node). */
    private volatile int subscribed;
    /** Messages every subscriber has received: 0 to complete - 1. */
    private volatile int complete;
    /** Deliveries of all messages so far. */
    private volatile long deliveries;
    /** Where the pool's thread counts latencies; replaced between phases. */
    private volatile LatencyHistogram latencies = new LatencyHistogram();
    private SocketChannel publisher;
    private int sent;

    private TopicFanOutLoad(ReaderPool pool, SplittableRandom random) {
        this.pool = pool;
        this.random = random;
    }

    /**
     * Opens {@code count} subscribers of {@code topic}, spread round robin over the nodes, and the publisher on the
     * first node, and waits until every subscriber is subscribed.
     */
    static TopicFanOutLoad open(List<InetSocketAddress> nodes, String topic, int count, long seed,
            long deadlineNanos) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        TopicFanOutLoad load = new TopicFanOutLoad(new ReaderPool("topic-subscribers"), random);
        try {
            for (int i = 0; i < count; i++) {
                if (System.nanoTime() - deadlineNanos > 0) {
                    throw new IOException("opened only " + i + " of " + count + " subscribers in time");
                }
                Target node = new Target("node" + i % nodes.size(), nodes.get(i % nodes.size()), "/sub/" + topic,
                        true);
                Handshakes.Open o = Handshakes.open(node, random);
                Subscriber s = new Subscriber(o.channel());
                s.carry = o.leftover();
                load.pool.add(o.channel(), () -> load.read(s));
                load.subscribers.add(s);
            }
            load.publisher = Handshakes.open(new Target("node0", nodes.get(0), "/pub/" + topic, true), random)
                    .channel();
            load.pool.start(load::consumeLeftovers);
            load.awaitSubscribed(deadlineNanos);
            return load;
        } finally {
            if (load.pool.failed() || load.subscribed < count) {
                load.close();
            }
        }
    }

    private void awaitSubscribed(long deadlineNanos) throws IOException {
        pool.await(() -> subscribed >= subscribers.size(), deadlineNanos,
                () -> "only " + subscribed + " of " + subscribers.size() + " subscribed in time");
    }

    /** Takes what came with each handshake's response (the pool's thread, before it reads). */
    private void consumeLeftovers() throws IOException {
        for (Subscriber s : subscribers) {
            buf.clear();
            buf.put(s.carry);
            buf.flip();
            consume(s, buf);
        }
    }

    /** Takes what a readable subscriber got (the pool's thread). */
    private void read(Subscriber s) throws IOException {
        buf.clear();
        buf.put(s.carry);
        if (s.channel.read(buf) < 0) {
            throw new IOException("a subscriber's connection ended");
        }
        buf.flip();
        consume(s, buf);
    }

    /** Takes the whole frames in {@code buf} (server frames: unmasked), keeping a partial one for the next read. */
    private void consume(Subscriber s, ByteBuffer buf) throws IOException {
        long now = System.nanoTime();
        while (buf.remaining() >= 2) {
            int p = buf.position();
            int opcode = buf.get(p) & 0x0F;
            int len = buf.get(p + 1) & 0x7F;
            int header = 2;
            if (len == 126) {
                if (buf.remaining() < 4) {
                    break;
                }
                len = ((buf.get(p + 2) & 0xFF) << 8) | (buf.get(p + 3) & 0xFF);
                header = 4;
            } else if (len == 127) {
                throw new IOException("a frame larger than " + MAX_FRAME + " bytes");
            }
            if (len > MAX_FRAME) {
                throw new IOException("a frame larger than " + MAX_FRAME + " bytes");
            }
            if (buf.remaining() < header + len) {
                break;
            }
            if (opcode == Frames.OP_TEXT) {
                message(s, buf, p + header, len, now);
            } else if (opcode == Frames.OP_PING) {
                pong(s, buf, p + header, len); // as a client does: the node's keepalive drops one that does not
            } else if (opcode == Frames.OP_CLOSE) {
                int code = len >= 2 ? (buf.get(p + header) & 0xFF) << 8 | buf.get(p + header + 1) & 0xFF : 1005;
                throw new IOException("a subscriber was closed by its node with " + code);
            }
            buf.position(p + header + len);
        }
        s.carry = Arrays.copyOfRange(buf.array(), buf.position(), buf.limit());
    }

    private void pong(Subscriber s, ByteBuffer buf, int at, int len) throws IOException {
        byte[] payload = new byte[len];
        buf.get(at, payload);
        ByteBuffer pong = ByteBuffer.wrap(Frames.clientFrame(Frames.OP_PONG, payload,
                ThreadLocalRandom.current().nextInt()));
        s.channel.write(pong);
        if (pong.hasRemaining()) {
            throw new IOException("a subscriber's pong did not fit in its socket buffer");
        }
    }

    private void message(Subscriber s, ByteBuffer buf, int at, int len, long now) {
        if (!s.subscribed) {
            s.subscribed = true; // the node's first message: the subscriber is subscribed
            if (++subscribedCount == subscribers.size()) {
                subscribed = subscribedCount;
                pool.progress();
            } else if (subscribedCount % 1000 == 0) {
                subscribed = subscribedCount;
            }
            return;
        }
        int i = at;
        int seq = 0;
        for (byte b; (b = buf.get(i)) != ' '; i++) {
            seq = seq * 10 + (b - '0');
        }
        long sentAt = 0;
        for (i++; i < at + len && buf.get(i) >= '0' && buf.get(i) <= '9'; i++) {
            sentAt = sentAt * 10 + (buf.get(i) - '0');
        }
        latencies.record(now - sentAt);
        deliveries++;
        if (seq < MAX_MESSAGES && ++received[seq] == subscribers.size()) {
            int c = complete;
            while (c < MAX_MESSAGES && received[c] == subscribers.size()) {
                c++;
            }
            complete = c;
            pool.progress();
        }
    }

    /** The figures of one phase. */
    record Result(int messages, long deliveries, long nanos, long p50, long p99, long p999, long max) {
        double deliveriesPerSecond() {
            return deliveries * 1e9 / nanos;
        }
    }

    /**
     * Publishes {@code ratePerSecond} messages a second for {@code nanos} (a bounded rate), then waits until every
     * subscriber has them all.
     */
    Result paced(int payloadSize, double ratePerSecond, long nanos) throws IOException {
        int count = (int) Math.max(1, Math.round(ratePerSecond * nanos / 1e9));
        long period = (long) (1e9 / ratePerSecond);
        return phase(payloadSize, count, Long.MAX_VALUE, period);
    }

    /**
     * Publishes for {@code nanos} as fast as delivery allows: each message once the slowest subscriber is fewer than
     * {@link #WINDOW} behind; then waits until every subscriber has them all.
     */
    Result windowed(int payloadSize, long nanos) throws IOException {
        return phase(payloadSize, MAX_MESSAGES, nanos, 0);
    }

    private Result phase(int payloadSize, int count, long nanos, long period) throws IOException {
        LatencyHistogram histogram = new LatencyHistogram();
        latencies = histogram;
        long deliveredBefore = deliveries;
        OutputStream out = publisher.socket().getOutputStream();
        int first = sent;
        long start = System.nanoTime();
        for (int i = 0; i < count && sent < MAX_MESSAGES && System.nanoTime() - start < nanos; i++) {
            if (period > 0) {
                long due = start + i * period;
                for (long wait; (wait = due - System.nanoTime()) > 0;) {
                    LockSupport.parkNanos(wait); // the rate's schedule
                }
            } else {
                awaitComplete(sent - WINDOW + 1);
            }
            out.write(Frames.clientFrame(Frames.OP_TEXT, payload(sent, payloadSize), random.nextInt()));
            sent++;
        }
        awaitComplete(sent);
        long elapsed = System.nanoTime() - start;
        long delivered = deliveries - deliveredBefore;
        return new Result(sent - first, delivered, elapsed, histogram.percentileNanos(0.50),
                histogram.percentileNanos(0.99), histogram.percentileNanos(0.999), histogram.maxNanos());
    }

    private static byte[] payload(int seq, int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) '.');
        byte[] head = (seq + " " + System.nanoTime() + " ").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, b, 0, Math.min(head.length, size));
        return head.length > size ? head : b;
    }

    private void awaitComplete(int messages) throws IOException {
        pool.await(() -> complete >= messages, System.nanoTime() + STALL_NANOS,
                () -> "the slowest subscriber did not get message " + messages + " in "
                        + STALL_NANOS / 1_000_000_000 + " s (every subscriber has " + complete + ")");
    }

    @Override
    public void close() throws IOException {
        pool.close();
        if (publisher != null) {
            publisher.close();
        }
    }
}
