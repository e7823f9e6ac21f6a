package net.websocket.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One established connection in blocking mode that sends one message at a time and waits for its echo: the round
 * trip of the latency scenarios ((b), and the bystanders of (i)).
 */
final class Echoer {

    private final SocketChannel channel;
    private final byte[] frame;
    private final OutputStream out;
    private final InputStream in;
    private final FrameScanner scanner = new FrameScanner();
    private final byte[] buf;
    private final ByteBuffer view;

    /**
     * @param open    the connection, opened by {@link Handshakes#open}
     * @param payload the message's payload (text)
     * @param mask    the client frame's masking key
     * @param capture whether the echo's first bytes are kept for {@link #lastPayload()}
     */
    Echoer(Handshakes.Open open, byte[] payload, int mask, boolean capture) throws IOException {
        this.channel = open.channel();
        this.frame = Frames.clientFrame(Frames.OP_TEXT, payload, mask);
        this.out = channel.socket().getOutputStream();
        this.in = channel.socket().getInputStream();
        this.buf = new byte[Math.max(4096, frame.length + 16)];
        this.view = ByteBuffer.wrap(buf);
        scanner.capture(capture);
        scanner.feed(ByteBuffer.wrap(open.leftover()));
    }

    /** Sends the message and waits for its echo; the nanoseconds that took. */
    long roundTrip() throws IOException {
        long before = scanner.messages();
        long t0 = System.nanoTime();
        out.write(frame);
        while (scanner.messages() == before) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("connection ended while waiting for an echo");
            }
            view.clear().limit(n);
            scanner.feed(view);
        }
        return System.nanoTime() - t0;
    }

    /** The first bytes of the last echo's payload (when made with {@code capture}). */
    byte[] lastPayload() {
        return scanner.lastPayload();
    }

    /** Closes with a close handshake. */
    void close(Target target, int mask) throws IOException {
        Handshakes.closeGracefully(target, channel, scanner, mask);
    }

    /** The socket, for closing it at once. */
    SocketChannel channel() {
        return channel;
    }
}
