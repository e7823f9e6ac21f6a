package net.websocket.runtime.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The stage of an asynchronous send. A listener's callbacks batch their writes (see {@link Outbound#beginBatch()}):
 * what they send is held until the callback returns. A callback that waits for its own send ({@code get} or
 * {@code join}, as Jakarta WebSocket code often does with {@code Future}) would then wait for nothing; so a wait on
 * the thread that batches first writes what the batch holds, and the batch goes on.
 */
final class SendFuture extends CompletableFuture<Void> {

    private final Outbound out;

    SendFuture(Outbound out) {
        this.out = out;
    }

    /** Writes the batch this thread holds, if any, before the thread waits. */
    private void flushOwnBatch() {
        if (!isDone() && out.batcher == Thread.currentThread()) {
            out.endBatch();
            out.beginBatch();
        }
    }

    @Override
    public Void get() throws InterruptedException, ExecutionException {
        flushOwnBatch();
        return super.get();
    }

    @Override
    public Void get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        flushOwnBatch();
        return super.get(timeout, unit);
    }

    @Override
    public Void join() {
        flushOwnBatch();
        return super.join();
    }

    /** Stages made from this one are plain: only the send's own stage writes the batch. */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
