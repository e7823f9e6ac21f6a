package net.websocket.runtime.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A {@link Transport} over a byte stream that something other than our loops carries (a servlet container's upgraded
 * connection): the stream is read and written on the core's loop thread only, without blocking, and its owner
 * reports readiness from any thread through the {@link Signals} this transport hands out, which it turns into
 * {@link Transport.Events} on the loop.
 *
 * <p>The stream announces input only after a read found none (as a servlet input stream calls its listener only
 * after {@code isReady()} said false), so after a read round that ended with input still there, and when reading is
 * wanted again, this transport calls the core back by itself. Likewise for output: the stream announces room only
 * after a write took less than offered, so after a write round that left the stream writable while the core still
 * wants to write (it writes a bounded quantum a round, as over a socket, whose selector then says writable again),
 * this transport calls the core back by itself; without that a large message stopped after its first quantum.
 */
public final class StreamTransport extends Transport {

    /** The carried stream; all calls on the core's loop thread. */
    public interface Stream {
        /** Reads what is there without blocking: the count, 0 if nothing now (a signal follows), -1 at the end. */
        int read(ByteBuffer dst) throws IOException;

        /** Writes what it takes without blocking: fewer than offered (perhaps 0) when full (a signal follows). */
        int write(ByteBuffer src) throws IOException;

        /** Releases the stream; idempotent. */
        void close();
    }

    /** What the stream's owner reports, from any thread. */
    public interface Signals {
        /** Input may be there (or the end of it). */
        void readable();

        /** Output may be taken again. */
        void writable();

        /** The stream failed or was taken away by its owner: release the connection. */
        void failed(Throwable error);
    }

    private final IoLoop loop;
    private final Stream stream;
    private final boolean secure;
    private Events events;
    private boolean wantRead;
    private boolean wantWrite;
    /** Whether input may be there: no read has returned 0 since the last readable signal. */
    private boolean mayRead = true;
    /** Whether output may be taken: no write has taken less than offered since the last writable signal. */
    private boolean mayWrite = true;
    private boolean closed;
    private boolean shut;

    StreamTransport(IoLoop loop, Stream stream, boolean secure) {
        this.loop = loop;
        this.stream = stream;
        this.secure = secure;
    }

    /** The signals for the stream's owner to call, from any thread. */
    Signals signals() {
        return new Signals() {
            @Override
            public void readable() {
                loop.execute(StreamTransport.this::readSignalled);
            }

            @Override
            public void writable() {
                loop.execute(StreamTransport.this::writeSignalled);
            }

            @Override
            public void failed(Throwable error) {
                loop.execute(() -> fail(error));
                closeOffLoop();
            }
        };
    }

    private void readSignalled() {
        mayRead = true;
        readIfWanted();
    }

    private void writeSignalled() {
        mayWrite = true;
        writeIfWanted();
    }

    private void writeIfWanted() {
        if (closed || !wantWrite || !mayWrite || events == null) {
            return;
        }
        events.writable();
        if (!closed && wantWrite && mayWrite) {
            // the core writes a bounded quantum a round and wants more: a socket's selector would say writable
            // again at once, and nothing else below announces it
            loop.execute(this::writeIfWanted);
        }
    }

    private void fail(Throwable error) {
        if (!closed && events != null) {
            events.failed(error);
        }
        close();
    }

    private void readIfWanted() {
        if (closed || !wantRead || !mayRead || events == null) {
            return;
        }
        events.readable();
        if (!closed && wantRead && mayRead) {
            loop.execute(this::readIfWanted); // input left after a round is announced by nothing below
        }
    }

    @Override
    int read(ByteBuffer dst) throws IOException {
        int n = stream.read(dst);
        if (n == 0) {
            mayRead = false;
        }
        return n;
    }

    @Override
    int write(ByteBuffer src) throws IOException {
        int offered = src.remaining();
        int n = stream.write(src);
        if (n < offered) {
            mayWrite = false;
        }
        return n;
    }

    @Override
    boolean allowsCallerWrites() {
        return false;
    }

    /**
     * A stream of a container has no half close: ending the output ends the stream, which the peer sees as the server
     * closing TCP. The core asks for it once both close frames are sent (or to end after bad input), when nothing it
     * could still read matters; its next read sees the end.
     */
    @Override
    boolean shutdownOutput() {
        if (!shut) {
            shut = true;
            stream.close();
        }
        return true;
    }

    @Override
    void close() {
        if (!closed) {
            closed = true;
            stream.close();
        }
    }

    @Override
    boolean secure() {
        return secure;
    }

    @Override
    void attach(Events events) {
        this.events = events;
        if (wantRead && mayRead) {
            loop.execute(this::readIfWanted);
        }
    }

    @Override
    void interest(boolean read, boolean write) {
        if (closed) {
            return;
        }
        boolean resumeRead = read && !wantRead;
        boolean resumeWrite = write && !wantWrite;
        wantRead = read;
        wantWrite = write;
        if (resumeRead && mayRead) {
            loop.execute(this::readIfWanted);
        }
        if (resumeWrite && mayWrite) {
            loop.execute(this::writeIfWanted);
        }
    }

    @Override
    void closeOffLoop() {
        if (loop.isStopping()) {
            stream.close(); // the loop may never run the close task
        }
    }
}
