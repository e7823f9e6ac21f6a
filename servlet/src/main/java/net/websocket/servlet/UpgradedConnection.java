package net.websocket.servlet;

import java.io.IOException;
import java.nio.ByteBuffer;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;

import net.websocket.upgrade.ByteStream;
import net.websocket.upgrade.Handshake;
import net.websocket.upgrade.StreamSignals;

/**
 * The container's upgraded connection carrying one WebSocket connection: the {@link HttpUpgradeHandler} the container
 * makes on {@code HttpServletRequest#upgrade} and initializes once it has switched protocols. It is the
 * {@link ByteStream} the connection core reads and writes on its I/O thread. Made by the container (hence public,
 * with a public constructor); {@link WebSocketServlet} gives it its handshake.
 *
 * <p>Reading: only the container's thread touches the input stream, inside the container's own callbacks, as the
 * containers expect (Tomcat 11 reads into its buffer on its own thread before each {@code onDataAvailable}; Undertow
 * 2.3 reads ahead on its I/O thread; reading anywhere else races them). {@link ReadListener#onDataAvailable()} reads
 * chunks while {@link ServletInputStream#isReady()} says so (never by {@code available()}, which some containers
 * always answer 0) into a bounded {@link InputHandOff}, which the core's {@link #read} takes from. When the hand-off
 * is full the container's thread waits there until the core takes some: that is how backpressure reaches the
 * container. It does not wait while the core waits for output (the containers run the write callback on the same
 * thread or under the same lock): it returns, and {@link WriteListener#onWritePossible()} reads on where it stopped.
 *
 * <p>Writing: the core writes on its own I/O thread, from the container's first {@code onWritePossible} on (before
 * it Undertow 2.3 still sets its output up on its I/O thread), while {@link ServletOutputStream#isReady()} says so,
 * and waits for {@code onWritePossible} otherwise, as Tomcat's and Jetty's own WebSocket implementations write from
 * application threads (Tomcat's upgraded output stream locks its writes; Jetty's output is locked; Undertow's is
 * handed between its I/O thread and ours through {@code isReady()} and the callback).
 */
public final class UpgradedConnection implements HttpUpgradeHandler, ByteStream {

    /** The most bytes read from the input stream at a time. */
    private static final int CHUNK = 16 * 1024;
    /**
     * The most bytes written to the output stream at a time. Tomcat 11 takes a write through its 8 KiB socket buffer
     * and then says not ready until its poller has seen the socket writable and run the write callback, whatever the
     * socket could still take: each write costs a round through its poller and executor, so they must be large.
     */
    private static final int WRITE_CHUNK = 64 * 1024;
    /** How many chunks the input hand-off holds: at most 64 KiB of input wait for the core per connection. */
    private static final int CHUNKS = 4;

    private Handshake handshake;
    /** Whether the connection writes the whole response ({@link Handshake#openAnswering}): the container sent none. */
    private boolean answering;
    private volatile WebConnection connection;
    private ServletInputStream in;
    private ServletOutputStream out;
    private volatile StreamSignals signals;
    /** Whether the read listener is set: before that the input may not be asked whether it is ready. */
    private volatile boolean readListening;
    /**
     * Whether the container has called {@code onWritePossible} once: the core writes only after it (Undertow 2.3
     * sets up its output on its I/O thread until then, and a write from another thread meanwhile is lost).
     */
    private volatile boolean writeStarted;
    private volatile boolean closed;
    private final InputHandOff input = new InputHandOff(CHUNKS, CHUNK);
    /** Held by the container's thread while it reads {@link #in}: one reader, even if callbacks overlapped. */
    private final Object reading = new Object();
    private byte[] writeChunk;

    /** Made by the container. */
    public UpgradedConnection() {
    }

    /** The accepted handshake to open once the container has switched protocols (answering it: none was sent). */
    void handshake(Handshake accepted, boolean answering) {
        this.handshake = accepted;
        this.answering = answering;
    }

    @Override
    public void init(WebConnection wc) {
        Handshake h = handshake;
        if (h == null) {
            closeQuietly(wc); // not made by WebSocketServlet
            return;
        }
        connection = wc;
        try {
            in = wc.getInputStream();
            out = wc.getOutputStream();
        } catch (IOException e) {
            h.abandon();
            closeQuietly(wc);
            return;
        }
        signals = answering ? h.openAnswering(this) : h.open(this);
        out.setWriteListener(new WriteListener() {
            @Override
            public void onWritePossible() throws IOException {
                input.writeCallback();
                writeStarted = true;
                signals.writable();
                if (readListening) {
                    readInput(); // where the read callback stopped while the core waited for this
                }
            }

            @Override
            public void onError(Throwable t) {
                input.end();
                signals.failed(t);
            }
        });
        in.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() throws IOException {
                readInput(); // called only once the listener is set, whatever readListening says yet
            }

            @Override
            public void onAllDataRead() {
                input.end();
                signals.readable();
            }

            @Override
            public void onError(Throwable t) {
                input.end();
                signals.failed(t);
            }
        });
        readListening = true;
    }

    /**
     * Reads the input stream into the hand-off while it is ready (container's thread, inside its callback). Returns
     * when the stream is not ready (the container calls {@code onDataAvailable} again), has ended, or when the
     * hand-off is full while the core waits for output (the coming {@code onWritePossible} calls again).
     */
    private void readInput() throws IOException {
        synchronized (reading) {
            try {
                while (input.awaitRoom() && in.isReady()) {
                    // a whole chunk while the stream has more (Tomcat 11 gives at most its 8 KiB buffer a read):
                    // each hand-over costs the core a round, so few and full ones
                    byte[] chunk = input.fill();
                    int length = 0;
                    int n;
                    do {
                        n = in.read(chunk, length, chunk.length - length);
                        if (n > 0) {
                            length += n;
                        }
                    } while (n > 0 && length < chunk.length && !in.isFinished() && in.isReady());
                    if (length > 0) {
                        input.filled(length);
                        signals.readable();
                    }
                    if (n < 0 || in.isFinished()) {
                        input.end();
                        signals.readable();
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                input.end();
                signals.failed(e);
            }
        }
    }

    @Override
    public void destroy() {
        StreamSignals s = signals;
        input.discard();
        if (s != null && !closed) {
            s.failed(new IOException("the container ended the upgraded connection"));
        }
    }

    // ------------------------------------------------------------------------- ByteStream (core's I/O thread)

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return input.take(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        if (!writeStarted) {
            return 0; // onWritePossible follows
        }
        int total = 0;
        long callbacks = input.writeCallbacks();
        while (src.hasRemaining() && out.isReady()) {
            int n = Math.min(WRITE_CHUNK, src.remaining());
            // a whole array: Undertow 2.3's upgraded stream writes all of the array it is given, whatever the
            // length; the chunk is reused only once the stream is ready again, that is when it is done with it
            byte[] b;
            if (n == WRITE_CHUNK) {
                if (writeChunk == null) {
                    writeChunk = new byte[WRITE_CHUNK]; // only for a connection that writes large messages
                }
                b = writeChunk;
            } else {
                b = new byte[n];
            }
            src.get(b, 0, n);
            out.write(b);
            total += n;
        }
        if (src.hasRemaining()) {
            input.outputBlocked(callbacks); // isReady() said false: onWritePossible follows
        } else if (total > 0) {
            if (out.isReady()) {
                out.flush(); // a container may hold small writes until flushed
            } else {
                input.outputBlocked(callbacks);
            }
        }
        return total;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        input.discard();
        WebConnection wc = connection;
        if (wc != null) {
            closeQuietly(wc);
        }
    }

    private static void closeQuietly(WebConnection wc) {
        try {
            wc.close();
        } catch (Exception e) {
            // closed anyway
        }
    }
}
