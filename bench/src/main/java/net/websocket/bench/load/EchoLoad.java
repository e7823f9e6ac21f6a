package net.websocket.bench.load;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The load generator: one thread, one selector, many connections, each keeping a fixed number of echo messages in
 * flight. Every frame is encoded (and masked, with a random key fixed per connection) before the run, so sending is
 * a copy of ready bytes and receiving is a count of frame headers: the generator spends as little as it can per
 * message, leaving the measured cost to the server.
 *
 * <p>Use: {@link #open}, then {@link #runFor} as often as needed (warm-up, measurement: messages stay in flight
 * between calls), then {@link #close}, which lets the messages in flight come back and performs closing handshakes.
 */
public final class EchoLoad implements AutoCloseable {

    /** The generator's read buffer: large enough that a 1 MiB echo needs only a few reads. */
    private static final int READ_BUFFER = 256 * 1024;

    /** Reads per readiness event before going back to the selector, so one busy connection cannot starve others. */
    private static final int READS_PER_EVENT = 4;

    /** One connection's state. */
    private static final class Conn {
        final SocketChannel channel;
        final FrameScanner scanner = new FrameScanner();
        final ByteBuffer burst;
        final int frameLength;
        final int mask;
        /** For distinct messages: where each frame starts in {@link #burst} (and where the last ends); else null. */
        int[] offsets;
        /** For distinct messages: the next frame to send. */
        int cursor;
        SelectionKey key;
        ByteBuffer out;
        long toSend;
        long outstanding;
        boolean closing;
        boolean closeSent;
        boolean done;

        Conn(SocketChannel channel, ByteBuffer burst, int frameLength, int mask) {
            this.channel = channel;
            this.burst = burst;
            this.frameLength = frameLength;
            this.mask = mask;
        }
    }

    /** What one {@link #runFor} call saw: messages and payload bytes that came back, and the time it took. */
    public record Result(long messages, long payloadBytes, long nanos) {
        public double messagesPerSecond() {
            return messages * 1e9 / nanos;
        }

        public double megabytesPerSecond() {
            return payloadBytes * 1e3 / nanos;
        }
    }

    private final Target target;
    private final Selector selector;
    private final List<Conn> conns;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER);
    private final int inFlight;
    private long failures;

    private EchoLoad(Target target, Selector selector, List<Conn> conns, int inFlight) {
        this.target = target;
        this.selector = selector;
        this.conns = conns;
        this.inFlight = inFlight;
    }

    /**
     * Opens {@code connections} connections (handshakes one after the other) and queues {@code inFlight} messages on
     * each. With {@code inFlight} 0 the connections stay idle.
     *
     * @param opcode  {@link Frames#OP_TEXT} or {@link Frames#OP_BINARY}
     * @param payload every message's payload
     * @param deadlineNanos a {@link System#nanoTime()} by which all connections must be open
     */
    public static EchoLoad open(Target target, int connections, int inFlight, int opcode, byte[] payload,
            long seed, long deadlineNanos) throws IOException {
        return open(target, connections, inFlight, opcode, payload, seed, deadlineNanos, false);
    }

    /**
     * As {@link #open(Target, int, int, int, byte[], long, long)}; with {@code deflate} every connection offers
     * {@link Frames#DEFLATE_OFFER}, must have it agreed, and sends {@code payload} compressed (once, before the run:
     * without client context takeover every message is compressed alike), RSV1 set.
     */
    public static EchoLoad open(Target target, int connections, int inFlight, int opcode, byte[] payload,
            long seed, long deadlineNanos, boolean deflate) throws IOException {
        return open(target, connections, inFlight, opcode, List.of(payload), seed, deadlineNanos, deflate);
    }

    /**
     * As {@link #open(Target, int, int, int, byte[], long, long, boolean)} with several distinct messages: each
     * connection sends them in turn, over and over (so a server with context takeover cannot simply refer back to
     * the same message).
     */
    public static EchoLoad open(Target target, int connections, int inFlight, int opcode, List<byte[]> payloads,
            long seed, long deadlineNanos, boolean deflate) throws IOException {
        List<byte[]> wirePayloads = new ArrayList<>();
        for (byte[] p : payloads) {
            wirePayloads.add(deflate ? Frames.deflate(p) : p);
        }
        boolean distinct = wirePayloads.size() > 1;
        SplittableRandom random = new SplittableRandom(seed);
        Selector selector = Selector.open();
        List<Conn> conns = new ArrayList<>(connections);
        EchoLoad load = new EchoLoad(target, selector, conns, inFlight);
        try {
            for (int i = 0; i < connections; i++) {
                if (System.nanoTime() - deadlineNanos > 0) {
                    throw new IOException("opened only " + i + " of " + connections + " connections in time");
                }
                Handshakes.Open open = Handshakes.open(target, random, deflate ? Frames.DEFLATE_OFFER : null);
                if (deflate && (open.extensions() == null || !open.extensions().startsWith("permessage-deflate"))) {
                    open.channel().close();
                    throw new IOException(target.name() + " did not agree to permessage-deflate: "
                            + open.extensions());
                }
                int mask = random.nextInt();
                ByteBuffer burst = null;
                int frameLength = 0;
                int[] offsets = null;
                if (inFlight > 0 && distinct) {
                    List<byte[]> frames = new ArrayList<>();
                    offsets = new int[wirePayloads.size() + 1];
                    for (int k = 0; k < wirePayloads.size(); k++) {
                        frames.add(Frames.clientFrame(opcode, wirePayloads.get(k), mask, deflate));
                        offsets[k + 1] = offsets[k] + frames.get(k).length;
                    }
                    burst = ByteBuffer.allocateDirect(offsets[frames.size()]);
                    frames.forEach(burst::put);
                    burst.flip();
                    frameLength = offsets[frames.size()] / frames.size();
                } else if (inFlight > 0) {
                    byte[] frame = Frames.clientFrame(opcode, wirePayloads.get(0), mask, deflate);
                    frameLength = frame.length;
                    burst = ByteBuffer.allocateDirect(frame.length * inFlight);
                    burst.put(Frames.repeat(frame, inFlight)).flip();
                }
                Conn c = new Conn(open.channel(), burst, frameLength, mask);
                c.offsets = offsets;
                c.channel.configureBlocking(false);
                c.scanner.feed(ByteBuffer.wrap(open.leftover()));
                c.key = c.channel.register(selector, SelectionKey.OP_READ, c);
                c.toSend = inFlight;
                conns.add(c);
            }
            for (Conn c : conns) {
                flush(c);
            }
        } catch (IOException | RuntimeException e) {
            load.abort();
            throw e;
        }
        return load;
    }

    /** The number of open connections. */
    public int size() {
        return conns.size();
    }

    /** Connections that failed (reset, protocol confusion) during runs. */
    public long failures() {
        return failures;
    }

    /** Drives the connections for this long and reports what came back meanwhile. */
    public Result runFor(long nanos) throws IOException {
        long start = System.nanoTime();
        long end = start + nanos;
        long messages = 0;
        long bytes = 0;
        long before = totalBytes();
        long beforeMessages = totalMessages();
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            poll(Math.max(1, left / 1_000_000));
        }
        messages = totalMessages() - beforeMessages;
        bytes = totalBytes() - before;
        return new Result(messages, bytes, System.nanoTime() - start);
    }

    /** Messages that came back on all connections since they opened. */
    public long messagesReceived() {
        return totalMessages();
    }

    /** Payload bytes (as on the wire: compressed, if so) that came back on all connections since they opened. */
    public long payloadBytesReceived() {
        return totalBytes();
    }

    /** Messages that came back compressed (RSV1) on all connections since they opened. */
    public long compressedMessagesReceived() {
        long n = 0;
        for (Conn c : conns) {
            n += c.scanner.compressedMessages();
        }
        return n;
    }

    /** The length of one sent message's frame (header, mask and payload as on the wire; the mean of several). */
    public int frameLength() {
        return conns.isEmpty() ? 0 : conns.get(0).frameLength;
    }

    private long totalMessages() {
        long n = 0;
        for (Conn c : conns) {
            n += c.scanner.messages();
        }
        return n;
    }

    private long totalBytes() {
        long n = 0;
        for (Conn c : conns) {
            n += c.scanner.payloadBytes();
        }
        return n;
    }

    private void poll(long timeoutMillis) throws IOException {
        if (selector.select(timeoutMillis) == 0) {
            return;
        }
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey k = it.next();
            it.remove();
            Conn c = (Conn) k.attachment();
            if (c.done || !k.isValid()) {
                continue;
            }
            try {
                if (k.isReadable()) {
                    read(c);
                }
                if (!c.done && k.isValid() && k.isWritable()) {
                    flush(c);
                }
            } catch (IOException e) {
                failures++;
                finish(c);
            }
        }
    }

    private void read(Conn c) throws IOException {
        for (int i = 0; i < READS_PER_EVENT; i++) {
            readBuffer.clear();
            int n = c.channel.read(readBuffer);
            if (n < 0) {
                if (!c.closeSent || (target.websocket() && !c.scanner.closeReceived())) {
                    failures++;
                }
                finish(c);
                return;
            }
            if (n == 0) {
                break;
            }
            readBuffer.flip();
            int got = c.scanner.feed(readBuffer);
            c.outstanding -= got;
            if (!c.closing) {
                c.toSend += got;
            }
            if (c.scanner.closeReceived() && !target.websocket()) {
                // the raw echo returned our close frame; it never closes first
                finish(c);
                return;
            }
            if (n < readBuffer.capacity()) {
                break;
            }
        }
        flush(c);
    }

    /** Writes queued frames (and, when closing and nothing is in flight, the close frame). */
    private static void flush(Conn c) throws IOException {
        while (true) {
            if (c.out == null || !c.out.hasRemaining()) {
                if (c.toSend > 0 && !c.closing && c.offsets != null) {
                    int frames = c.offsets.length - 1;
                    int n = (int) Math.min(c.toSend, frames - c.cursor);
                    ByteBuffer b = c.burst.duplicate();
                    b.position(c.offsets[c.cursor]).limit(c.offsets[c.cursor + n]);
                    c.out = b;
                    c.cursor = (c.cursor + n) % frames;
                    c.toSend -= n;
                    c.outstanding += n;
                } else if (c.toSend > 0 && !c.closing) {
                    int n = (int) Math.min(c.toSend, c.burst.capacity() / c.frameLength);
                    ByteBuffer b = c.burst.duplicate();
                    b.position(0).limit(n * c.frameLength);
                    c.out = b;
                    c.toSend -= n;
                    c.outstanding += n;
                } else if (c.closing && !c.closeSent && c.outstanding <= 0) {
                    c.out = ByteBuffer.wrap(Frames.clientClose(1000, c.mask));
                    c.closeSent = true;
                } else {
                    c.out = null;
                    break;
                }
            }
            c.channel.write(c.out);
            if (c.out.hasRemaining()) {
                break;
            }
        }
        boolean pending = c.out != null && c.out.hasRemaining();
        int ops = SelectionKey.OP_READ | (pending ? SelectionKey.OP_WRITE : 0);
        if (c.key != null && c.key.isValid() && c.key.interestOps() != ops) {
            c.key.interestOps(ops);
        }
    }

    private void finish(Conn c) {
        c.done = true;
        try {
            c.channel.close();
        } catch (IOException e) {
            // closing a socket we are done with
        }
    }

    /**
     * Stops sending, waits for the messages in flight, then performs the closing handshake on every connection,
     * for at most {@code timeoutNanos}; connections still open after that are reset.
     *
     * @return the number of connections that did not close cleanly
     */
    public long close(long timeoutNanos) throws IOException {
        long end = System.nanoTime() + timeoutNanos;
        for (Conn c : conns) {
            c.closing = true;
            if (!c.done) {
                try {
                    flush(c);
                } catch (IOException e) {
                    failures++;
                    finish(c);
                }
            }
        }
        while (System.nanoTime() - end < 0 && !allDone()) {
            poll(Math.max(1, (end - System.nanoTime()) / 1_000_000));
        }
        long unclean = 0;
        for (Conn c : conns) {
            if (!c.done) {
                unclean++;
                reset(c);
            }
        }
        selector.close();
        return unclean + failures;
    }

    @Override
    public void close() throws IOException {
        close(5_000_000_000L);
    }

    private boolean allDone() {
        for (Conn c : conns) {
            if (!c.done) {
                return false;
            }
        }
        return true;
    }

    private void abort() {
        for (Conn c : conns) {
            reset(c);
        }
        try {
            selector.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }

    private void reset(Conn c) {
        try {
            c.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException e) {
            // already closed
        }
        finish(c);
    }
}
