package net.websocket.runtime.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * TLS over a socket, after the initial handshake ({@link TlsHandshake}): application bytes are wrapped into TLS
 * records on the way out and unwrapped on the way in, on the loop thread only.
 *
 * <p>Buffers: {@code netIn} holds received ciphertext (filled from the socket, kept in fill mode), {@code appIn}
 * decrypted bytes the caller had no room for (drain mode), {@code netOut} ciphertext waiting for the socket (drain
 * mode). Large reads unwrap straight into the caller's buffer; bulk writes wrap several records before one socket
 * write. About three records' worth of buffers per connection (some 50 KB), more while bulk data is written.
 *
 * <p>After the handshake, TLS 1.3 post-handshake messages (session tickets, key updates) are handled as they come,
 * their delegated tasks run inline (they are small); a TLS 1.2 renegotiation, from either side, is refused by
 * failing the connection.
 */
final class TlsTransport extends SocketTransport {

    /** Records wrapped into {@code netOut} before it is written: fewer system calls for large messages. */
    static final int RECORDS_PER_WRITE = 4;

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    /** The session the handshake established, taken once, so that any thread may read it without the engine. */
    private final SSLSession session;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private ByteBuffer netOut;
    /** The ciphertext in {@code netIn} is an incomplete record: only the socket can help. */
    private boolean needMoreInput;
    private boolean inboundClosed;
    private boolean shutdownRequested;
    private boolean closeNotifyWrapped;
    private boolean outputShut;

    TlsTransport(IoLoop loop, SocketChannel channel, SSLEngine engine, ByteBuffer netIn, ByteBuffer appIn,
            ByteBuffer netOut) {
        super(loop, channel);
        this.engine = engine;
        this.session = engine.getSession();
        this.netIn = netIn;
        this.appIn = appIn;
        this.netOut = netOut;
    }

    // --------------------------------------------------------------------------------------------- reading

    @Override
    int read(ByteBuffer dst) throws IOException {
        int n = drainApp(dst);
        boolean eof = false;
        while (dst.hasRemaining() && !inboundClosed) {
            if (netIn.position() == 0 || needMoreInput) {
                int k = readSocket();
                if (k < 0) {
                    eof = true;
                    break;
                }
                if (k == 0) {
                    break;
                }
            }
            netIn.flip();
            SSLEngineResult r;
            boolean direct = !appIn.hasRemaining() && dst.remaining() >= engine.getSession().getApplicationBufferSize();
            try {
                if (direct) {
                    r = engine.unwrap(netIn, dst);
                } else {
                    appIn.compact();
                    try {
                        r = engine.unwrap(netIn, appIn);
                    } finally {
                        appIn.flip();
                    }
                }
            } finally {
                netIn.compact();
            }
            n += direct ? r.bytesProduced() : drainApp(dst);
            switch (r.getStatus()) {
                case OK -> afterUnwrap(r.getHandshakeStatus());
                case BUFFER_UNDERFLOW -> {
                    needMoreInput = true;
                    if (netIn.position() == netIn.capacity()) {
                        netIn = grow(netIn, engine.getSession().getPacketBufferSize(), true);
                    }
                }
                case BUFFER_OVERFLOW -> appIn = grow(appIn, engine.getSession().getApplicationBufferSize(), false);
                case CLOSED -> inboundClosed = true; // the peer's close_notify
            }
        }
        if (n > 0) {
            return n;
        }
        return eof || inboundClosed ? -1 : 0;
    }

    private int readSocket() throws IOException {
        if (!netIn.hasRemaining()) {
            netIn = grow(netIn, engine.getSession().getPacketBufferSize(), true);
        }
        int k = channel.read(netIn);
        if (k > 0) {
            needMoreInput = false;
        }
        return k;
    }

    /** Copies decrypted bytes the caller had no room for before. */
    private int drainApp(ByteBuffer dst) {
        int n = Math.min(appIn.remaining(), dst.remaining());
        if (n == 0) {
            return 0;
        }
        ByteBuffer part = appIn.duplicate();
        part.limit(part.position() + n);
        dst.put(part);
        appIn.position(appIn.position() + n);
        return n;
    }

    /** Handles what the engine wants after unwrapping application data or a post-handshake message. */
    private void afterUnwrap(SSLEngineResult.HandshakeStatus hs) throws IOException {
        if (hs == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING || hs == SSLEngineResult.HandshakeStatus.FINISHED) {
            return;
        }
        if (!"TLSv1.3".equals(engine.getSession().getProtocol())) {
            throw new SSLException("TLS renegotiation refused");
        }
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> runTasksInline();
                case NEED_WRAP -> {
                    int before = netOut.remaining();
                    wrapInto(EMPTY);
                    if (netOut.remaining() == before) {
                        flushNetOut();
                        return; // nothing more to say
                    }
                }
                default -> {
                    flushNetOut();
                    return; // more input completes it, through read()
                }
            }
        }
    }

    private void runTasksInline() {
        for (Runnable t; (t = engine.getDelegatedTask()) != null;) {
            t.run();
        }
    }

    @Override
    boolean hasBufferedInput() {
        return appIn.hasRemaining() || (netIn.position() > 0 && !needMoreInput && !inboundClosed);
    }

    // --------------------------------------------------------------------------------------------- writing

    @Override
    int write(ByteBuffer src) throws IOException {
        if (shutdownRequested || closed) {
            throw new IOException("TLS output closed");
        }
        if (!flushNetOut()) {
            return 0;
        }
        int taken = 0;
        while (src.hasRemaining()) {
            taken += wrapInto(src);
            if (!flushNetOut()) {
                break;
            }
        }
        return taken;
    }

    /** Wraps up to {@link #RECORDS_PER_WRITE} records of {@code src} (or one handshake message) into netOut. */
    private int wrapInto(ByteBuffer src) throws IOException {
        int packet = engine.getSession().getPacketBufferSize();
        boolean bulk = src.remaining() > packet && netOut.capacity() < packet * RECORDS_PER_WRITE;
        if (netOut.capacity() - netOut.remaining() < packet || bulk) {
            // one record's room for small messages; several for bulk data, so that they go out in one write
            netOut = grow(netOut, bulk ? packet * RECORDS_PER_WRITE : packet, false);
        }
        int taken = 0;
        netOut.compact();
        try {
            for (int i = 0; i < RECORDS_PER_WRITE; i++) {
                if (netOut.remaining() < packet) {
                    break;
                }
                SSLEngineResult r = engine.wrap(src, netOut);
                taken += r.bytesConsumed();
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    if (src != EMPTY) {
                        throw new SSLException("TLS connection closed");
                    }
                    break;
                }
                if (r.getStatus() != SSLEngineResult.Status.OK) {
                    break; // overflow: netOut is written first
                }
                if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                    runTasksInline();
                }
                if (src == EMPTY || !src.hasRemaining()) {
                    break;
                }
            }
        } finally {
            netOut.flip();
        }
        return taken;
    }

    private boolean flushNetOut() throws IOException {
        while (netOut.hasRemaining()) {
            if (channel.write(netOut) == 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    boolean hasPendingOutput() {
        return netOut.hasRemaining() || (shutdownRequested && !outputShut);
    }

    @Override
    boolean flush() throws IOException {
        if (!flushNetOut()) {
            return false;
        }
        if (shutdownRequested && !outputShut) {
            if (!closeNotifyWrapped) {
                closeNotifyWrapped = true;
                engine.closeOutbound();
                while (!engine.isOutboundDone()) {
                    int before = netOut.remaining();
                    wrapInto(EMPTY);
                    if (netOut.remaining() == before) {
                        break;
                    }
                }
                if (!flushNetOut()) {
                    return false;
                }
            }
            outputShut = true;
            channel.shutdownOutput();
        }
        return true;
    }

    @Override
    boolean allowsCallerWrites() {
        return false;
    }

    @Override
    boolean shutdownOutput() throws IOException {
        shutdownRequested = true;
        return flush();
    }

    @Override
    boolean outputShut() {
        return outputShut;
    }

    @Override
    void beforeClose() {
        if (!closeNotifyWrapped) {
            closeNotifyWrapped = true;
            try {
                engine.closeOutbound();
                wrapInto(EMPTY);
                flushNetOut(); // best effort: one attempt, no waiting
            } catch (IOException | RuntimeException e) {
                // closing anyway
            }
        }
    }

    @Override
    boolean secure() {
        return true;
    }

    @Override
    SSLSession sslSession() {
        return session;
    }

    /**
     * A larger copy of a buffer, keeping its content and mode.
     *
     * @param fillMode whether {@code b} is in fill mode (content before the position) rather than drain mode
     */
    static ByteBuffer grow(ByteBuffer b, int atLeast, boolean fillMode) {
        int size = Math.max(atLeast, b.capacity() * 2);
        ByteBuffer n = ByteBuffer.allocate(size);
        if (fillMode) {
            b.flip();
            n.put(b);
        } else {
            n.put(b);
            n.flip();
        }
        return n;
    }
}
