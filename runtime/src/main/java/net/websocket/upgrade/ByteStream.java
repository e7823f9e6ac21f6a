package net.websocket.upgrade;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An upgraded connection's byte stream as the hosting server carries it, which a WebSocket connection runs over. The
 * connection calls these methods on its own I/O thread only, one at a time, and never blocks in them: the stream
 * reports through its {@link StreamSignals} (from any thread) when input may be there again after {@link #read}
 * returned 0, and when output may be taken again after {@link #write} took less than offered.
 */
@ConsumerType
public interface ByteStream {

    /**
     * Reads what is there now into {@code dst}, without blocking.
     *
     * @param dst where to put the bytes
     * @return how many bytes were read; 0 if none are there now ({@link StreamSignals#readable()} follows when some
     *         are); -1 at the end of the stream
     * @throws IOException if the stream failed
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Writes what the stream takes now from {@code src}, without blocking, and sends it on.
     *
     * @param src the bytes to write
     * @return how many bytes were taken; fewer than offered (perhaps 0) when the stream cannot take more now
     *         ({@link StreamSignals#writable()} follows when it can)
     * @throws IOException if the stream failed
     */
    int write(ByteBuffer src) throws IOException;

    /** Ends the connection: sends what was written, then closes; idempotent, no signal follows. */
    void close();
}
