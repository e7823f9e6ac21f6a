package net.websocket.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Opening and closing connections the blocking way, with timeouts: set-up for the load runs, the idle-connection
 * scenario, and the handshake-rate scenario itself.
 */
public final class Handshakes {

    /** How long a connect, a handshake answer or a close answer may take before the run counts it as failed. */
    public static final int IO_TIMEOUT_MILLIS = 10_000;

    /** The longest response head accepted (servers answer a few hundred bytes). */
    private static final int MAX_HEAD = 8192;

    private Handshakes() {
    }

    /** An open connection after a successful opening handshake, still in blocking mode. */
    public record Open(SocketChannel channel, byte[] leftover, String extensions) {
    }

    /**
     * Connects and performs the opening handshake. For the raw echo the "answer" is the request itself.
     *
     * @throws IOException if the server refuses, answers wrongly or too slowly
     */
    public static Open open(Target target, SplittableRandom random) throws IOException {
        return open(target, random, null);
    }

    /**
     * Connects and performs the opening handshake offering {@code extensions} (none if {@code null}); the
     * {@link Open} tells what the server agreed to ({@code null}: nothing).
     */
    public static Open open(Target target, SplittableRandom random, String extensions) throws IOException {
        SocketChannel ch = SocketChannel.open();
        boolean ok = false;
        try {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.socket().connect(target.address(), IO_TIMEOUT_MILLIS);
            ch.socket().setSoTimeout(IO_TIMEOUT_MILLIS);
            String key = Frames.newKey(random);
            byte[] request = Frames.upgradeRequest(target.address().getAddress().getHostAddress(),
                    target.address().getPort(), target.path(), key, extensions);
            OutputStream out = ch.socket().getOutputStream();
            out.write(request);
            out.flush();
            byte[] head = readHead(ch.socket().getInputStream());
            int end = headEnd(head, head.length);
            byte[] leftover = Arrays.copyOfRange(head, end, head.length);
            String text = new String(head, 0, end, StandardCharsets.ISO_8859_1);
            if (target.websocket()) {
                check(text, key);
            } else if (!Arrays.equals(Arrays.copyOf(head, end), request)) {
                throw new IOException("raw echo returned other bytes than the request");
            }
            ok = true;
            return new Open(ch, leftover, target.websocket() ? field(text, "Sec-WebSocket-Extensions") : null);
        } finally {
            if (!ok) {
                ch.close();
            }
        }
    }

    /**
     * One whole connection: open, handshake, send a close frame, read the server's close frame and (for WebSocket
     * servers, which close TCP first) the end of the stream, then close.
     */
    public static void openAndClose(Target target, SplittableRandom random) throws IOException {
        Open open = open(target, random);
        try (SocketChannel ch = open.channel()) {
            FrameScanner scanner = new FrameScanner();
            scanner.feed(ByteBuffer.wrap(open.leftover()));
            closeGracefully(target, ch, scanner, random.nextInt());
        }
    }

    /**
     * The client's half of the closing handshake on a blocking connection: sends a close frame (1000), reads up to
     * the server's close frame and, for WebSocket servers (which close TCP first, RFC 6455 section 7.1.1), to the
     * end of the stream. The caller closes the channel.
     */
    public static void closeGracefully(Target target, SocketChannel ch, FrameScanner scanner, int mask)
            throws IOException {
        try {
            ch.socket().getOutputStream().write(Frames.clientClose(1000, mask));
            InputStream in = ch.socket().getInputStream();
            byte[] buf = new byte[4096];
            ByteBuffer view = ByteBuffer.wrap(buf);
            while (!scanner.closeReceived()) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new IOException("connection ended before the server's close frame");
                }
                view.clear().limit(n);
                scanner.feed(view);
            }
            if (target.websocket()) {
                while (in.read(buf) >= 0) {
                    // nothing is expected after the close frame
                }
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("no close answer within " + IO_TIMEOUT_MILLIS + " ms", e);
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        byte[] buf = new byte[MAX_HEAD];
        int have = 0;
        while (true) {
            int n = in.read(buf, have, buf.length - have);
            if (n < 0) {
                throw new IOException("connection ended during the handshake after " + have + " bytes");
            }
            have += n;
            if (headEnd(buf, have) > 0) {
                return Arrays.copyOf(buf, have);
            }
            if (have == buf.length) {
                throw new IOException("handshake answer head longer than " + MAX_HEAD + " bytes");
            }
        }
    }

    /** The index just past the head's CRLF CRLF, or -1. */
    static int headEnd(byte[] b, int len) {
        for (int i = 3; i < len; i++) {
            if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /** The value of a header field of a response head, or {@code null}. */
    static String field(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** Checks a 101 answer: status and the accept value (RFC 6455 section 4.2.2). */
    static void check(String head, String key) throws IOException {
        String[] lines = head.split("\r\n");
        if (!lines[0].startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + lines[0]);
        }
        String expected = Frames.acceptFor(key);
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Accept")) {
                if (line.substring(colon + 1).trim().equals(expected)) {
                    return;
                }
                throw new IOException("wrong Sec-WebSocket-Accept: " + line);
            }
        }
        throw new IOException("no Sec-WebSocket-Accept in the answer");
    }
}
