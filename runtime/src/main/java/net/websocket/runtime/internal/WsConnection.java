package net.websocket.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectionClosedException;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.Handler;
import net.websocket.api.Listener;
import net.websocket.api.Message;
import net.websocket.api.MessageType;
import net.websocket.api.ProtocolException;
import net.websocket.api.WebSocketException;
import net.websocket.api.spi.FrameEngine;
import net.websocket.api.spi.FrameSink;

/**
 * One WebSocket connection, server or client side, over a {@link Transport} (a socket's plain TCP or TLS, or any
 * other byte stream), run on an {@link IoLoop} as its executor and clock. It is built in layers: what it is
 * ({@link ConnectionDescription}), what it sends ({@link ConnectionSender}), how it closes
 * ({@link ClosingConnection}, driving a {@link ClosingHandshake}), and here reading, the endpoint (a
 * {@link Listener} through a {@link ListenerDispatch} built on a {@link ListenerIntake}, or pulled messages through
 * an {@link InboundQueue}), the idle timeout and keepalive ({@link LivenessTimer}, driving a {@link Liveness}), and
 * the end of it all ({@link #terminate}).
 *
 * <h2>Threads</h2>
 * Decoding, transport state, timers and the state machines run on the loop thread; sends, {@code close} and the
 * endpoint's API come from any thread (see each layer).
 *
 * <h2>Keepalive</h2>
 * When nothing has been received for the ping interval, a ping goes out; if nothing arrives within the pong timeout
 * after it (and the peer did not take any of our queued data meanwhile, and we were not the ones not reading), a
 * close frame with 1001 "ping timeout" is sent and the transport dropped at once: the status is 1006 "ping
 * timeout". A peer that takes none of the bytes waiting for it for the write timeout is dropped with 1006 "write
 * timeout". An idle connection (no frame of the peer's own for the idle timeout: pongs answering our keepalive
 * pings do not count) is closed with 1001 "idle timeout".
 */
public final class WsConnection extends ClosingConnection implements FrameSink, Transport.Events, Runnable {

    /** What a connection tells whoever made it. */
    public interface Owner {
        /** The connection ended and released its transport (loop thread). */
        void connectionClosed(WsConnection c);

        /** Whether no connection is to be read now (a server over its budget of queued bytes; any thread). */
        default boolean readingHeld() {
            return false;
        }
    }

    // identity
    final HandlerThreads executor;
    private final Owner owner;
    /** The neighbours in the server's {@link ConnectionList}, and whether this is in it (guarded by the list). */
    WsConnection listPrev;
    WsConnection listNext;
    boolean listed;

    // receiving
    private final InboundQueue queue;
    /** What a listener receives, made into its events and delivered to it; {@code null} when pulled. */
    final ListenerDispatch dispatch;

    /** The idle timeout and keepalive, and the pending check (loop thread; see {@link LivenessTimer}). */
    IoLoop.Timer livenessCheck;
    final Liveness liveness;

    // interest
    private boolean writeInterest;
    /**
     * Whether a {@link Listener.NonBlocking} is being called for what one read brought (loop thread): flushes its
     * sends ask for wait until the loop's next turn, so that they go out together.
     */
    private boolean inlineBatch;

    /**
     * @param listener the listener to deliver events to, or {@code null} for pulled messages
     */
    WsConnection(ConnectionInfo info, Transport transport, IoLoop loop, FrameEngine engine,
            ConnectionSettings settings, HandlerThreads executor, Owner owner, Listener listener) {
        super(info, engine, loop, transport, settings);
        this.executor = executor;
        this.owner = owner;
        this.liveness = new Liveness(settings, engine.supportsPing());
        if (listener == null) {
            this.queue = new InboundQueue(settings.inboundQueueLimit(), this::requestReadResume,
                    d -> complete(d.waiter(), d.message(), d.error()));
            this.dispatch = null;
        } else {
            this.queue = null;
            this.dispatch = ListenerDispatch.of(listener, this);
        }
    }

    /**
     * Runs the liveness checks that are due ({@link LivenessTimer}): the action of {@link #livenessCheck}, the
     * connection itself so that its timer needs no object of its own to call back (loop thread).
     */
    @Override
    public void run() {
        LivenessTimer.runChecks(this);
    }

    // ======================================================================================= starting (loop)

    /**
     * Takes over the transport (loop thread): writes {@code first} (the 101 response, or nothing), starts the
     * endpoint, then decodes {@code early} (bytes that arrived with the handshake).
     *
     * @param handler the handler to run, or {@code null} (listener, or a client without endpoint)
     */
    void start(ByteBuffer first, ByteBuffer early, Handler handler) throws IOException {
        if (dispatch != null && dispatch.inline()) {
            // what onOpen sends (and the answers to early frames) goes out with the 101 in one write
            inlineBatch = true;
            out.beginBatch();
            try {
                begin(first, early, handler);
            } finally {
                inlineBatch = false;
                out.endBatch();
            }
        } else {
            begin(first, early, handler);
        }
    }

    private void begin(ByteBuffer first, ByteBuffer early, Handler handler) throws IOException {
        transport.attach(this);
        long now = loop.clock();
        liveness.start(now, first != null ? first.remaining() : 0);
        updateInterest();
        if (first != null && first.hasRemaining()) {
            sendLock().lock();
            try {
                out.enqueueFirst(first);
            } finally {
                unlockSend();
            }
        }
        LivenessTimer.schedule(this, now);
        if (dispatch != null) {
            dispatch.open();
        } else if (handler != null) {
            if (!executor.tryExecute(() -> runHandler(handler))) {
                terminate(new CloseStatus(CloseCodes.ABNORMAL, "server stopping", false));
                return;
            }
        }
        if (early != null && early.hasRemaining()) {
            engine.decode(early, this);
            afterDecode();
        }
    }

    private void runHandler(Handler handler) {
        try {
            handler.handle(this);
            closeQuietly(CloseCodes.NORMAL);
        } catch (Throwable t) {
            Level level = t instanceof IOException ? Level.DEBUG : Level.WARNING;
            Logs.CONNECTION.log(level, Logs.about(this, "handler failed"), t);
            closeQuietly(CloseCodes.INTERNAL_ERROR);
        } finally {
            // nobody reads any more: drop what is queued and discard what still arrives, so that the peer's close
            // frame is seen however much it sends first
            if (queue.abandon()) {
                requestReadResume();
            }
        }
    }

    /** Closes with {@code code}, or sends the answer to the peer's close if one is pending. */
    private void closeQuietly(int code) {
        if (!terminated) {
            close(code, "");
        }
    }

    // ======================================================================================= I/O (loop thread)

    @Override
    public void writable() {
        out.flush();
        if (!terminated && closesWhenOutputDone() && !transport.hasPendingOutput()) {
            terminate(new CloseStatus(CloseCodes.ABNORMAL, "", false));
        }
    }

    @Override
    public void readable() {
        if (dispatch != null && dispatch.inline()) {
            // what the listener sends in answer to this read goes out in one write when it is done
            inlineBatch = true;
            out.beginBatch();
            try {
                readAvailable();
            } finally {
                inlineBatch = false;
                out.endBatch();
            }
        } else {
            readAvailable();
        }
    }

    private void readAvailable() {
        for (int i = 0; i < IoLoop.READS_PER_EVENT && !terminated; i++) {
            ByteBuffer buf = loop.readBuffer();
            buf.clear();
            int n;
            try {
                n = transport.read(buf);
            } catch (IOException e) {
                Logs.CONNECTION.log(Level.DEBUG, () -> Logs.about(this, "read failed"), e);
                terminate(new CloseStatus(CloseCodes.ABNORMAL, "", false));
                return;
            }
            if (n < 0) {
                // a peer may half-close right after its close frame: then it is answered before closing
                perform(closing().endOfInput(out.closeFrameWritten()), loop.clock());
                return;
            }
            if (n == 0) {
                return;
            }
            liveness.read(loop.now());
            if (draining() || engine.inputClosed()) {
                continue; // discard until the peer closes
            }
            buf.flip();
            engine.decode(buf, this);
            afterDecode();
            if (!readingWanted() || (n < buf.capacity() && !transport.hasBufferedInput())) {
                break; // the transport calls again for input it still holds
            }
        }
    }

    private void afterDecode() {
        if (!terminated) {
            updateInterest();
        }
    }

    /**
     * Whether the transport should be read now (loop thread). After the peer's close frame or a protocol error the
     * engine discards input, so reading costs nothing and shows when the peer goes; otherwise a consumer that is
     * behind stops reading, also while we wait for the answer to our own close frame, and so does a server whose
     * queues are over their budget ({@link QueueBudget}).
     */
    boolean readingWanted() {
        if (inputEnded()) {
            return false;
        }
        if (readsToTheEnd()) {
            return true; // to see the end of the connection
        }
        if (owner.readingHeld()) {
            return false; // the server's queues are over their budget
        }
        if (queue != null) {
            return !queue.isPaused();
        }
        if (dispatch.inline()) {
            return !out.overLimit(); // what its callbacks send is the only thing that can pile up
        }
        return !dispatch.paused();
    }

    @Override
    void updateInterest() {
        if (!terminated) {
            transport.interest(readingWanted(), writeInterest || transport.hasPendingOutput());
        }
    }

    /** A consumer took enough: resume reading if paused (any thread). */
    private void requestReadResume() {
        loop.execute(this::updateInterest);
    }

    @Override
    public void loopClosed() {
        terminate(new CloseStatus(CloseCodes.ABNORMAL, "", false));
    }

    @Override
    public void failed(Throwable error) {
        // what the peer can cause (a broken TLS record, a reset) is an I/O failure: not worth a warning
        Level level = error instanceof IOException ? Level.DEBUG : Level.WARNING;
        Logs.CONNECTION.log(level, Logs.about(this, "failed"), error);
        terminate(new CloseStatus(CloseCodes.ABNORMAL, "", false));
    }

    // -------------------------------------------------------------------------------------- OutboundOwner

    @Override
    public ByteBuffer writeBuffer() {
        return loop.writeBuffer();
    }

    @Override
    public void writeInterest(boolean on) {
        if (on && !writeInterest) {
            LivenessTimer.writeWaiting(this); // bytes wait for the peer: the write timeout watches them
        }
        writeInterest = on;
        updateInterest();
    }

    @Override
    public void scheduleFlush() {
        if (loop.inLoop() && !inlineBatch) {
            out.flush();
        } else {
            loop.execute(out);
        }
    }

    @Override
    public void writeFailed(IOException e) {
        Runnable r = () -> terminate(new CloseStatus(CloseCodes.ABNORMAL, "", false));
        if (loop.inLoop()) {
            r.run();
        } else {
            loop.execute(r);
        }
    }

    @Override
    public void complete(CompletableFuture<Void> f, Throwable error) {
        complete(f, null, error);
    }

    /** Completes a stage without running its dependents on the I/O thread. */
    @Override
    <T> void complete(CompletableFuture<T> f, T value, Throwable error) {
        if (f.isDone()) {
            return;
        }
        if (f.getNumberOfDependents() == 0 || !executor.tryExecute(() -> completeNow(f, value, error))) {
            completeNow(f, value, error);
        }
    }

    private static <T> void completeNow(CompletableFuture<T> f, T value, Throwable error) {
        if (error == null) {
            f.complete(value);
        } else {
            f.completeExceptionally(error);
        }
    }

    // ================================================================================ FrameSink (loop thread)

    @Override
    public void onData(MessageType type, ByteBuffer payload, boolean first, boolean last) {
        if (closeReceived() || terminated) {
            return;
        }
        liveness.activity();
        loop.meters.received(payload.remaining(), last);
        if (queue != null) {
            byte[] data = copy(payload);
            queue.add(new InboundQueue.Piece(type, data, first, last));
            return;
        }
        dispatch.data(type, payload, first, last);
    }

    @Override
    public void onPing(ByteBuffer payload) {
        loop.meters.count(LoopMeters.PINGS_IN);
        liveness.activity();
        byte[] data = copy(payload);
        if (!settings.dropIncomingPings() && !closeSent()) {
            answerPing(data); // at most one pong waits: a newer ping replaces its payload
        }
        if (dispatch != null) {
            dispatch.pingArrived(data);
        }
    }

    @Override
    public void onPong(ByteBuffer payload) {
        loop.meters.count(LoopMeters.PONGS_IN);
        byte[] data = copy(payload);
        if (liveness.pong(data)) {
            return; // the answer to our keepalive: not the application's business, nor activity
        }
        liveness.activity();
        pongReceived(data, loop.clock());
        if (dispatch != null) {
            dispatch.pongArrived(data);
        }
    }

    @Override
    public void onClose(int code, String reason) {
        closing().peerClosed();
        offerStatus(new CloseStatus(code, reason == null ? "" : reason, true));
        if (closeSent()) {
            // the answer to our close frame
            endInbound(null, false);
            afterCloseAnswered(false);
            return;
        }
        // echo the code; a close frame without one is answered without one
        int echo = CloseCodes.isValidOnWire(code) ? code : CloseCodes.NO_STATUS;
        deferAnswer(new Control(ControlKind.CLOSE, null, echo, ""), false, null);
    }

    @Override
    public void onProtocolError(int closeCode, String message) {
        closing().protocolError();
        String msg = message == null ? "" : message;
        // the peer's fault, and as many as a hostile peer likes: never above DEBUG
        Logs.CONNECTION.log(Level.DEBUG, () -> Logs.about(this, "protocol error " + closeCode + ": " + msg));
        offerStatus(new CloseStatus(closeCode, msg, false));
        int code = CloseCodes.isValidOnWire(closeCode) ? closeCode : CloseCodes.PROTOCOL_ERROR;
        boolean propagate = settings.propagateProtocolErrors();
        IOException failure = propagate ? new ProtocolException(code, msg)
                : new WebSocketException("protocol error " + closeCode + ": " + msg);
        if (propagate && dispatch != null) {
            dispatch.error(failure);
        }
        if (closeSent()) {
            endInbound(failure, propagate);
            afterCloseAnswered(true);
            return;
        }
        deferAnswer(new Control(ControlKind.CLOSE, null, code, msg), true, failure);
    }

    /** The peer showed no sign of life after a keepalive ping: a close frame, best effort, and drop (loop thread). */
    void keepaliveFailed() {
        Logs.CONNECTION.log(Level.DEBUG, () -> Logs.about(this, "no answer to a keepalive ping"));
        loop.meters.count(LoopMeters.KEEPALIVE_FAILURES);
        CloseStatus st = new CloseStatus(CloseCodes.ABNORMAL, "ping timeout", false);
        offerStatus(st);
        if (closing().claimClose()) {
            queueControl(new Control(ControlKind.CLOSE, null, CloseCodes.GOING_AWAY, "ping timeout"));
        }
        terminate(st);
    }

    /** The peer took none of the bytes waiting for it for the write timeout: dropped, its queue freed (loop thread). */
    void writeTimedOut() {
        Logs.CONNECTION.log(Level.DEBUG, () -> Logs.about(this, "write timeout: the peer took none of "
                + out.queuedBytes() + " queued bytes"));
        terminate(new CloseStatus(CloseCodes.ABNORMAL, "write timeout", false));
    }

    @Override
    void afterEndpointConsumed(IOException failure, boolean throwAtEnd, Runnable action) {
        if (queue != null) {
            queue.end(failure, throwAtEnd, action);
        } else {
            dispatch.barrier(action);
        }
    }

    @Override
    void endInbound(IOException failure, boolean throwAtEnd) {
        if (queue != null) {
            queue.end(failure, throwAtEnd, null);
        }
    }

    /** Releases the transport and ends everything (loop thread). Idempotent. */
    @Override
    void terminate(CloseStatus fallback) {
        if (terminated) {
            return;
        }
        terminated = true;
        closingEnded();
        LivenessTimer.cancel(this);
        transport.close();
        offerStatus(fallback);
        CloseStatus st = status;
        loop.meters.closed(st.code(), closingNanos(loop.clock()));
        ConnectionClosedException ex = new ConnectionEnded(st);
        out.close(ex);
        sendingEnded(ex);
        if (queue != null) { // only a handler's queue takes the failure
            endInbound(new ConnectionEnded(st), false);
        }
        if (dispatch != null) {
            dispatch.closed(st);
        }
        try {
            owner.connectionClosed(this);
        } finally {
            completeClosed(st);
        }
    }

    // =========================================================================================== receiving

    private InboundQueue pulled() {
        if (queue == null) {
            throw new IllegalStateException("this connection delivers to a Listener; receive methods are for handlers");
        }
        return queue;
    }

    @Override
    public Message receive() throws IOException {
        try {
            return pulled().take(-1);
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Message receive(Duration timeout) throws IOException, TimeoutException {
        long nanos = Durations.nanos(timeout);
        return pulled().take(Math.max(0, nanos));
    }

    @Override
    public InputStream receiveStream() throws IOException {
        InboundQueue q = pulled();
        InboundQueue.StreamClaim claim = q.openStream();
        return claim == null ? null : new MessageStreams.PieceInputStream(q, claim);
    }

    @Override
    public Reader receiveReader() throws IOException {
        InboundQueue q = pulled();
        InboundQueue.StreamClaim claim = q.openStream();
        return claim == null ? null : new MessageStreams.PieceReader(new MessageStreams.PieceInputStream(q, claim));
    }

    @Override
    public CompletionStage<Message> receiveAsync() {
        return pulled().takeAsync();
    }

    @Override
    public void abort() {
        aborted = true;
        Runnable r = () -> terminate(new CloseStatus(CloseCodes.ABNORMAL, "", false));
        if (loop.inLoop()) {
            r.run();
        } else {
            loop.execute(r);
            transport.closeOffLoop();
        }
    }

    @Override
    public void setIdleTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative idle timeout: " + timeout);
        }
        loop.execute(() -> LivenessTimer.idleTimeoutChanged(this, timeout));
    }

    /** The loop that serves this connection. */
    IoLoop loop() {
        return loop;
    }

    /** Bytes queued for sending (tests, diagnostics). */
    public long outboundQueued() {
        return out.queuedBytes();
    }

    /** Bytes received and not yet taken (tests, diagnostics). */
    public long inboundQueued() {
        return queue != null ? queue.queuedBytes() : dispatch.pendingBytes();
    }

    @Override
    public String toString() {
        return "WsConnection[" + serial + " " + (info.server ? "server" : "client") + " " + info.variant + " " + info.remote
                + (terminated ? " closed " + status : "") + "]";
    }
}
