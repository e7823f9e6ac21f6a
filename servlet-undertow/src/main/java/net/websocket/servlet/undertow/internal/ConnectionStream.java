package net.websocket.servlet.undertow.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.xnio.StreamConnection;
import org.xnio.conduits.ConduitStreamSinkChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;

import net.websocket.upgrade.ByteStream;
import net.websocket.upgrade.Handshake;
import net.websocket.upgrade.StreamSignals;

/**
 * The {@link ByteStream} over the XNIO connection Undertow hands over after an upgrade, which the runtime's connection
 * core reads and writes directly on its own I/O thread (XNIO's socket channels may be read and written from any one
 * thread at a time, and their interest may be resumed from any thread).
 *
 * <p>Reading: the connection's source channel (Undertow has put what followed the request head in front of it).
 * When there is nothing, it resumes reads; XNIO's read listener, on Undertow's I/O thread, suspends them again and
 * tells the core. Writing: the sink channel; when it takes less than offered, or cannot flush, it resumes writes, and
 * the write listener tells the core once it may write again. Nothing is read that the core has not asked for:
 * backpressure is TCP's.
 *
 * <p>Closing is gentle: what was written is flushed, the output shut down, and what the peer still sends read and
 * dropped until it closes its side or {@link #LINGER_MILLIS} have passed, since closing a socket with unread bytes
 * resets it, and a reset can cost the peer our close frame.
 */
final class ConnectionStream implements ByteStream {

    /** How long a closed connection reads and drops what the peer still sends, waiting for it to close its side. */
    static final long LINGER_MILLIS = 2_000;

    private final StreamConnection connection;
    private final ConduitStreamSourceChannel source;
    private final ConduitStreamSinkChannel sink;
    private volatile StreamSignals signals;
    private volatile boolean closed;
    /** Whether the sink still holds bytes it could not flush; the core's thread, then XNIO's write listener. */
    private volatile boolean unflushed;

    ConnectionStream(StreamConnection connection) {
        this.connection = connection;
        this.source = connection.getSourceChannel();
        this.sink = connection.getSinkChannel();
    }

    /**
     * Runs the handshake's connection over this stream, answering the handshake itself ({@code openAnswering}): it
     * reads key3, then writes the whole response. On Undertow's I/O thread, from the upgrade listener.
     */
    void openAnswering(Handshake handshake) {
        source.getReadSetter().set(ch -> {
            ch.suspendReads();
            if (closed) {
                drain();
            } else {
                StreamSignals s = signals;
                if (s != null) {
                    s.readable();
                }
            }
        });
        sink.getWriteSetter().set(ch -> {
            try {
                if (unflushed && !ch.flush()) {
                    return; // still resumed: called again once the socket takes more
                }
                unflushed = false;
                ch.suspendWrites();
                if (closed) {
                    closeGently();
                    return;
                }
            } catch (IOException e) {
                fail(e);
                return;
            }
            StreamSignals s = signals;
            if (s != null) {
                s.writable();
            }
        });
        StreamSignals s = handshake.openAnswering(this);
        signals = s;
        s.readable(); // what followed the head, or a first read
    }

    /** Undertow closed the connection (the server stops, say): the core ends it abnormally unless it closed it. */
    void connectionClosed() {
        fail(new IOException("the connection was closed"));
    }

    private void fail(Throwable cause) {
        StreamSignals s = signals;
        if (s != null && !closed) {
            s.failed(cause);
        }
    }

    /** Closes the connection, whatever comes of it: it is over. */
    static void closeQuietly(StreamConnection connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // closed anyway
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = source.read(dst);
        if (n == 0) {
            source.resumeReads();
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        if (unflushed) {
            return 0; // the write listener signals
        }
        int n = sink.write(src);
        if (src.hasRemaining() || !sink.flush()) {
            unflushed = !src.hasRemaining();
            sink.resumeWrites();
        }
        return n;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            sink.shutdownWrites();
            if (!sink.flush()) {
                unflushed = true;
                sink.resumeWrites(); // the write listener closes gently once flushed
                return;
            }
        } catch (IOException e) {
            closeQuietly(connection);
            return;
        }
        closeGently();
    }

    /** The output is shut down: reads on, dropping what comes, until the peer closes or the linger is over. */
    private void closeGently() {
        connection.getIoThread().executeAfter(() -> closeQuietly(connection), LINGER_MILLIS,
                TimeUnit.MILLISECONDS);
        drain();
    }

    private void drain() {
        ByteBuffer scratch = ByteBuffer.allocate(4096);
        try {
            while (true) {
                scratch.clear();
                int n = source.read(scratch);
                if (n < 0) {
                    closeQuietly(connection);
                    return;
                }
                if (n == 0) {
                    source.resumeReads();
                    return;
                }
            }
        } catch (IOException e) {
            closeQuietly(connection);
        }
    }
}
