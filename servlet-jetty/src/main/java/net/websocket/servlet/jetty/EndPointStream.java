package net.websocket.servlet.jetty;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

import net.websocket.upgrade.ByteStream;
import net.websocket.upgrade.Handshake;
import net.websocket.upgrade.StreamSignals;

/**
 * The Jetty {@link Connection} that Jetty's HTTP/1.1 connection hands its {@link EndPoint} to once the 101 has gone
 * out (or, for hybi-00, with nothing of Jetty's sent: see {@link #answering}), and the {@link ByteStream} the
 * runtime's connection core runs over: it opens the accepted handshake when Jetty opens it, and the core reads and
 * writes the {@code EndPoint} directly on its own I/O thread.
 *
 * <p>Reading: bytes that followed the request head (handed over by Jetty) come first; then {@link EndPoint#fill}
 * straight into the core's buffer. When there is nothing, it asks Jetty for fill interest, and Jetty's
 * {@link #onFillable()} tells the core. Nothing is read that the core has not asked for: backpressure is TCP's.
 *
 * <p>Writing: {@link EndPoint#flush} straight from the core's buffer. When the socket takes less than offered, at most
 * one chunk of the rest is copied into a buffer of its own that Jetty writes when it can ({@link EndPoint#write}), and
 * nothing more is taken until Jetty says that chunk is written: then the core hears that it may write again.
 *
 * <p>Timeouts are the core's: Jetty's idle timeout does not close the connection. Closing is gentle: the output is
 * shut down and what the peer still sends is read and dropped until it closes its side or {@link #LINGER_MILLIS} have
 * passed, since closing a socket with unread bytes resets it, and a reset can cost the peer our close frame.
 */
final class EndPointStream extends AbstractConnection implements Connection.UpgradeTo, ByteStream {

    /** How long a closed connection reads and drops what the peer still sends, waiting for it to close its side. */
    static final long LINGER_MILLIS = 2_000;
    /** The most bytes copied for Jetty to write when the socket is full. */
    private static final int PENDING_CHUNK = 16 * 1024;

    private final Handshake handshake;
    /** Whether the connection writes the whole response: Jetty sent none ({@link Handshake#openAnswering}). */
    private final boolean answering;
    private final Object lock = new Object();
    /** What followed the request head; the core's I/O thread only, once opened. */
    private ByteBuffer leftover;
    private volatile StreamSignals signals;
    private volatile boolean opened;
    private volatile boolean closed;
    /** Whether the output is shut down and the input read only to be dropped (Jetty's threads only). */
    private volatile boolean lingering;
    /** Whether Jetty holds {@link #pending} to write; guarded by {@link #lock}. */
    private boolean writing;
    /** Whether {@link #close()} waits for the pending write; guarded by {@link #lock}. */
    private boolean closeAfterWrite;
    private ByteBuffer pending;
    /** Both callbacks only signal the core, which runs on its own thread: Jetty may call them on its selector. */
    private final Callback pendingWritten = Callback.from(InvocationType.NON_BLOCKING, this::pendingWritten,
            this::pendingFailed);
    private final Callback fillable = Callback.from(InvocationType.NON_BLOCKING, this::onFillable,
            this::onFillInterestedFailed);

    /** A stream whose handshake's response head Jetty sends (the 101 through Jetty's response). */
    EndPointStream(EndPoint endPoint, Executor executor, Handshake handshake) {
        this(endPoint, executor, handshake, null, false);
    }

    /**
     * A stream whose connection answers the handshake itself, once it has read the handshake's body, when Jetty sent
     * nothing.
     *
     * @param early what followed the request head, taken from Jetty's request buffer before its parser saw it
     *              (bounded by Jetty's input buffer size); {@code null} if nothing
     */
    static EndPointStream answering(EndPoint endPoint, Executor executor, Handshake handshake, ByteBuffer early) {
        return new EndPointStream(endPoint, executor, handshake, early, true);
    }

    private EndPointStream(EndPoint endPoint, Executor executor, Handshake handshake, ByteBuffer early,
            boolean answering) {
        super(endPoint, executor);
        this.handshake = handshake;
        this.answering = answering;
        onUpgradeTo(early);
    }

    // ----------------------------------------------------------------------------- Jetty's side

    @Override
    public void onUpgradeTo(ByteBuffer buffer) {
        if (buffer != null && buffer.hasRemaining()) {
            ByteBuffer before = leftover;
            int had = before == null ? 0 : before.remaining();
            ByteBuffer copy = ByteBuffer.allocate(had + buffer.remaining());
            if (before != null) {
                copy.put(before);
            }
            copy.put(buffer).flip();
            leftover = copy;
        }
    }

    @Override
    public void onOpen() {
        super.onOpen();
        opened = true;
        StreamSignals s = answering ? handshake.openAnswering(this) : handshake.open(this);
        signals = s;
        s.readable(); // what followed the head, or a first read
    }

    /**
     * Jetty's switch of protocols is over (from the servlet's response stream): if it did not open this connection,
     * the handshake is given back and the endpoint closed.
     */
    void switchEnded(Throwable failure) {
        if (!opened) {
            handshake.abandon();
            getEndPoint().close(failure);
        }
    }

    @Override
    public void onFillable() {
        if (lingering) {
            drain();
            return;
        }
        StreamSignals s = signals;
        if (s != null) {
            s.readable();
        }
    }

    @Override
    public void onFillInterestedFailed(Throwable cause) {
        fail(cause);
    }

    @Override
    public boolean onIdleExpired(TimeoutException timeout) {
        return lingering; // the core's timeouts and keepalive decide, but for the linger after a close
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        fail(cause != null ? cause : new EOFException("the connection was closed"));
    }

    private void fail(Throwable cause) {
        StreamSignals s = signals;
        if (s != null && !closed) {
            s.failed(cause);
        }
    }

    // ----------------------------------------------------------------------------- ByteStream (core's I/O thread)

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ByteBuffer first = leftover;
        if (first != null) {
            int n = Math.min(first.remaining(), dst.remaining());
            dst.put(dst.position(), first, first.position(), n);
            dst.position(dst.position() + n);
            first.position(first.position() + n);
            if (!first.hasRemaining()) {
                leftover = null;
            }
            return n;
        }
        ByteBuffer view = dst.slice().limit(0); // Jetty fills from the limit up to the capacity
        int n = getEndPoint().fill(view);
        if (n > 0) {
            dst.position(dst.position() + n);
        } else if (n == 0) {
            tryFillInterested(fillable);
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        synchronized (lock) {
            if (writing) {
                return 0; // pendingWritten() signals
            }
        }
        int offered = src.remaining();
        if (getEndPoint().flush(src)) {
            return offered;
        }
        int n = Math.min(src.remaining(), PENDING_CHUNK);
        if (pending == null) {
            pending = ByteBuffer.allocate(PENDING_CHUNK);
        }
        pending.clear();
        pending.put(pending.position(), src, src.position(), n).limit(n);
        src.position(src.position() + n);
        synchronized (lock) {
            writing = true;
        }
        getEndPoint().write(pendingWritten, pending);
        return offered - src.remaining();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (lock) {
            if (writing) {
                closeAfterWrite = true;
                return;
            }
        }
        closeGently();
    }

    /** Shuts the output down and reads on, dropping what comes, until the peer closes or the linger is over. */
    private void closeGently() {
        EndPoint endPoint = getEndPoint();
        lingering = true;
        endPoint.shutdownOutput();
        endPoint.setIdleTimeout(LINGER_MILLIS);
        drain();
    }

    private void drain() {
        EndPoint endPoint = getEndPoint();
        ByteBuffer scratch = ByteBuffer.allocate(4096);
        try {
            while (true) {
                scratch.position(0).limit(0); // Jetty fills from the limit up to the capacity
                int n = endPoint.fill(scratch);
                if (n < 0) {
                    endPoint.close();
                    return;
                }
                if (n == 0) {
                    tryFillInterested(fillable);
                    return;
                }
            }
        } catch (IOException e) {
            endPoint.close(e);
        }
    }

    private void pendingWritten() {
        boolean closeNow;
        synchronized (lock) {
            writing = false;
            closeNow = closeAfterWrite;
        }
        if (closeNow) {
            closeGently();
            return;
        }
        StreamSignals s = signals;
        if (s != null) {
            s.writable();
        }
    }

    private void pendingFailed(Throwable x) {
        synchronized (lock) {
            writing = false;
        }
        if (closed) {
            getEndPoint().close(x);
        } else {
            fail(x);
        }
    }
}
