package net.websocket.runtime.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/** What an {@link Outbound} calls back into: its connection. */
interface OutboundOwner {
    /** Sets or clears write interest; I/O loop thread only. */
    void writeInterest(boolean on);

    /** Asks the I/O loop to call {@link Outbound#flush()} soon (from any thread). */
    void scheduleFlush();

    /** The close frame has been written completely (any thread). */
    void closeFrameWritten();

    /** The pong queued last has been written completely (any thread, lock not held). */
    void pongWritten();

    /** Writing failed; the connection is broken (any thread). */
    void writeFailed(IOException e);

    /** Completes an async send's stage (any thread). */
    void complete(CompletableFuture<Void> f, Throwable error);

    /**
     * A payload queued with {@link Outbound#enqueueLent} has been written completely: its array may go back to the
     * loop that lent it (the thread that wrote it, usually that loop's).
     */
    void lentWritten(byte[] array);

    /** The I/O loop's direct write buffer (I/O loop thread only). */
    ByteBuffer writeBuffer();

    /** Bytes (and {@link Outbound#FRAME_OVERHEAD} per frame) beyond which sends are held back (from the settings). */
    int outboundQueueLimit();
}
