package net.websocket.runtime.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import net.websocket.api.Message;
import net.websocket.api.MessageType;

/**
 * The received data of a connection whose application pulls messages ({@code receive} and its relatives): the I/O
 * thread adds message pieces as the engine decodes them; consumers take whole messages, or the pieces of one message
 * as they arrive (streams).
 *
 * <h2>Flow control</h2>
 * When more than {@code limit} bytes are queued <em>and</em> a whole message is waiting to be taken, the queue asks
 * the I/O thread to stop reading the socket ({@link #add} returns {@code true}); a consumer that takes enough resumes
 * it (through the {@code resume} callback). A message that is still arriving never pauses reading, so a consumer
 * waiting for it cannot deadlock; its size is bounded by the engine's message limit.
 *
 * <h2>End of stream</h2>
 * {@link #end} marks the end of the input; the messages queued before it are still taken in order, and then the
 * consumer sees the end ({@code null}, or the failure if the queue was told to throw it). The connection learns that
 * the consumer has taken everything through the {@code endSeen} callback given to {@link #end}: it defers its answer
 * to the peer's close frame until then. {@link #abandon} drops everything once no consumer is left.
 */
final class InboundQueue {

    /** A piece of a message; {@code data} is owned by the queue. */
    record Piece(MessageType type, byte[] data, boolean first, boolean last) {
    }

    /** One stream consumer's claim on the message at the head of the queue. */
    static final class StreamClaim {
        final MessageType type;
        boolean finished;
        boolean abandoned;

        StreamClaim(MessageType type) {
            this.type = type;
        }
    }

    /** A completed {@link #takeAsync} waiter and the message it gets, to be completed outside the lock. */
    record Delivery(CompletableFuture<Message> waiter, Message message, IOException error) {
    }

    static final byte[] EMPTY = new byte[0];

    /**
     * What a queued piece costs beyond its payload (its objects), counted against the limit so that a flood of
     * empty messages is held back like a flood of large ones.
     */
    static final int PIECE_OVERHEAD = 64;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Piece> pieces = new ArrayDeque<>();
    private final ArrayDeque<CompletableFuture<Message>> asyncWaiters = new ArrayDeque<>();
    private final long limit;
    private final Runnable resume;
    private final java.util.function.Consumer<Delivery> deliver;
    private List<Delivery> deliveries;
    private long bytes;
    private int complete;
    private boolean ended;
    private IOException failure;
    private boolean paused;
    private boolean discardUntilLast;
    private StreamClaim stream;
    /** Whether taking past the end throws {@link #failure} instead of answering {@code null}. */
    private boolean throwAtEnd;
    /** Told once that a consumer reached the end (or that none will), then cleared. */
    private Runnable endSeen;
    private boolean endSeenDue;
    private boolean abandoned;

    /**
     * @param limit  queued bytes beyond which reading pauses
     * @param resume  called (outside the lock, on a consumer thread) when reading may resume
     * @param deliver completes an async waiter (called outside the lock)
     */
    InboundQueue(long limit, Runnable resume, java.util.function.Consumer<Delivery> deliver) {
        this.limit = limit;
        this.resume = resume;
        this.deliver = deliver;
    }

    // ------------------------------------------------------------------------------------------------ producer

    /**
     * Adds a piece (I/O thread).
     *
     * @return whether reading should pause
     */
    boolean add(Piece p) {
        lock.lock();
        try {
            if (ended || abandoned) {
                return false;
            }
            if (discardUntilLast) {
                if (p.last) {
                    discardUntilLast = false;
                }
                return paused;
            }
            pieces.add(p);
            bytes += cost(p);
            if (p.last) {
                complete++;
            }
            changed.signalAll();
            serveAsync();
            if (bytes > limit && complete > 0) {
                paused = true;
            }
            return paused;
        } finally {
            unlock();
        }
    }

    /**
     * No more pieces will come (I/O thread). A message cut short is dropped; a stream reading it fails with
     * {@code failure} (or a generic error). Async waiters get the messages still queued, then the end.
     *
     * @param failure    why the input ended, or {@code null} for a normal end (close frame, socket closed)
     * @param throwAtEnd whether consumers reaching the end get {@code failure} thrown instead of {@code null}
     * @param endSeen    run once (outside the lock) when a consumer reaches the end, or at once if the consumer is
     *                   gone ({@link #abandon}); may be {@code null}
     */
    void end(IOException failure, boolean throwAtEnd, Runnable endSeen) {
        lock.lock();
        try {
            if (ended) {
                return;
            }
            ended = true;
            this.failure = failure;
            this.throwAtEnd = throwAtEnd && failure != null;
            this.endSeen = endSeen;
            paused = false;
            if (abandoned) {
                endSeenDue = true; // nobody is reading
            }
            serveAsync();
            changed.signalAll();
        } finally {
            unlock();
        }
    }

    /** {@link #end(IOException, boolean, Runnable)} without a callback and without throwing at the end. */
    void end(IOException failure) {
        end(failure, false, null);
    }

    /**
     * The consumer is gone for good (its handler returned): queued pieces are dropped and later ones are discarded
     * as they arrive, so the socket is never paused for it again.
     *
     * @return whether reading was paused (and should resume now)
     */
    boolean abandon() {
        lock.lock();
        try {
            abandoned = true;
            boolean wasPaused = paused;
            paused = false;
            pieces.clear();
            bytes = 0;
            complete = 0;
            if (ended) {
                endSeenDue = true;
            }
            return wasPaused;
        } finally {
            unlock();
        }
    }

    /** Whether the consumer side asked the socket to stay unread. */
    boolean isPaused() {
        lock.lock();
        try {
            return paused;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes queued, with the overhead of each piece (for tests and diagnostics). */
    long queuedBytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------ consumer

    /**
     * Takes the next whole message, waiting up to {@code timeoutNanos} (negative: forever).
     *
     * @return the message, or {@code null} at end of stream
     */
    Message take(long timeoutNanos) throws IOException, TimeoutException {
        boolean resumeNow;
        Message m;
        lock.lock();
        try {
            abandonStream();
            serveAsync();
            long left = timeoutNanos;
            while (complete == 0 || !asyncWaiters.isEmpty()) {
                if (ended && complete == 0) {
                    return atEnd();
                }
                if (timeoutNanos < 0) {
                    changed.await();
                } else {
                    if (left <= 0) {
                        throw new TimeoutException("no message within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                                + " ms");
                    }
                    left = changed.awaitNanos(left);
                }
            }
            Piece head = pieces.peek();
            if (head.first && head.last) {
                // the common case: a message that arrived in one piece
                pieces.poll();
                bytes -= cost(head);
                complete--;
                m = message(head.type, head.data);
            } else {
                m = assemble(popMessage());
            }
            resumeNow = checkResume();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while receiving");
        } finally {
            unlock();
        }
        if (resumeNow) {
            resume.run();
        }
        return m;
    }

    /** Takes the next message asynchronously; waiters are served in order. */
    CompletableFuture<Message> takeAsync() {
        CompletableFuture<Message> f = new CompletableFuture<>();
        boolean resumeNow;
        lock.lock();
        try {
            asyncWaiters.add(f);
            serveAsync();
            resumeNow = checkResume();
        } finally {
            unlock();
        }
        if (resumeNow) {
            resume.run();
        }
        return f;
    }

    /**
     * Claims the next message for reading piece by piece, waiting for its first piece.
     *
     * @return the claim, or {@code null} at end of stream
     */
    StreamClaim openStream() throws IOException {
        lock.lock();
        try {
            abandonStream();
            serveAsync();
            while (pieces.isEmpty() || !asyncWaiters.isEmpty()) {
                if (ended && pieces.isEmpty()) {
                    atEnd();
                    return null;
                }
                changed.await();
            }
            stream = new StreamClaim(pieces.peek().type);
            return stream;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while receiving");
        } finally {
            unlock();
        }
    }

    /**
     * The next piece of a claimed message, waiting for it.
     *
     * @return the piece, or {@code null} if the message was read to its end or the claim abandoned
     * @throws IOException if the connection ended before the message did
     */
    Piece nextPiece(StreamClaim claim) throws IOException {
        boolean resumeNow;
        Piece p;
        lock.lock();
        try {
            while (true) {
                if (claim.finished || claim.abandoned) {
                    return null;
                }
                if (!pieces.isEmpty()) {
                    break;
                }
                if (ended) {
                    claim.abandoned = true;
                    if (stream == claim) {
                        stream = null;
                    }
                    endSeenDue = true;
                    IOException e = new IOException("the connection closed before the end of the message");
                    if (failure != null) {
                        e.initCause(failure);
                    }
                    throw e;
                }
                changed.await();
            }
            p = pieces.poll();
            bytes -= cost(p);
            if (p.last) {
                complete--;
                claim.finished = true;
                stream = null;
                serveAsync();
                changed.signalAll();
            }
            resumeNow = checkResume();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while receiving");
        } finally {
            unlock();
        }
        if (resumeNow) {
            resume.run();
        }
        return p;
    }

    /** Gives up a claim: the rest of its message is skipped. */
    void closeStream(StreamClaim claim) {
        lock.lock();
        try {
            if (stream == claim) {
                abandonStream();
                serveAsync();
            }
        } finally {
            unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------ internals

    /** Skips what is left of a stream that was not read to its end (lock held). */
    private void abandonStream() {
        StreamClaim s = stream;
        if (s == null) {
            return;
        }
        stream = null;
        if (s.finished) {
            return;
        }
        s.abandoned = true;
        while (!pieces.isEmpty()) {
            Piece p = pieces.poll();
            bytes -= cost(p);
            if (p.last) {
                complete--;
                return;
            }
        }
        if (!ended) {
            discardUntilLast = true;
        }
    }

    /** Hands whole messages to async waiters while both exist and no stream reads (lock held). */
    private void serveAsync() {
        while (!asyncWaiters.isEmpty() && stream == null) {
            if (complete > 0) {
                queueDelivery(new Delivery(asyncWaiters.poll(), assemble(popMessage()), null));
            } else if (ended) {
                endSeenDue = true;
                CompletableFuture<Message> w = asyncWaiters.poll();
                if (throwAtEnd) {
                    queueDelivery(new Delivery(w, null, failure));
                } else {
                    queueDelivery(new Delivery(w, null, null));
                }
            } else {
                return;
            }
        }
        if (asyncWaiters.isEmpty()) {
            changed.signalAll();
        }
    }

    private void queueDelivery(Delivery d) {
        if (deliveries == null) {
            deliveries = new ArrayList<>(2);
        }
        deliveries.add(d);
    }

    /** Unlocks, then completes the async waiters served meanwhile. */
    private void unlock() {
        List<Delivery> d = deliveries;
        deliveries = null;
        Runnable seen = null;
        if (endSeenDue && endSeen != null) {
            seen = endSeen;
            endSeen = null;
        }
        lock.unlock();
        if (d != null) {
            for (Delivery x : d) {
                deliver.accept(x);
            }
        }
        if (seen != null) {
            seen.run();
        }
    }

    /** What a consumer gets at the end of the stream (lock held): {@code null}, or the failure if so told. */
    private Message atEnd() throws IOException {
        endSeenDue = true;
        if (throwAtEnd) {
            throw failure;
        }
        return null;
    }

    /** Removes the pieces of the whole message at the head (lock held, complete > 0). */
    private List<Piece> popMessage() {
        List<Piece> out = new ArrayList<>(1);
        while (true) {
            Piece p = pieces.poll();
            bytes -= cost(p);
            out.add(p);
            if (p.last) {
                complete--;
                return out;
            }
        }
    }

    private static long cost(Piece p) {
        return p.data.length + PIECE_OVERHEAD;
    }

    /** Whether reading may resume now (lock held); clears the pause if so. */
    private boolean checkResume() {
        if (paused && (bytes <= limit / 2 || complete == 0)) {
            paused = false;
            return true;
        }
        return false;
    }

    /** Joins a message's pieces. */
    static Message assemble(List<Piece> parts) {
        MessageType type = parts.get(0).type;
        byte[] data;
        if (parts.size() == 1) {
            data = parts.get(0).data;
        } else {
            int n = 0;
            for (Piece p : parts) {
                n += p.data.length;
            }
            data = new byte[n];
            int at = 0;
            for (Piece p : parts) {
                System.arraycopy(p.data, 0, data, at, p.data.length);
                at += p.data.length;
            }
        }
        return message(type, data);
    }

    private static Message message(MessageType type, byte[] data) {
        return type == MessageType.TEXT ? Message.text(new String(data, StandardCharsets.UTF_8))
                : Message.binary(ByteBuffer.wrap(data));
    }
}
