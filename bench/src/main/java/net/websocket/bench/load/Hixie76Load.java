package net.websocket.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Scenario (h2)'s load generator: one thread, one selector, many hybi-00 connections, each with exactly one text
 * message in flight (the next is sent when the echo of the last is whole). With one small message in flight a
 * connection's echo arrives in one read, so frames are hardly ever split across reads. Every echo is compared with
 * what was sent.
 *
 * <p>Use: {@link #open}, then {@link #runFor} as often as needed (warm-up, measurement), then {@link #close}, which
 * lets the messages in flight come back and performs closing handshakes ({@code 0xFF 0x00} each way; then the
 * generator closes TCP, since Netty's hybi-00 server answers the close frame but leaves TCP open).
 */
public final class Hixie76Load implements AutoCloseable {

    /** The generator's read buffer: many echoes of 34 bytes fit. */
    private static final int READ_BUFFER = 64 * 1024;

    /** One connection's state. */
    private static final class Conn {
        final SocketChannel channel;
        final Hixie76.Scanner scanner;
        final ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        SelectionKey key;
        boolean waiting;
        boolean closing;
        boolean closeSent;
        boolean done;

        Conn(SocketChannel channel, byte[] payload) {
            this.channel = channel;
            this.scanner = new Hixie76.Scanner(payload);
            out.flip();
        }
    }

    private final Selector selector;
    private final List<Conn> conns;
    private final byte[] frame;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER);
    private long failures;
    private boolean closed;

    private Hixie76Load(Selector selector, List<Conn> conns, byte[] frame) {
        this.selector = selector;
        this.conns = conns;
        this.frame = frame;
    }

    /**
     * Opens {@code connections} hybi-00 connections (handshakes one after the other) and sends the first message on
     * each.
     *
     * @param payload every message's payload: valid UTF-8
     * @param deadlineNanos a {@link System#nanoTime()} by which all connections must be open
     */
    public static Hixie76Load open(Target target, int connections, byte[] payload, long seed, long deadlineNanos)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Selector selector = Selector.open();
        List<Conn> conns = new ArrayList<>(connections);
        Hixie76Load load = new Hixie76Load(selector, conns, Hixie76.textFrame(payload));
        try {
            for (int i = 0; i < connections; i++) {
                if (System.nanoTime() - deadlineNanos > 0) {
                    throw new IOException("opened only " + i + " of " + connections + " connections in time");
                }
                Hixie76.Open open = Hixie76.open(target, random);
                Conn c = new Conn(open.channel(), payload);
                conns.add(c);
                c.scanner.feed(ByteBuffer.wrap(open.leftover()));
                if (c.scanner.messages() > 0 || c.scanner.closeReceived()) {
                    throw new IOException(target.name() + " sent a frame before any was asked for");
                }
                c.channel.configureBlocking(false);
                c.key = c.channel.register(selector, SelectionKey.OP_READ, c);
            }
            for (Conn c : conns) {
                load.send(c, load.frame);
            }
            return load;
        } catch (IOException | RuntimeException e) {
            load.abort();
            throw e;
        }
    }

    /** Runs the echo loop for about {@code nanos}; counts the whole echoes that came back meanwhile. */
    public EchoLoad.Result runFor(long nanos) throws IOException {
        long m0 = messagesReceived();
        long b0 = payloadBytesReceived();
        long t0 = System.nanoTime();
        long end = t0 + nanos;
        while (System.nanoTime() - end < 0) {
            pump(Math.max(1, (end - System.nanoTime()) / 1_000_000));
        }
        long t = System.nanoTime() - t0;
        return new EchoLoad.Result(messagesReceived() - m0, payloadBytesReceived() - b0, t);
    }

    /** Echoes that came back so far, over all connections. */
    public long messagesReceived() {
        long n = 0;
        for (Conn c : conns) {
            n += c.scanner.messages();
        }
        return n;
    }

    private long payloadBytesReceived() {
        long n = 0;
        for (Conn c : conns) {
            n += c.scanner.payloadBytes();
        }
        return n;
    }

    /** Echoes that differed from what was sent (and frames that should not have come), over all connections. */
    public long mismatches() {
        long n = 0;
        for (Conn c : conns) {
            n += c.scanner.mismatches();
        }
        return n;
    }

    /** Connections that failed during the run (I/O errors, a close before the end). */
    public long failures() {
        return failures;
    }

    /**
     * Stops sending, lets the message in flight on each connection come back, then performs the closing handshake
     * on every connection: sends the close frame and waits for the server's, then closes TCP.
     *
     * @return connections that failed or did not close cleanly within {@code timeoutNanos}
     */
    public long close(long timeoutNanos) throws IOException {
        if (closed) {
            return 0;
        }
        for (Conn c : conns) {
            c.closing = true;
            if (!c.waiting && !c.done) {
                sendClose(c);
            }
        }
        long end = System.nanoTime() + timeoutNanos;
        while (System.nanoTime() - end < 0 && conns.stream().anyMatch(c -> !c.done)) {
            pump(Math.max(1, (end - System.nanoTime()) / 1_000_000));
        }
        long unclean = failures + conns.stream().filter(c -> !c.done).count();
        abort();
        return unclean;
    }

    @Override
    public void close() throws IOException {
        close(5_000_000_000L);
    }

    private void abort() throws IOException {
        closed = true;
        for (Conn c : conns) {
            c.channel.close();
        }
        selector.close();
    }

    private void pump(long timeoutMillis) throws IOException {
        selector.select(timeoutMillis);
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey k = it.next();
            it.remove();
            Conn c = (Conn) k.attachment();
            if (c.done || !k.isValid()) {
                continue;
            }
            try {
                if (k.isWritable()) {
                    flush(c);
                }
                if (k.isReadable()) {
                    read(c);
                }
            } catch (IOException e) {
                fail(c);
            }
        }
    }

    private void read(Conn c) throws IOException {
        readBuffer.clear();
        int n = c.channel.read(readBuffer);
        if (n < 0) {
            if (c.closeSent && c.scanner.closeReceived()) {
                c.done = true;
                c.channel.close();
            } else {
                fail(c);
            }
            return;
        }
        readBuffer.flip();
        long before = c.scanner.messages();
        c.scanner.feed(readBuffer);
        if (c.scanner.messages() > before) {
            c.waiting = false;
            if (c.closing) {
                if (!c.closeSent) {
                    sendClose(c);
                }
            } else {
                send(c, frame);
            }
        }
        if (c.scanner.closeReceived()) {
            if (c.closeSent && c.scanner.mismatches() == 0) {
                c.done = true; // both close frames have crossed: the closing handshake is complete
                c.channel.close();
            } else {
                fail(c); // the server closed first, or sent something this generator does not expect
            }
        }
    }

    private void send(Conn c, byte[] bytes) throws IOException {
        c.waiting = bytes == frame;
        c.out.compact().put(bytes).flip();
        flush(c);
    }

    private void sendClose(Conn c) throws IOException {
        c.closeSent = true;
        send(c, Hixie76.CLOSE);
    }

    private void flush(Conn c) throws IOException {
        c.channel.write(c.out);
        c.key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void fail(Conn c) throws IOException {
        if (!c.done) {
            failures++;
            c.done = true;
            c.channel.close();
        }
    }
}
