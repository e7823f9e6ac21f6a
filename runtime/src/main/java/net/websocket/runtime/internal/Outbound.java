package net.websocket.runtime.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import net.websocket.api.ConnectionClosedException;
import net.websocket.api.OutboundQueueFullException;

/**
 * The encoded frames of one connection waiting to be written, in order, and the writing itself.
 *
 * <p>Frames are added under the connection's send lock (so queue order is encoding order). A small frame added to
 * an empty queue is written at once from the adding thread when the transport allows it (plain TCP); everything
 * else is written by the I/O loop, which gathers queued frames into its direct write buffer so that many small
 * frames go out in one system call. Over the limit, blocking senders wait in {@link #awaitSpace} and asynchronous
 * ones are refused ({@link #overLimit()}). At most one pong waits unwritten ({@link #pongUnwritten()}). "Written"
 * means taken by the transport: for TLS, encrypted into its bounded output buffer. How queued frames are gathered
 * into writes is {@link FrameQueue}'s.
 *
 * <p>The queue is also the connection's {@link SendLock} (by inheritance, saving an object per connection); that lock
 * and the monitor of this object, which guards the queue's own state, are independent of each other.
 */
final class Outbound extends SendLock implements Runnable {

    /** Serializable only as a synchronizer is; never serialized. */
    private static final long serialVersionUID = 1L;

    /**
     * Frames at most this large are written straight from the sending thread when nothing is queued, saving a
     * wake-up of the I/O loop. Kept small because the JDK copies a heap buffer into a per-thread cached direct
     * buffer of the same size for the write.
     */
    static final int CALLER_WRITE_MAX = 16 * 1024;

    /**
     * The most bytes one {@link #flush()} writes before letting the loop serve other channels; it continues on the
     * next round.
     */
    static final int FLUSH_QUANTUM = 1024 * 1024;

    /** What a queued frame costs beyond its bytes (its objects), counted against the limit. */
    static final int FRAME_OVERHEAD = 64;

    /**
     * The most bytes a batch holds back for one write at its end (see {@link #beginBatch()}); beyond it frames go to
     * the I/O loop as usual. One pooled direct buffer's worth, so the batch's write is a single system call.
     */
    static final int BATCH_MAX = DirectBuffers.SIZE;

    private record Completion(long end, CompletableFuture<Void> future) {
    }

    // Both made on first use (lock held) and kept: most connections are idle, and a frame written at once from the
    // sending thread (the 101 response, say) never needs the queue; a send with no stage never needs a completion.
    private FrameQueue queue;
    private ArrayDeque<Completion> completions;
    private final Transport transport;
    private final boolean callerWrites;
    /**
     * The batch's pooled direct buffer, into which the batch's thread encodes small frames in place (see
     * {@link #batchRoom}), or {@code null}; written by {@link #endBatch()}, or put in the queue when some other frame
     * has to follow what it holds.
     */
    private ByteBuffer batch;
    /** The connection, called back; its settings give the limit (not copied into every connection). */
    private final OutboundOwner owner;
    private long enqueued;
    private long written;
    private long closeFrameEnd = -1;
    /** Where the pong queued last ends in the stream of queued bytes, while it is not written; else -1. */
    private long pongEnd = -1;
    private boolean closeFrameDone;
    private boolean writeScheduled;
    private int waiters;
    private IOException failure;
    /** The thread running a batch of listener callbacks for this connection, or {@code null}. */
    volatile Thread batcher;
    /** Frames are queued that the batch's thread writes at the end of its batch (no loop flush scheduled). */
    private boolean held;

    Outbound(Transport transport, OutboundOwner owner) {
        this.transport = transport;
        this.callerWrites = transport.allowsCallerWrites();
        this.owner = owner;
    }

    /**
     * Waits while more than the limit is queued, at most {@code timeoutNanos} (0: as long as it takes); fails if the
     * connection broke. Not on the I/O thread.
     *
     * @throws OutboundQueueFullException if no room came in time
     */
    void awaitSpace(long timeoutNanos) throws IOException {
        synchronized (this) {
            try {
                long end = System.nanoTime() + timeoutNanos;
                while (failure == null && cost() > owner.outboundQueueLimit()) {
                    long left = end - System.nanoTime();
                    if (timeoutNanos != 0 && left <= 0) {
                        throw new OutboundQueueFullException("no room in the outbound queue within the send timeout ("
                                + cost() + " bytes queued, limit " + owner.outboundQueueLimit() + ")");
                    }
                    waiters++;
                    try {
                        wait(timeoutNanos == 0 ? 0 : Math.max(1, left / 1_000_000)); // 0: until woken
                    } finally {
                        waiters--;
                    }
                }
                if (failure != null) {
                    throw failure;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to send");
            }
        }
    }

    /**
     * Queues an encoded frame (flipped, ready to write); called under the connection's send lock.
     *
     * @param done      completed once the frame is written, or {@code null}
     * @param closeFrame whether this is the close frame
     * @throws IOException if the connection is broken (async sends get a failed stage instead)
     */
    void enqueue(ByteBuffer frame, CompletableFuture<Void> done, boolean closeFrame) throws IOException {
        boolean schedule = false;
        boolean finished = false;
        boolean brokeNow = false;
        IOException error = null;
        synchronized (this) {
            if (failure != null) {
                if (done == null) {
                    throw failure;
                }
                error = failure;
            } else {
                moveBatchToQueue(); // what the batch buffer holds goes first
                int len = frame.remaining();
                enqueued += len;
                if (closeFrame) {
                    closeFrameEnd = enqueued;
                }
                if (callerWrites && !writeScheduled && !closeFrame && batcher == Thread.currentThread()
                        && (queueEmpty() || held) && cost() + len + FRAME_OVERHEAD <= batchMax()) {
                    // held for one write at the end of the batch
                    queueAdd(frame);
                    if (done != null) {
                        completionAdd(new Completion(enqueued, done));
                    }
                    held = true;
                } else if (callerWrites && queueEmpty() && !writeScheduled && len <= CALLER_WRITE_MAX) {
                    try {
                        written += transport.write(frame);
                    } catch (IOException e) {
                        fail(e);
                        error = failure;
                        brokeNow = true;
                    }
                    if (error == null) {
                        if (frame.hasRemaining()) {
                            queueAdd(frame);
                            if (done != null) {
                                completionAdd(new Completion(enqueued, done));
                            }
                            writeScheduled = true;
                            schedule = true;
                        } else {
                            finished = true;
                            if (closeFrame) {
                                closeFrameDone = true;
                            }
                        }
                    }
                } else {
                    queueAdd(frame);
                    if (done != null) {
                        completionAdd(new Completion(enqueued, done));
                    }
                    if (!writeScheduled) {
                        writeScheduled = true;
                        schedule = true;
                    }
                }
            }
        }
        if (error != null) {
            if (brokeNow) {
                owner.writeFailed(error);
            }
            if (done == null) {
                throw error;
            }
            owner.complete(done, error);
            return;
        }
        if (finished) {
            if (done != null) {
                owner.complete(done, null);
            }
            if (closeFrame) {
                owner.closeFrameWritten();
            }
        }
        if (schedule) {
            owner.scheduleFlush();
        }
    }

    /**
     * Queues a data frame as its header and a payload lent by the loop ({@link FrameQueue#addLent}), written from
     * the array it is in by the I/O loop; called under the connection's send lock, on the loop's thread.
     *
     * @param header the frame's header (flipped)
     * @param payload the frame's payload, unchanged, in {@code array}
     * @param done   completed once the frame is written, or {@code null}
     * @throws IOException if the connection is broken (async sends get a failed stage instead)
     */
    void enqueueLent(ByteBuffer header, ByteBuffer payload, byte[] array, CompletableFuture<Void> done)
            throws IOException {
        boolean schedule = false;
        IOException error;
        synchronized (this) {
            error = failure;
            if (error == null) {
                moveBatchToQueue(); // what the batch buffer holds goes first
                queueAdd(header);
                queue.addLent(payload, array);
                enqueued += header.remaining() + payload.remaining();
                if (done != null) {
                    completionAdd(new Completion(enqueued, done));
                }
                schedule = !writeScheduled;
                writeScheduled = true;
            }
        }
        if (error != null) {
            if (done == null) {
                throw error;
            }
            owner.complete(done, error);
        } else if (schedule) {
            owner.scheduleFlush();
        }
    }

    /** Marks the frame just queued (send lock still held) as a pong: until it is written, {@link #pongUnwritten()}. */
    void pongQueued() {
        synchronized (this) {
            pongEnd = written < enqueued ? enqueued : -1;
        }
    }

    /** Whether the pong queued last still waits to be written. */
    boolean pongUnwritten() {
        synchronized (this) {
            return pongEnd >= 0;
        }
    }

    /** Whether the pong queued last was just written completely: then it no longer waits (lock held). */
    private boolean pongJustWritten() {
        boolean done = pongEnd >= 0 && written >= pongEnd;
        pongEnd = done ? -1 : pongEnd;
        return done;
    }

    /** Runs {@link #flush()}: the task the I/O loop is handed (no separate object per connection). */
    @Override
    public void run() {
        flush();
    }

    /** Writes what the socket takes (I/O loop thread). */
    void flush() {
        List<CompletableFuture<Void>> done = null;
        boolean closeWritten = false;
        boolean pongWritten = false;
        IOException error = null;
        synchronized (this) {
            try {
                if (failure != null) {
                    return;
                }
                if (!transport.flush()) {
                    owner.writeInterest(true); // the transport's own bytes first
                    return;
                }
                held = false;
                if (queue != null) {
                    written += queue.write(transport, owner.writeBuffer(), FLUSH_QUANTUM);
                }
                done = takeWritten();
                pongWritten = pongJustWritten();
                if (!closeFrameDone && closeFrameEnd >= 0 && written >= closeFrameEnd) {
                    closeFrameDone = true;
                    closeWritten = true;
                }
                if (queueEmpty()) {
                    writeScheduled = false;
                    owner.writeInterest(transport.hasPendingOutput());
                } else {
                    owner.writeInterest(true);
                }
                wakeSenders();
            } catch (IOException e) {
                fail(e);
                error = failure;
            }
        }
        finish(done, error);
        if (closeWritten) {
            owner.closeFrameWritten();
        }
        if (pongWritten) {
            owner.pongWritten();
        }
    }

    /**
     * Starts a batch of listener callbacks on the calling thread: the frames its sends queue while nothing else is
     * waiting are held (up to {@link #BATCH_MAX} bytes) and written together by {@link #endBatch()}, in one system
     * call, instead of one write per frame.
     */
    void beginBatch() {
        batcher = Thread.currentThread();
    }

    /**
     * Room for a frame of at most {@code length} bytes in the batch's direct buffer, for the caller to encode it right
     * there and then report it with {@link #batchAppended}: no buffer of its own for the frame, and no copy of it
     * later. Only for the batch's thread, holding the connection's send lock, and only while nothing else waits to be
     * written; otherwise {@code null}: then encode into a buffer of its own and {@link #enqueue} it.
     */
    ByteBuffer batchRoom(int length) {
        synchronized (this) {
            if (!callerWrites || batcher != Thread.currentThread() || failure != null || writeScheduled
                    || !queueEmpty() || cost() + length + FRAME_OVERHEAD > batchMax()) {
                return null;
            }
            if (batch == null) {
                batch = DirectBuffers.take();
            }
            return batch.remaining() >= length ? batch : null;
        }
    }

    /**
     * Queues the bytes that go out before any frame (the 101 response; send lock held): into the batch buffer while
     * the calling thread batches, so that a connection whose first write goes out whole never makes a frame queue
     * (which it would keep for good: about 80 bytes per idle connection), else as a buffer of their own.
     */
    void enqueueFirst(ByteBuffer first) throws IOException {
        int n = first.remaining();
        ByteBuffer room = batchRoom(n);
        if (room == null) {
            enqueue(first, null, false);
            return;
        }
        room.put(first);
        batchAppended(n, null);
    }

    /**
     * Counts a frame of {@code length} bytes just encoded into the buffer from {@link #batchRoom} (send lock held).
     *
     * @param done completed once the frame is written, or {@code null}
     * @throws IOException if the connection broke meanwhile (async sends get a failed stage instead)
     */
    void batchAppended(int length, CompletableFuture<Void> done) throws IOException {
        IOException error;
        synchronized (this) {
            error = failure;
            if (error == null) {
                enqueued += length;
                if (done != null) {
                    completionAdd(new Completion(enqueued, done));
                }
                held = true;
                return;
            }
        }
        if (done == null) {
            throw error;
        }
        owner.complete(done, error);
    }

    /** Puts what the batch buffer holds at the end of the queue, for whoever writes the queue (lock held). */
    private void moveBatchToQueue() {
        ByteBuffer b = batch;
        if (b == null) {
            return;
        }
        batch = null;
        b.flip();
        if (b.hasRemaining()) {
            queueAdd(b);
            held = true;
        } else {
            DirectBuffers.release(b);
        }
    }

    /**
     * Ends the batch: writes what its thread encoded into the batch buffer, or the frames it held, from a pooled
     * direct buffer; the I/O loop writes what is left.
     */
    void endBatch() {
        if (batcher != Thread.currentThread()) {
            return; // not batching (any more): another thread may run the next batch
        }
        batcher = null;
        List<CompletableFuture<Void>> done = null;
        boolean schedule = false;
        boolean pongWritten = false;
        IOException error = null;
        synchronized (this) {
            try {
                if (!held) {
                    return;
                }
                held = false;
                if (failure != null) {
                    return; // lost with the connection
                }
                ByteBuffer b = batch;
                if (b != null && !writeScheduled && queueEmpty()) {
                    batch = null;
                    b.flip();
                    written += transport.write(b);
                    if (b.hasRemaining()) {
                        queueAdd(b); // the loop writes the rest, and gives the buffer back
                    } else {
                        DirectBuffers.release(b);
                    }
                } else {
                    moveBatchToQueue();
                    if (!writeScheduled && !queueEmpty()) {
                        ByteBuffer buf = DirectBuffers.take();
                        try {
                            written += queue.write(transport, buf, BATCH_MAX);
                        } finally {
                            DirectBuffers.release(buf);
                        }
                    }
                }
                done = takeWritten();
                pongWritten = pongJustWritten();
                if (!queueEmpty() && !writeScheduled) {
                    writeScheduled = true;
                    schedule = true;
                }
                wakeSenders();
            } catch (IOException e) {
                fail(e);
                error = failure;
            }
        }
        finish(done, error);
        if (pongWritten) {
            owner.pongWritten();
        }
        if (schedule) {
            owner.scheduleFlush();
        }
    }

    /** The stages of the frames now written completely, in order, or {@code null} if none (lock held). */
    private List<CompletableFuture<Void>> takeWritten() {
        List<CompletableFuture<Void>> done = null;
        while (!completionsEmpty() && completions.peek().end <= written) {
            if (done == null) {
                done = new ArrayList<>(4);
            }
            done.add(completions.poll().future);
        }
        return done;
    }

    /** Wakes blocked senders if there is room for them again (lock held). */
    private void wakeSenders() {
        if (waiters > 0 && cost() <= owner.outboundQueueLimit()) {
            notifyAll();
        }
    }

    /** Completes what a write finished and reports a failure it met (lock not held). */
    private void finish(List<CompletableFuture<Void>> done, IOException error) {
        if (done != null) {
            for (CompletableFuture<Void> f : done) {
                owner.complete(f, null);
            }
        }
        if (error != null) {
            owner.writeFailed(error);
        }
    }

    /** At most this many bytes are held for a batch: less than the limit, so blocked senders always have a flush. */
    private long batchMax() {
        return Math.min(BATCH_MAX, owner.outboundQueueLimit() / 2);
    }

    /**
     * Fails the queue for good: queued frames are dropped, async stages fail, blocked senders wake up with
     * {@code e}. Idempotent; the first failure stays.
     */
    void close(IOException e) {
        List<Completion> failed;
        synchronized (this) {
            fail(e);
            failed = completions == null ? List.of() : new ArrayList<>(completions);
            if (completions != null) {
                completions.clear();
            }
        }
        for (Completion c : failed) {
            owner.complete(c.future, failure);
        }
    }

    /** Whether the close frame has been written. */
    boolean closeFrameWritten() {
        synchronized (this) {
            return closeFrameDone;
        }
    }

    /** Bytes written so far (the peer taking data shows it is alive). */
    long writtenBytes() {
        synchronized (this) {
            return written;
        }
    }

    /** Bytes queued and not yet written. */
    long queuedBytes() {
        synchronized (this) {
            return enqueued - written;
        }
    }

    /** Whether more than the limit is queued (asynchronous sends are then refused). */
    boolean overLimit() {
        synchronized (this) {
            return cost() > owner.outboundQueueLimit();
        }
    }

    /** Queued bytes plus the overhead of each queued frame (lock held). */
    private long cost() {
        return enqueued - written + (long) FRAME_OVERHEAD * (queue == null ? 0 : queue.size());
    }

    private void fail(IOException e) {
        if (failure == null) {
            failure = e instanceof ConnectionClosedException ? e
                    : new ConnectionClosedException("connection broken: " + e.getMessage(), null);
        }
        if (queue != null) {
            queue.clear();
        }
        batch = null; // its thread may still be encoding into it: left to the collector, not given back
        notifyAll();
    }

    private boolean queueEmpty() {
        return queue == null || queue.isEmpty();
    }

    private void queueAdd(ByteBuffer frame) {
        if (queue == null) {
            queue = new FrameQueue(owner);
        }
        queue.add(frame);
    }

    private boolean completionsEmpty() {
        return completions == null || completions.isEmpty();
    }

    private void completionAdd(Completion c) {
        if (completions == null) {
            completions = new ArrayDeque<>(1);
        }
        completions.add(c);
    }
}
