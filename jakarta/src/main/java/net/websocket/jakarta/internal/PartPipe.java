package net.websocket.jakarta.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.Reader;
import java.util.ArrayDeque;

/**
 * A bounded pipe from the parts of one message, as the connection delivers them, to the {@link InputStream} or
 * {@link Reader} a stream handler reads (Jakarta WebSocket 2.1, section 2.1.3: a whole message as a blocking stream,
 * here read while it arrives). The writer is the session's listener callback on a runtime handler thread, the reader
 * the user's handler on a thread of its own.
 *
 * <h2>Backpressure</h2>
 * {@link #put} waits while the parts not yet read hold more than {@link #capacity} bytes (or chars): the runtime's
 * handler thread waits, so the connection's next events wait undelivered, and once they exceed the inbound queue
 * limit the runtime stops reading the socket, until the reader catches up. No I/O thread waits. A part larger than
 * the capacity is taken when the pipe is empty. When the reader closes the stream (or its handler returned), what is
 * put later is dropped at once, so a handler that stops reading early never stalls the connection.
 *
 * <h2>Threads</h2>
 * One writer thread and one reader thread; the state is guarded by this object's monitor.
 */
final class PartPipe {

    private final long capacity;
    private final ArrayDeque<Object> parts = new ArrayDeque<>();
    /** The part being read: a {@code byte[]} or a {@code String}, and where in it. */
    private Object head;
    private int headOffset;
    private long buffered;
    private boolean ended;
    private boolean readerClosed;
    private String failure;

    /** @param capacity the most bytes (or chars) put and not yet read before {@link #put} waits */
    PartPipe(long capacity) {
        this.capacity = capacity;
    }

    /**
     * Adds a part: a {@code byte[]} or a {@code String} (writer thread). Waits while the pipe is full and the reader
     * still reads.
     *
     * @throws InterruptedException if the writer is interrupted while waiting
     */
    synchronized void put(Object part, boolean last) throws InterruptedException {
        int size = size(part);
        while (!readerClosed && buffered > 0 && buffered + size > capacity) {
            wait();
        }
        if (!readerClosed && size > 0) {
            parts.add(part);
            buffered += size;
        }
        if (last) {
            ended = true;
        }
        notifyAll();
    }

    /**
     * The message will not end whole: the connection closed in its middle, or it grew over a limit (writer thread);
     * the reader gets an error.
     */
    synchronized void fail(String why) {
        if (!ended) {
            failure = why;
            ended = true;
            notifyAll();
        }
    }

    /** {@return whether the message failed ({@link #fail}): what was read of it is not a message} */
    synchronized boolean failed() {
        return failure != null;
    }

    /** The reader is done (reader thread): parts put later are dropped. */
    synchronized void closeReader() {
        readerClosed = true;
        parts.clear();
        head = null;
        buffered = 0;
        notifyAll();
    }

    /** What is put and not read yet (tests). */
    synchronized long buffered() {
        return buffered;
    }

    private static int size(Object part) {
        return part instanceof byte[] b ? b.length : ((String) part).length();
    }

    /**
     * Waits for a part to read from (reader thread).
     *
     * @return whether there is one; {@code false} at the end of the message
     */
    private boolean awaitHead() throws IOException {
        while (true) {
            if (head != null && headOffset < size(head)) {
                return true;
            }
            if (head != null) {
                buffered -= size(head);
                head = null;
                notifyAll();
            }
            if (readerClosed) {
                throw new IOException("stream closed");
            }
            Object next = parts.poll();
            if (next != null) {
                head = next;
                headOffset = 0;
                continue;
            }
            if (ended) {
                if (failure != null) {
                    throw new IOException(failure);
                }
                return false;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the message's next part");
            }
        }
    }

    /** {@return the binary message as a stream} */
    InputStream inputStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                java.util.Objects.checkFromIndexSize(off, len, b.length);
                if (len == 0) {
                    return 0;
                }
                synchronized (PartPipe.this) {
                    if (!awaitHead()) {
                        return -1;
                    }
                    byte[] h = (byte[]) head;
                    int n = Math.min(len, h.length - headOffset);
                    System.arraycopy(h, headOffset, b, off, n);
                    headOffset += n;
                    return n;
                }
            }

            @Override
            public void close() {
                closeReader();
            }
        };
    }

    /** {@return the text message as a reader} */
    Reader reader() {
        return new Reader() {
            @Override
            public int read(char[] cbuf, int off, int len) throws IOException {
                java.util.Objects.checkFromIndexSize(off, len, cbuf.length);
                if (len == 0) {
                    return 0;
                }
                synchronized (PartPipe.this) {
                    if (!awaitHead()) {
                        return -1;
                    }
                    String h = (String) head;
                    int n = Math.min(len, h.length() - headOffset);
                    h.getChars(headOffset, headOffset + n, cbuf, off);
                    headOffset += n;
                    return n;
                }
            }

            @Override
            public void close() {
                closeReader();
            }
        };
    }
}
