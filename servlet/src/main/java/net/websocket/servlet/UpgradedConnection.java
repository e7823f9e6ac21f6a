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
 * {@link ByteStream} the connection core reads and writes on its I/O thread, without blocking, while
 * {@link ServletInputStream#isReady()} and {@link ServletOutputStream#isReady()} say so (never by
 * {@code available()}, which some containers always answer 0); the container's {@link ReadListener} and
 * {@link WriteListener} callbacks only signal the core. Made by the container (hence public, with a public
 * constructor); {@link WebSocketServlet} gives it its handshake.
 *
 * <p>Open defect: reading on the core's thread races the container's own threads in some containers (Tomcat 11
 * re-dispatches reads after every callback and fills its read buffer there; Undertow 2.3 reads ahead on its I/O
 * thread), which now and then corrupts or stalls input under load (large messages through Tomcat, hybi-00's key
 * through Undertow). Reading only on the container's threads needs a way to resume a paused read there, which the
 * Servlet API does not give; it is not solved yet.
 */
public final class UpgradedConnection implements HttpUpgradeHandler, ByteStream {

    /** The most bytes copied through the servlet streams at a time. */
    private static final int CHUNK = 16 * 1024;

    private Handshake handshake;
    private volatile WebConnection connection;
    private ServletInputStream in;
    private ServletOutputStream out;
    private volatile StreamSignals signals;
    /** Whether both listeners are set: before that the streams may not be asked whether they are ready. */
    private volatile boolean listening;
    private volatile boolean closed;
    private final byte[] readChunk = new byte[CHUNK];
    private final byte[] writeChunk = new byte[CHUNK];

    /** Made by the container. */
    public UpgradedConnection() {
    }

    /** The accepted handshake to open once the container has switched protocols. */
    void handshake(Handshake accepted) {
        this.handshake = accepted;
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
        signals = h.open(this);
        in.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() {
                signal().readable();
            }

            @Override
            public void onAllDataRead() {
                signal().readable();
            }

            @Override
            public void onError(Throwable t) {
                signal().failed(t);
            }
        });
        out.setWriteListener(new WriteListener() {
            @Override
            public void onWritePossible() {
                signal().writable();
            }

            @Override
            public void onError(Throwable t) {
                signal().failed(t);
            }
        });
        listening = true;
        signals.readable();
        signals.writable();
    }

    private StreamSignals signal() {
        return signals;
    }

    @Override
    public void destroy() {
        StreamSignals s = signals;
        if (s != null && !closed) {
            s.failed(new IOException("the container ended the upgraded connection"));
        }
    }

    // ------------------------------------------------------------------------- ByteStream (core's I/O thread)

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!listening || closed) {
            return closed ? -1 : 0;
        }
        if (in.isFinished()) {
            return -1;
        }
        int total = 0;
        while (dst.hasRemaining() && in.isReady()) {
            int n = in.read(readChunk, 0, Math.min(readChunk.length, dst.remaining()));
            if (n < 0) {
                return total > 0 ? total : -1;
            }
            dst.put(readChunk, 0, n);
            total += n;
            if (in.isFinished()) {
                break;
            }
        }
        return total;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (!listening || closed) {
            if (closed) {
                throw new IOException("closed");
            }
            return 0;
        }
        int total = 0;
        while (src.hasRemaining() && out.isReady()) {
            int n = Math.min(writeChunk.length, src.remaining());
            // a whole array: Undertow 2.3's upgraded stream writes all of the array it is given, whatever the
            // length; the chunk is reused only once the stream is ready again, that is when it is done with it
            byte[] b = n == writeChunk.length ? writeChunk : new byte[n];
            src.get(b, 0, n);
            out.write(b);
            total += n;
        }
        if (total > 0 && out.isReady()) {
            out.flush(); // a container may hold small writes until flushed
        }
        return total;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
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
