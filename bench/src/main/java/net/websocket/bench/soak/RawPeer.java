package net.websocket.bench.soak;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import net.websocket.bench.load.FrameScanner;
import net.websocket.bench.load.Frames;

/**
 * A misbehaving peer's socket to the soak server, with what the attacks need to tell how the server answered: the
 * status of the answer's head, and whether the server closes the connection within a deadline.
 */
final class RawPeer implements AutoCloseable {

    /** How long a connect may take (the accept queue may be full during a flood). */
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    /** The longest answer head read. */
    private static final int MAX_HEAD = 16 * 1024;

    /** The status {@link #readStatus} returns when the server closed the connection without an answer. */
    static final int CLOSED = -1;

    final Socket socket;
    /** Bytes read after the answer's head (the start of the first frames). */
    byte[] leftover = new byte[0];
    /** The answer's head, once read. */
    String head = "";

    private RawPeer(Socket socket) {
        this.socket = socket;
    }

    /**
     * Connects to the server.
     *
     * @param receiveBuffer the socket's receive buffer, set before connecting (0: the default); a peer that reads
     *                      nothing gets a small one, so that the server's sends back up soon
     */
    static RawPeer connect(InetSocketAddress server, int receiveBuffer) throws IOException {
        // a channel's socket, so that a peer can go on writing without blocking (RawPeer#channel)
        Socket s = SocketChannel.open().socket();
        try {
            if (receiveBuffer > 0) {
                s.setReceiveBufferSize(receiveBuffer);
            }
            s.setTcpNoDelay(true);
            s.connect(server, CONNECT_TIMEOUT_MILLIS);
            return new RawPeer(s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    void write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /**
     * Reads the answer's head and returns its status code, or {@link #CLOSED} if the connection ended (or was reset)
     * first.
     *
     * @throws SocketTimeoutException if nothing complete arrived within {@code millis}
     */
    int readStatus(long millis) throws IOException {
        long end = System.nanoTime() + millis * 1_000_000;
        byte[] buf = new byte[MAX_HEAD];
        int have = 0;
        InputStream in = socket.getInputStream();
        while (true) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException("no answer head in " + millis + " ms");
            }
            socket.setSoTimeout((int) Math.max(1, left));
            int n;
            try {
                n = in.read(buf, have, buf.length - have);
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                return CLOSED; // reset
            }
            if (n < 0) {
                return CLOSED;
            }
            have += n;
            int headEnd = headEnd(buf, have);
            if (headEnd > 0) {
                head = new String(buf, 0, headEnd, StandardCharsets.ISO_8859_1);
                leftover = Arrays.copyOfRange(buf, headEnd, have);
                String[] statusLine = head.split(" ", 3);
                try {
                    return Integer.parseInt(statusLine[1]);
                } catch (RuntimeException e) {
                    throw new IOException("not an HTTP answer: " + head.lines().findFirst().orElse(""));
                }
            }
            if (have == buf.length) {
                throw new IOException("answer head longer than " + MAX_HEAD + " bytes");
            }
        }
    }

    /**
     * Reads (and drops) what the server sends until it closes the connection; answers the server's close frame with
     * one of ours, as a well-behaved peer would, so that the server need not wait for its close timeout.
     *
     * @return whether the server closed (or reset) the connection within {@code millis}
     */
    boolean awaitServerClose(long millis) throws IOException {
        long end = System.nanoTime() + millis * 1_000_000;
        FrameScanner frames = new FrameScanner();
        frames.feed(ByteBuffer.wrap(leftover));
        boolean answered = false;
        byte[] buf = new byte[64 * 1024];
        InputStream in = socket.getInputStream();
        while (true) {
            if (frames.closeReceived() && !answered) {
                answered = true;
                try {
                    write(Frames.clientClose(1000, 0x5eed));
                } catch (IOException e) {
                    return true; // already closed
                }
            }
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            socket.setSoTimeout((int) Math.max(1, left));
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset
            }
            if (n < 0) {
                return true;
            }
            frames.feed(ByteBuffer.wrap(buf, 0, n));
        }
    }

    /** Closes with a TCP reset instead of a FIN. */
    void reset() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // closed already
        }
        close();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private static int headEnd(byte[] b, int len) {
        for (int i = 3; i < len; i++) {
            if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }
}
