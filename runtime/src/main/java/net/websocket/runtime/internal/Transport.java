package net.websocket.runtime.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import javax.net.ssl.SSLSession;

/**
 * The byte stream the connection core ({@link WsConnection}) runs over: bytes in, bytes out with a writable signal,
 * and close. {@link SocketTransport} carries it over a socket served by an {@link IoLoop}, as plain TCP or as TLS
 * ({@link TlsTransport}); any other carrier of a byte stream that can hand its callbacks to the core's loop can carry
 * the same core. The handshakers read and write through a transport too, before the core takes it over.
 *
 * <h2>Data</h2>
 * Used on the core's loop thread only, except {@link #write} on a transport that {@link #allowsCallerWrites()}.
 * A transport may hold bytes of its own: input already taken from below but not yet returned
 * ({@link #hasBufferedInput()}) and output not yet written ({@link #hasPendingOutput()}: the core keeps write
 * interest and calls {@link #flush()} when writable).
 *
 * <h2>Readiness</h2>
 * The transport, not the core, owns whatever tells it when data can move (a selection key, a container's
 * callbacks). The core {@linkplain #attach attaches} itself once, then says what it wants ({@link #interest}); the
 * transport calls its {@link Events} back on the core's loop thread: readable, writable, failed, loop closed. Input
 * the transport holds is announced by nothing below it, so while reading is wanted the transport calls
 * {@link Events#readable()} again by itself for as long as it holds input: after a read round, when reading is
 * wanted again, and once attached.
 */
abstract class Transport {

    /** What a transport tells the connection core, always on the core's loop thread. */
    interface Events {
        /** Bytes can be read (or the end of the stream seen): read them with {@link Transport#read}. */
        void readable();

        /** Bytes can be written: {@link Transport#flush()} first, then queued output. */
        void writable();

        /** Serving a readiness callback threw: release the connection. */
        void failed(Throwable error);

        /** The loop that serves the transport stops: release the connection. */
        void loopClosed();
    }

    /**
     * Reads application bytes into {@code dst}.
     *
     * @return the number of bytes read (0 if none are available yet), or -1 at the end of the stream
     */
    abstract int read(ByteBuffer dst) throws IOException;

    /**
     * Writes application bytes from {@code src}.
     *
     * @return how many bytes were taken; fewer than offered (perhaps 0) when the output is full
     */
    abstract int write(ByteBuffer src) throws IOException;

    /**
     * Writes application bytes from {@code first}, then from {@code second} once {@code first} is written; a
     * transport that can gather both into one system call does (plain TCP).
     *
     * @return how many bytes were taken from both; fewer than offered (perhaps 0) when the output is full
     */
    long write(ByteBuffer first, ByteBuffer second) throws IOException {
        long n = write(first);
        return first.hasRemaining() ? n : n + write(second);
    }

    /**
     * Whether input is buffered here that {@link #read} returns without the transport becoming readable; none in a
     * transport that holds no bytes of its own (plain TCP, a container's stream), which does not override it.
     */
    boolean hasBufferedInput() {
        return false;
    }

    /**
     * Whether output is buffered here that waits for the transport to become writable; none in a transport that holds
     * no bytes of its own.
     */
    boolean hasPendingOutput() {
        return false;
    }

    /**
     * Writes buffered output, and continues an output shutdown in progress; nothing to do in a transport that holds no
     * bytes of its own.
     *
     * @return whether nothing is left to write
     */
    boolean flush() throws IOException {
        return true;
    }

    /** Whether threads other than the loop may call {@link #write} (under the owner's lock). */
    abstract boolean allowsCallerWrites();

    /**
     * Ends the output once buffered bytes are written: TLS sends its close_notify first; then the output is shut
     * down. Idempotent; call {@link #flush()} when writable until it returns {@code true}.
     *
     * @return whether the output is now shut down
     */
    abstract boolean shutdownOutput() throws IOException;

    /**
     * Releases the stream (TLS tries to send a close_notify first, without waiting); no callback follows.
     * Idempotent.
     */
    abstract void close();

    /** Whether this is TLS. */
    abstract boolean secure();

    /** {@return the TLS session the handshake established (any thread), or {@code null} without TLS} */
    SSLSession sslSession() {
        return null;
    }

    /**
     * Makes {@code events} the receiver of this transport's readiness callbacks, with no interest yet (loop
     * thread). If the transport holds input already, it calls {@link Events#readable()} soon, once reading is
     * wanted.
     */
    abstract void attach(Events events) throws IOException;

    /**
     * Says what the core wants now (loop thread): readable callbacks while {@code read}, writable callbacks while
     * {@code write}. Cheap when nothing changes; ignored once closed.
     */
    abstract void interest(boolean read, boolean write);

    /**
     * A close asked from a thread other than the loop's, which the core has also handed to its loop as a task: a
     * transport whose loop is stopping (and may never run that task) releases its stream now; otherwise nothing.
     */
    abstract void closeOffLoop();
}
