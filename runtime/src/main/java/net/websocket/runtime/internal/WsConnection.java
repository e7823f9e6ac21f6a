package net.websocket.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.Connection;
import net.websocket.api.ConnectionClosedException;
import net.websocket.api.Handler;
import net.websocket.api.Headers;
import net.websocket.api.Listener;
import net.websocket.api.Message;
import net.websocket.api.MessageType;
import net.websocket.api.PayloadType;
import net.websocket.api.ProtocolException;
import net.websocket.api.WebSocketException;
import net.websocket.api.spi.FrameEngine;
import net.websocket.api.spi.FrameSink;

/**
 * One WebSocket connection, server or client side, over a non-blocking socket served by an {@link IoLoop}, through
 * a {@link Transport} (plain TCP or TLS).
 *
 * <h2>Threads</h2>
 * Decoding, socket state, timers and the closing state machine run on the loop thread. Sends come from any thread:
 * data frames are encoded under {@link #sendLock} (so the engine sees one encoder at a time and queue order is send
 * order) into heap buffers queued in {@link Outbound}. Control frames (pong, ping, close) are posted to
 * {@link #pendingControl} and encoded by whichever thread holds or next takes the send lock, so the loop thread never
 * waits for an application thread that is encoding a large message.
 *
 * <h2>Closing (RFC 6455 section 7)</h2>
 * {@link #close(int, String)} sends a close frame and waits (without blocking the caller) for the peer's, up to the
 * close timeout. A received close frame is answered with the same code unless one was sent already, and a protocol
 * error from the engine is answered with a close frame with its code; either answer waits until the endpoint has
 * consumed every message that arrived before the close frame or the bad input (so that its replies to them are
 * still sent): a listener's callbacks for them have returned, or a pulling consumer has reached the end of the
 * stream, returned, or closed, bounded by the close timeout. Nothing received after the close frame or the error
 * is delivered. Once the answer is sent the server shuts down its output, discards input until the client closes
 * (or a short linger ends) and closes the socket; the client waits for the server to close the TCP connection, up
 * to the close timeout (only briefly after a protocol error). An idle connection (no frame of the peer's own for the
 * idle timeout: pongs answering our keepalive pings do not count) is closed with 1001 "idle timeout".
 *
 * <h2>Keepalive</h2>
 * When nothing has been received for the ping interval, a ping goes out; if nothing arrives within the pong timeout
 * after it (and the peer did not take any of our queued data meanwhile, and we were not the ones not reading), a
 * close frame with 1001 "ping timeout" is sent and the socket dropped at once: the status is 1006 "ping timeout".
 */
public final class WsConnection implements Connection, FrameSink, IoLoop.Handler, Outbound.Owner {

    /** How long a client waits for the server to close TCP after a protocol error, at most. */
    static final long CLIENT_ERROR_LINGER_NANOS = 1_000_000_000L;

    /** How long a server keeps discarding input after shutting down its output, at most, before closing. */
    static final long SERVER_LINGER_NANOS = 2_000_000_000L;

    /** Ping payloads and close reasons are at most this long (RFC 6455 section 5.5). */
    static final int MAX_CONTROL_PAYLOAD = 125;

    private static final VarHandle CLOSE_ANSWER;
    private static final VarHandle STATUS;
    private static final VarHandle PENDING_CONTROL;
    private static final VarHandle PINGS;
    private static final VarHandle CLOSED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            CLOSE_ANSWER = l.findVarHandle(WsConnection.class, "closeAnswer", Control.class);
            STATUS = l.findVarHandle(WsConnection.class, "status", CloseStatus.class);
            PENDING_CONTROL = l.findVarHandle(WsConnection.class, "pendingControl", ConcurrentLinkedQueue.class);
            PINGS = l.findVarHandle(WsConnection.class, "pings", ConcurrentLinkedQueue.class);
            CLOSED = l.findVarHandle(WsConnection.class, "closed", CompletableFuture.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** What a connection tells whoever made it. */
    public interface Owner {
        /** The connection ended and released its socket (loop thread). */
        void connectionClosed(WsConnection c);
    }

    private enum ControlKind {
        PING,
        PONG,
        CLOSE
    }

    private record Control(ControlKind kind, byte[] payload, int code, String reason) {
    }

    private record PendingPing(byte[] payload, long sentNanos, CompletableFuture<Duration> future) {
    }

    // identity
    private final ConnectionInfo info;
    private final Transport transport;
    private final IoLoop loop;
    private final FrameEngine engine;
    private final ConnectionSettings settings;
    private final HandlerThreads executor;
    private final Owner owner;
    private SelectionKey key;
    /** The neighbours in the server's {@link ConnectionList}, and whether this is in it (guarded by the list). */
    WsConnection listPrev;
    WsConnection listNext;
    boolean listed;

    // sending
    private final SendLock sendLock = new SendLock();
    /** Control frames posted and not yet encoded; made on first use (most connections never send one). */
    private volatile ConcurrentLinkedQueue<Control> pendingControl;
    /** Our pings waiting for their pong; made on first use. */
    private volatile ConcurrentLinkedQueue<PendingPing> pings;
    private final Outbound out;

    // receiving
    private final InboundQueue queue;
    private final ListenerDispatch dispatch;
    /** Fragments of the message being received, for a listener (loop thread); {@code null} when pulled. */
    private final MessageAssembly assembly;
    private volatile boolean listenerPaused;

    // closing
    /** The closing handshake: what happens and when, decided without I/O (see its thread rule). */
    private final ClosingHandshake closing;
    /** The answer to the peer's close frame or to its protocol error, held until the endpoint consumed the rest. */
    private volatile Control closeAnswer;
    private IoLoop.Timer answerTimer;
    private volatile CloseStatus status;
    /**
     * Completed with the close status when the connection ends; made on first use (through {@link #CLOSED}), or
     * made completed by {@link #terminate} if nobody asked before: most connections are never asked.
     */
    private volatile CompletableFuture<CloseStatus> closed;
    private volatile boolean terminated;
    private volatile boolean aborted;
    /** The timer for the closing handshake's deadline (loop thread), and the deadline it is set for. */
    private IoLoop.Timer closeTimer;
    private long closeTimerDeadline;
    /**
     * The one timer behind both the idle timeout and keepalive (loop thread): an idle connection is mostly these
     * checks, so it holds one timer that reschedules itself for whichever check is due first, not one per check.
     */
    private IoLoop.Timer checkTimer;
    /** The idle timeout and keepalive (loop thread). */
    private final Liveness liveness;

    // the task handed to the loop for writing, made once (the outbound queue itself)
    private final Runnable flushTask;

    // interest
    private boolean writeInterest;
    /**
     * Whether a {@link Listener.NonBlocking} is being called for what one read brought (loop thread): flushes its
     * sends ask for wait until the loop's next turn, so that they go out together.
     */
    private boolean inlineBatch;
    private int interestOps = -1;

    /**
     * @param listener the listener to deliver events to, or {@code null} for pulled messages
     */
    WsConnection(ConnectionInfo info, Transport transport, IoLoop loop, FrameEngine engine,
            ConnectionSettings settings, HandlerThreads executor, Owner owner, Listener listener) {
        this.info = info;
        this.transport = transport;
        this.loop = loop;
        this.engine = engine;
        this.settings = settings;
        this.executor = executor;
        this.owner = owner;
        this.out = new Outbound(transport, this, settings.outboundQueueLimit());
        this.flushTask = out;
        this.closing = new ClosingHandshake(info.server, settings.closeTimeoutNanos(), CLIENT_ERROR_LINGER_NANOS,
                SERVER_LINGER_NANOS);
        this.liveness = new Liveness(settings.idleTimeoutNanos(), settings.pingIntervalNanos(),
                settings.pongTimeoutNanos(), engine.supportsPing());
        if (listener == null) {
            this.queue = new InboundQueue(settings.inboundQueueLimit(), this::requestReadResume,
                    d -> complete(d.waiter(), d.message(), d.error()));
            this.dispatch = null;
            this.assembly = null;
        } else {
            this.assembly = new MessageAssembly();
            this.queue = null;
            this.dispatch = new ListenerDispatch(listener, this, executor, out);
        }
    }

    // ======================================================================================= starting (loop)

    /**
     * Takes over the channel (loop thread): writes {@code first} (the 101 response, or nothing), starts the
     * endpoint, then decodes {@code early} (bytes that arrived with the handshake).
     *
     * @param existing the channel's key on this loop if it has one, else {@code null} to register
     * @param handler  the handler to run, or {@code null} (listener, or a client without endpoint)
     */
    void start(SelectionKey existing, ByteBuffer first, ByteBuffer early, Handler handler) throws IOException {
        if (existing != null) {
            key = existing;
            key.attach(this);
        } else {
            key = loop.register(transport.channel, 0, this);
        }
        long now = loop.clock();
        liveness.start(now);
        updateInterest();
        if (first != null && first.hasRemaining()) {
            sendLock.lock();
            try {
                out.enqueue(first, null, false);
            } finally {
                unlockSend();
            }
        }
        scheduleChecks(now);
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
        if (transport.hasBufferedInput()) {
            loop.execute(this::readBuffered);
        }
    }

    private void runHandler(Handler handler) {
        try {
            handler.handle(this);
            closeQuietly(CloseCodes.NORMAL);
        } catch (Throwable t) {
            Level level = t instanceof IOException ? Level.DEBUG : Level.WARNING;
            IoLoop.LOG.log(level, "WebSocket handler failed", t);
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
    public void ready(SelectionKey k, int readyOps) {
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            out.flush();
            if (terminated) {
                return;
            }
            if (closing.closesWhenOutputDone() && !transport.hasPendingOutput()) {
                terminate(new CloseStatus(CloseCodes.ABNORMAL, "", false));
                return;
            }
        }
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            onReadable();
        }
    }

    private void onReadable() {
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
                IoLoop.LOG.log(Level.DEBUG, "read failed", e);
                terminate(new CloseStatus(CloseCodes.ABNORMAL, "", false));
                return;
            }
            if (n < 0) {
                // a peer may half-close right after its close frame: then it is answered before closing
                perform(closing.endOfInput(out.closeFrameWritten()), loop.clock());
                return;
            }
            if (n == 0) {
                return;
            }
            liveness.read(loop.now());
            if (closing.draining() || engine.inputClosed()) {
                continue; // discard until the peer closes
            }
            buf.flip();
            engine.decode(buf, this);
            afterDecode();
            if (!readingWanted() || (n < buf.capacity() && !transport.hasBufferedInput())) {
                break;
            }
        }
        if (!terminated && transport.hasBufferedInput() && readingWanted()) {
            loop.execute(this::readBuffered); // the selector does not know about input the transport holds
        }
    }

    private void readBuffered() {
        if (!terminated && readingWanted() && transport.hasBufferedInput()) {
            onReadable();
        }
    }

    private void afterDecode() {
        if (!terminated) {
            updateInterest();
        }
    }

    /**
     * Whether the socket should be read now (loop thread). After the peer's close frame or a protocol error the
     * engine discards input, so reading costs nothing and shows when the peer goes; otherwise a consumer that is
     * behind stops reading, also while we wait for the answer to our own close frame.
     */
    private boolean readingWanted() {
        if (closing.inputEnded()) {
            return false;
        }
        if (closing.readsToTheEnd()) {
            return true; // to see the end of the connection
        }
        if (queue != null) {
            return !queue.isPaused();
        }
        if (dispatch.inline()) {
            return !out.overLimit(); // what its callbacks send is the only thing that can pile up
        }
        return !listenerPaused;
    }

    private void updateInterest() {
        if (terminated || key == null || !key.isValid()) {
            return;
        }
        boolean read = readingWanted();
        boolean write = writeInterest || transport.hasPendingOutput();
        int ops = (read ? SelectionKey.OP_READ : 0) | (write ? SelectionKey.OP_WRITE : 0);
        if (ops != interestOps) {
            if (read && (interestOps & SelectionKey.OP_READ) == 0 && interestOps != -1
                    && transport.hasBufferedInput()) {
                loop.execute(this::readBuffered); // reading resumes with input the transport already holds
            }
            interestOps = ops;
            key.interestOps(ops);
        }
    }

    /** A consumer took enough: resume reading if paused (any thread). */
    private void requestReadResume() {
        loop.execute(this::updateInterest);
    }

    /** An event was delivered to the listener (pump thread): reading may resume. */
    void listenerDrained() {
        if (listenerPaused && dispatch.pendingBytes() <= settings.inboundQueueLimit() / 2) {
            loop.execute(() -> {
                if (listenerPaused && dispatch.pendingBytes() <= settings.inboundQueueLimit() / 2) {
                    listenerPaused = false;
                    updateInterest();
                }
            });
        }
    }

    @Override
    public void loopClosed() {
        terminate(new CloseStatus(CloseCodes.ABNORMAL, "", false));
    }

    @Override
    public void failed(Throwable error) {
        IoLoop.LOG.log(Level.WARNING, "WebSocket connection failed", error);
        terminate(new CloseStatus(CloseCodes.ABNORMAL, "", false));
    }

    // ------------------------------------------------------------------------------------- Outbound.Owner

    @Override
    public ByteBuffer writeBuffer() {
        return loop.writeBuffer();
    }

    @Override
    public void writeInterest(boolean on) {
        writeInterest = on;
        updateInterest();
    }

    @Override
    public void scheduleFlush() {
        if (loop.inLoop() && !inlineBatch) {
            out.flush();
        } else {
            loop.execute(flushTask);
        }
    }

    @Override
    public void closeFrameWritten() {
        if (loop.inLoop()) {
            afterCloseFrameWritten();
        } else {
            loop.execute(this::afterCloseFrameWritten);
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
        if (closing.closeReceived() || terminated) {
            return;
        }
        liveness.activity();
        if (queue != null) {
            byte[] data = copy(payload);
            queue.add(new InboundQueue.Piece(type, data, first, last));
            return;
        }
        // listener: assemble whole messages here, deliver on a handler thread
        if (first) {
            boolean text = type == MessageType.TEXT;
            if (last) {
                int n = payload.remaining();
                if (text && n <= IoLoop.SCRATCH_SIZE) {
                    // a small text message becomes its string here: the string's own array is the only copy
                    postText(text(payload, n), n);
                    return;
                }
                byte[] data = copy(payload);
                postMessage(text, data, data.length);
                return;
            }
            assembly.begin(text, payload.remaining());
        }
        if (!assembly.inProgress()) {
            return; // no message started (cannot happen with a correct engine)
        }
        assembly.append(payload);
        if (last) {
            byte[] data = assembly.finish();
            postMessage(assembly.text(), data, assembly.length());
        }
    }

    private void postMessage(boolean text, byte[] data, int len) {
        dispatch.message(text, data, len);
        checkListenerPause();
    }

    private void postText(String text, int byteLength) {
        dispatch.text(text, byteLength);
        checkListenerPause();
    }

    /** The {@code n} bytes of valid UTF-8 of {@code payload} as a string (loop thread). */
    private String text(ByteBuffer payload, int n) {
        if (payload.hasArray()) {
            return new String(payload.array(), payload.arrayOffset() + payload.position(), n, StandardCharsets.UTF_8);
        }
        byte[] scratch = loop.scratch();
        payload.get(payload.position(), scratch, 0, n);
        return new String(scratch, 0, n, StandardCharsets.UTF_8);
    }

    /** Stops reading while the listener is behind (loop thread). */
    private void checkListenerPause() {
        if (dispatch.pendingBytes() > settings.inboundQueueLimit()) {
            listenerPaused = true;
            // the pump may have drained everything before it could see the flag
            if (dispatch.pendingBytes() <= settings.inboundQueueLimit() / 2) {
                listenerPaused = false;
            }
        }
    }

    @Override
    public void onPing(ByteBuffer payload) {
        liveness.activity();
        byte[] data = copy(payload);
        // a peer that pings without reading our answers gets no more pongs once the queue is full
        if (!settings.dropIncomingPings() && !closing.closeSent() && !out.overLimit()) {
            queueControl(new Control(ControlKind.PONG, data, 0, null));
        }
        if (dispatch != null) {
            dispatch.ping(data);
            checkListenerPause();
        }
    }

    @Override
    public void onPong(ByteBuffer payload) {
        byte[] data = copy(payload);
        if (liveness.pong(data)) {
            return; // the answer to our keepalive: not the application's business, nor activity
        }
        liveness.activity();
        long now = loop.clock();
        ConcurrentLinkedQueue<PendingPing> pings = this.pings;
        for (Iterator<PendingPing> it = pings == null ? null : pings.iterator(); it != null && it.hasNext();) {
            PendingPing p = it.next();
            if (Arrays.equals(p.payload, data)) {
                it.remove();
                complete(p.future, Duration.ofNanos(now - p.sentNanos), null);
                break;
            }
        }
        if (dispatch != null) {
            dispatch.pong(data);
            checkListenerPause();
        }
    }

    @Override
    public void onClose(int code, String reason) {
        closing.peerClosed();
        STATUS.compareAndSet(this, null, new CloseStatus(code, reason == null ? "" : reason, true));
        if (closing.closeSent()) {
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
        closing.protocolError();
        String msg = message == null ? "" : message;
        STATUS.compareAndSet(this, null, new CloseStatus(closeCode, msg, false));
        int code = CloseCodes.isValidOnWire(closeCode) ? closeCode : CloseCodes.PROTOCOL_ERROR;
        boolean propagate = settings.propagateProtocolErrors();
        IOException failure = propagate ? new ProtocolException(code, msg)
                : new WebSocketException("protocol error " + closeCode + ": " + msg);
        if (propagate && dispatch != null) {
            dispatch.error(failure);
        }
        if (closing.closeSent()) {
            endInbound(failure, propagate);
            afterCloseAnswered(true);
            return;
        }
        deferAnswer(new Control(ControlKind.CLOSE, null, code, msg), true, failure);
    }

    /**
     * Holds the close frame that answers the peer's close or its protocol error until the endpoint has consumed
     * every message that arrived before (loop thread): a listener's callbacks for them returned, a pulling consumer
     * reached the end of the stream, returned or closed; at most the close timeout.
     */
    private void deferAnswer(Control answer, boolean forError, IOException failure) {
        setCloseAnswer(answer);
        long now = loop.clock();
        closing.answerDeferred(now, forError);
        boolean throwAtEnd = forError && settings.propagateProtocolErrors();
        if (closing.closeSent()) {
            // the application closed meanwhile: nothing to wait for
            endInbound(failure, throwAtEnd);
            sendCloseAnswer();
            return;
        }
        if (closing.answerBounded()) {
            answerTimer = loop.schedule(closing.answerDeadline() - now, this::sendCloseAnswer);
        }
        if (queue != null) {
            queue.end(failure, throwAtEnd, this::sendCloseAnswer);
        } else {
            dispatch.barrier(this::sendCloseAnswer);
        }
    }

    /** Sends the pending answer to the peer's close or protocol error, if any (any thread). */
    private void sendCloseAnswer() {
        Control c = (Control) CLOSE_ANSWER.getAndSet(this, null);
        if (c == null) {
            return;
        }
        if (closing.claimClose()) {
            queueControl(c);
        }
        if (loop.inLoop()) {
            answerSent();
        } else {
            loop.execute(this::answerSent);
        }
    }

    private void answerSent() {
        if (answerTimer != null) {
            answerTimer.cancel();
            answerTimer = null;
        }
        if (!terminated) {
            long now = loop.clock();
            perform(closing.answered(now, out.closeFrameWritten()), now);
        }
    }

    /**
     * Both close frames are sent, or ours follows the peer's protocol error (loop thread): the server closes TCP
     * once its close frame is written; the client waits for that, briefly after an error.
     */
    private void afterCloseAnswered(boolean afterError) {
        if (!terminated) {
            long now = loop.clock();
            perform(closing.bothClosed(now, afterError, out.closeFrameWritten()), now);
        }
    }

    private static byte[] copy(ByteBuffer b) {
        int n = b.remaining();
        if (n == 0) {
            return InboundQueue.EMPTY;
        }
        byte[] a = new byte[n];
        b.get(a);
        return a;
    }

    // ============================================================================== closing (loop thread)

    /** Does what the closing handshake asks after an event at {@code now}, and keeps its deadline (loop thread). */
    private void perform(ClosingHandshake.Step step, long now) {
        if (terminated) {
            return;
        }
        armCloseTimer(now);
        switch (step) {
            case WATCH -> updateInterest();
            case FINISH_OUTPUT -> finishOutputThenTerminate(now);
            case SHUT_OUTPUT_AND_DRAIN -> {
                // TLS: close_notify first; the rest is flushed when writable
                try {
                    transport.shutdownOutput();
                } catch (IOException e) {
                    terminate(new CloseStatus(CloseCodes.ABNORMAL, "", false));
                    return;
                }
                updateInterest();
            }
            case TERMINATE -> terminate(new CloseStatus(CloseCodes.ABNORMAL, "", false));
            case NONE -> {
            }
        }
    }

    /** Sets the close timer for the closing handshake's deadline, if it has one and the timer is not set so. */
    private void armCloseTimer(long now) {
        if (!closing.hasDeadline()) {
            return;
        }
        long deadline = closing.deadline();
        if (closeTimer != null) {
            if (deadline == closeTimerDeadline) {
                return;
            }
            closeTimer.cancel();
        }
        closeTimerDeadline = deadline;
        closeTimer = loop.schedule(deadline - now, this::closeTimerFired);
    }

    private void closeTimerFired() {
        closeTimer = null;
        if (!terminated) {
            long now = loop.clock();
            ClosingHandshake.Step step = closing.tick(now);
            if (step == ClosingHandshake.Step.NONE) {
                armCloseTimer(now); // not due yet (cannot happen: timers never fire early)
            } else {
                perform(step, now);
            }
        }
    }

    /** Our close frame is on the wire (loop thread). */
    private void afterCloseFrameWritten() {
        if (!terminated) {
            long now = loop.clock();
            perform(closing.closeFrameWritten(now), now);
        }
    }

    /** Shuts the output down once the transport wrote what it holds (TLS), then releases the socket. */
    private void finishOutputThenTerminate(long now) {
        try {
            if (transport.shutdownOutput()) {
                terminate(new CloseStatus(CloseCodes.ABNORMAL, "", false));
                return;
            }
        } catch (IOException e) {
            terminate(new CloseStatus(CloseCodes.ABNORMAL, "", false));
            return;
        }
        closing.finishingOutput(now); // the close timeout bounds the wait
        armCloseTimer(now);
        updateInterest();
    }

    /** Runs the idle and keepalive checks that are due, then waits for the next one (loop thread). */
    private void runChecks() {
        checkTimer = null;
        if (terminated) {
            return;
        }
        long now = loop.clock();
        if (liveness.checkIdle(now, !readingWanted()) == Liveness.Check.IDLE && !closing.closeSent()) {
            close(CloseCodes.GOING_AWAY, "idle timeout");
        }
        if (!terminated && liveness.keepaliveDue(now)) {
            checkKeepalive(now);
        }
        if (!terminated) {
            scheduleChecks(now);
        }
    }

    /** Arms the check timer for the earlier of the armed checks, if any (loop thread). */
    private void scheduleChecks(long now) {
        if (liveness.armed()) {
            checkTimer = loop.schedule(liveness.nextDue() - now, this::runChecks);
        }
    }

    /** Sends a keepalive ping, or gives up on a peer that never answered one (loop thread). */
    private void checkKeepalive(long now) {
        if (closing.closeSent() || closing.peerDone()) {
            liveness.stopKeepalive(); // closing: the close timeout bounds what is left
            return;
        }
        if (liveness.awaitingPong() && out.queuedBytes() > 0) {
            // try to write: the kernel takes bytes as soon as the peer frees any space, long before the selector
            // reports the socket writable again (half its send buffer must drain for that)
            out.flush();
            if (terminated) {
                liveness.stopKeepalive();
                return;
            }
        }
        switch (liveness.checkKeepalive(now, !readingWanted(), out.writtenBytes())) {
            case PING -> queueControl(new Control(ControlKind.PING, liveness.pingPayload(), 0, null));
            case PING_TIMEOUT -> keepaliveFailed();
            default -> {
            }
        }
    }

    /** The peer showed no sign of life after a keepalive ping: a close frame, best effort, and drop (loop thread). */
    private void keepaliveFailed() {
        IoLoop.LOG.log(Level.DEBUG, "no answer to a keepalive ping from " + info.remote);
        CloseStatus st = new CloseStatus(CloseCodes.ABNORMAL, "ping timeout", false);
        STATUS.compareAndSet(this, null, st);
        if (closing.claimClose()) {
            queueControl(new Control(ControlKind.CLOSE, null, CloseCodes.GOING_AWAY, "ping timeout"));
        }
        terminate(st);
    }

    private void endInbound(IOException failure, boolean throwAtEnd) {
        if (queue != null) {
            queue.end(failure, throwAtEnd, null);
        }
    }

    /** Releases the socket and ends everything (loop thread). Idempotent. */
    void terminate(CloseStatus fallback) {
        if (terminated) {
            return;
        }
        terminated = true;
        closing.ended();
        setCloseAnswer(null);
        for (IoLoop.Timer t : new IoLoop.Timer[] {closeTimer, checkTimer, answerTimer}) {
            if (t != null) {
                t.cancel();
            }
        }
        if (key != null) {
            key.cancel();
        }
        transport.close();
        STATUS.compareAndSet(this, null, fallback);
        CloseStatus st = status;
        ConnectionClosedException ex = new ConnectionClosedException("connection closed", st);
        out.close(ex);
        ConcurrentLinkedQueue<PendingPing> pings = this.pings;
        for (PendingPing p; pings != null && (p = pings.poll()) != null;) {
            complete(p.future, null, ex);
        }
        ConcurrentLinkedQueue<Control> controls = pendingControl;
        if (controls != null) {
            controls.clear();
        }
        endInbound(new ConnectionClosedException("connection closed", st), false);
        if (dispatch != null) {
            dispatch.closed(st);
        }
        try {
            owner.connectionClosed(this);
        } finally {
            CompletableFuture<CloseStatus> f = closed;
            if (f != null || !CLOSED.compareAndSet(this, null, CompletableFuture.completedFuture(st))) {
                complete(closed, st, null);
            }
        }
    }

    // ============================================================================================= sending

    /** Posts a control frame; it is encoded by whichever thread holds the send lock next (maybe this one). */
    private void queueControl(Control c) {
        ConcurrentLinkedQueue<Control> q = pendingControl;
        if (q == null) {
            PENDING_CONTROL.compareAndSet(this, null, new ConcurrentLinkedQueue<Control>());
            q = pendingControl;
        }
        q.add(c);
        drainControl();
    }

    private boolean hasPendingControl() {
        ConcurrentLinkedQueue<Control> q = pendingControl;
        return q != null && !q.isEmpty();
    }

    private void setCloseAnswer(Control c) {
        closeAnswer = c;
    }

    private void drainControl() {
        while (hasPendingControl() && sendLock.tryLock()) {
            try {
                encodeControls();
            } finally {
                sendLock.unlock();
            }
        }
    }

    /** Releases the send lock, then encodes control frames posted meanwhile. */
    private void unlockSend() {
        sendLock.unlock();
        if (hasPendingControl()) {
            drainControl();
        }
    }

    /** Encodes the posted control frames (send lock held). */
    private void encodeControls() {
        ConcurrentLinkedQueue<Control> controls = pendingControl;
        for (Control c; controls != null && (c = controls.poll()) != null;) {
            if (terminated || engine.outputClosed()) {
                continue; // nothing may follow a close frame
            }
            ByteBuffer b = ByteBuffer.allocate(FrameEngine.CONTROL_FRAME_MAX);
            try {
                switch (c.kind) {
                    case PING -> engine.encodePing(ByteBuffer.wrap(c.payload), b);
                    case PONG -> engine.encodePong(ByteBuffer.wrap(c.payload), b);
                    case CLOSE -> engine.encodeClose(c.code, c.reason, b);
                }
                b.flip();
                out.enqueue(b, null, c.kind == ControlKind.CLOSE);
            } catch (IOException | RuntimeException e) {
                IoLoop.LOG.log(Level.DEBUG, "control frame not sent", e);
            }
        }
    }

    private ConnectionClosedException closedException() {
        return new ConnectionClosedException(terminated ? "connection closed" : "connection closing", status);
    }

    /**
     * Encodes and queues one data frame.
     *
     * @param done   completed when written (async), or {@code null} (blocking: waits while the queue is full)
     */
    private void sendData(PayloadType type, boolean last, ByteBuffer payload, CompletableFuture<Void> done)
            throws IOException {
        if (payload.remaining() > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("payload too large");
        }
        if (done == null && !loop.inLoop()) {
            out.awaitSpace();
        }
        sendLock.lock();
        try {
            if (closing.closeSent() || terminated || aborted) {
                throw closedException();
            }
            int length = engine.frameLength(payload.remaining());
            ByteBuffer batch = length <= Outbound.BATCH_MAX ? out.batchRoom(length) : null;
            if (batch != null) {
                // encoded in place into the batch's direct buffer: no buffer of its own, no copy later
                int start = batch.position();
                try {
                    engine.encodeData(type, last, payload, batch);
                } catch (RuntimeException e) {
                    batch.position(start);
                    throw e;
                }
                out.batchAppended(batch.position() - start, done);
                return;
            }
            ByteBuffer frame = FrameBuffers.take(length);
            if (frame == null) {
                frame = ByteBuffer.allocate(length);
            }
            engine.encodeData(type, last, payload, frame);
            frame.flip();
            out.enqueue(frame, done, false);
        } finally {
            unlockSend();
        }
    }

    @Override
    public void sendText(CharSequence text) throws IOException {
        if (loop.inLoop()) {
            ByteBuffer ascii = loop.asciiText(text); // a non-blocking listener answering: no array per message
            if (ascii != null) {
                sendData(PayloadType.TEXT, true, ascii, null);
                return;
            }
        }
        byte[] b = text.toString().getBytes(StandardCharsets.UTF_8);
        sendData(PayloadType.TEXT, true, ByteBuffer.wrap(b), null);
    }

    @Override
    public void sendBinary(ByteBuffer data) throws IOException {
        checkBinary();
        sendData(PayloadType.BINARY, true, data.duplicate(), null);
    }

    @Override
    public CompletionStage<Void> sendTextAsync(CharSequence text) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        try {
            byte[] b = text.toString().getBytes(StandardCharsets.UTF_8);
            sendData(PayloadType.TEXT, true, ByteBuffer.wrap(b), f);
        } catch (IOException | RuntimeException e) {
            f.completeExceptionally(e);
        }
        return f;
    }

    @Override
    public CompletionStage<Void> sendBinaryAsync(ByteBuffer data) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        try {
            checkBinary();
            sendData(PayloadType.BINARY, true, data.duplicate(), f);
        } catch (IOException | RuntimeException e) {
            f.completeExceptionally(e);
        }
        return f;
    }

    private void checkBinary() {
        if (!engine.supportsPayloadType(MessageType.BINARY)) {
            throw new UnsupportedOperationException("the " + info.variant + " variant cannot send binary messages");
        }
    }

    @Override
    public void sendFragment(PayloadType type, ByteBuffer payload, boolean finalFragment) throws IOException {
        if (!engine.supportsFragmentation()) {
            throw new UnsupportedOperationException("the " + info.variant
                    + " variant does not support fragmented messages");
        }
        sendData(type, finalFragment, payload.duplicate(), null);
    }

    @Override
    public void sendStream(InputStream in, MessageType type) throws IOException {
        PayloadType first = type == MessageType.TEXT ? PayloadType.TEXT : PayloadType.BINARY;
        if (type == MessageType.BINARY) {
            checkBinary();
        }
        if (!engine.supportsFragmentation()) {
            sendData(first, true, ByteBuffer.wrap(in.readAllBytes()), null);
            return;
        }
        int size = settings.streamFragmentSize();
        byte[] cur = new byte[size];
        byte[] next = new byte[size];
        int curLen = in.readNBytes(cur, 0, size);
        PayloadType t = first;
        while (true) {
            int nextLen = curLen < size ? 0 : in.readNBytes(next, 0, size);
            boolean last = nextLen == 0;
            sendData(t, last, ByteBuffer.wrap(cur, 0, curLen), null);
            if (last) {
                return;
            }
            t = PayloadType.CONTINUATION;
            byte[] swap = cur;
            cur = next;
            next = swap;
            curLen = nextLen;
        }
    }

    @Override
    public OutputStream openBinaryStream() throws IOException {
        checkBinary();
        if (!engine.supportsFragmentation()) {
            throw new UnsupportedOperationException("the " + info.variant
                    + " variant does not support fragmented messages");
        }
        checkOpen();
        return new MessageStreams.FragmentOutputStream(this::sendFragmentChecked, PayloadType.BINARY,
                settings.streamFragmentSize());
    }

    @Override
    public Writer openTextWriter() throws IOException {
        checkOpen();
        if (!engine.supportsFragmentation()) {
            return new MessageStreams.TextWriter(
                    new MessageStreams.WholeMessageStream(this::sendFragmentChecked, PayloadType.TEXT), false);
        }
        return new MessageStreams.TextWriter(new MessageStreams.FragmentOutputStream(this::sendFragmentChecked,
                PayloadType.TEXT, settings.streamFragmentSize()), true);
    }

    private void sendFragmentChecked(PayloadType type, ByteBuffer payload, boolean last) throws IOException {
        sendData(type, last, payload, null);
    }

    private void checkOpen() throws ConnectionClosedException {
        if (closing.closeSent() || terminated || aborted) {
            throw closedException();
        }
    }

    @Override
    public int streamFragmentSize() {
        return settings.streamFragmentSize();
    }

    @Override
    public CompletionStage<Duration> ping(ByteBuffer data) throws IOException {
        if (!engine.supportsPing()) {
            throw new UnsupportedOperationException("the " + info.variant + " variant has no ping");
        }
        if (data.remaining() > MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("ping data longer than " + MAX_CONTROL_PAYLOAD + " bytes");
        }
        checkOpen();
        byte[] payload = copy(data.duplicate());
        CompletableFuture<Duration> f = new CompletableFuture<>();
        ConcurrentLinkedQueue<PendingPing> pings = this.pings;
        if (pings == null) {
            PINGS.compareAndSet(this, null, new ConcurrentLinkedQueue<PendingPing>());
            pings = this.pings;
        }
        pings.add(new PendingPing(payload, loop.clock(), f));
        queueControl(new Control(ControlKind.PING, payload, 0, null));
        if (terminated) {
            // terminate() may have run before the ping was listed
            pings.removeIf(p -> p.future == f);
            complete(f, null, closedException());
        }
        return f;
    }

    @Override
    public void pong(ByteBuffer data) throws IOException {
        if (!engine.supportsPing()) {
            throw new UnsupportedOperationException("the " + info.variant + " variant has no pong");
        }
        if (data.remaining() > MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("pong data longer than " + MAX_CONTROL_PAYLOAD + " bytes");
        }
        checkOpen();
        queueControl(new Control(ControlKind.PONG, copy(data.duplicate()), 0, null));
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
        long nanos = ConnectionSettings.nanos(timeout);
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

    // ============================================================================================= closing

    @Override
    public void close(int code, String reason) {
        if (!CloseCodes.isValidOnWire(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent");
        }
        if (closeAnswer != null) {
            sendCloseAnswer(); // the peer closed first: answer it with its own code
            return;
        }
        if (!closing.claimClose()) {
            return;
        }
        queueControl(new Control(ControlKind.CLOSE, null, code, reason == null ? "" : reason));
        loop.execute(() -> {
            if (closeAnswer != null) {
                sendCloseAnswer(); // the peer's close arrived meanwhile: ours answers it
                return;
            }
            if (!terminated) {
                long now = loop.clock();
                closing.closeStarted(now);
                perform(ClosingHandshake.Step.WATCH, now);
            }
        });
    }

    @Override
    public void abort() {
        aborted = true;
        Runnable r = () -> terminate(new CloseStatus(CloseCodes.ABNORMAL, "", false));
        if (loop.inLoop()) {
            r.run();
        } else {
            loop.execute(r);
            if (loop.isStopping()) {
                // the loop closes every channel as it stops
                try {
                    transport.channel.close();
                } catch (IOException e) {
                    // closed anyway
                }
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closing.closeSent() || closing.closeReceived() || terminated || aborted;
    }

    @Override
    public Optional<CloseStatus> closeStatus() {
        return Optional.ofNullable(status);
    }

    @Override
    public CompletionStage<CloseStatus> closed() {
        return closedFuture().minimalCompletionStage();
    }

    /** The closed stage itself (for the runtime). */
    CompletableFuture<CloseStatus> closedFuture() {
        CompletableFuture<CloseStatus> f = closed;
        if (f == null) {
            // terminate() puts a completed future here if it ran first, so a new one is never left incomplete
            CLOSED.compareAndSet(this, null, new CompletableFuture<CloseStatus>());
            f = closed;
        }
        return f;
    }

    /** The loop that serves this connection. */
    IoLoop loop() {
        return loop;
    }

    // ========================================================================================= description

    @Override
    public boolean isServer() {
        return info.server;
    }

    @Override
    public String variant() {
        return info.variant;
    }

    @Override
    public URI uri() {
        return info.uri();
    }

    @Override
    public String requestLine() {
        return info.requestLine();
    }

    @Override
    public Headers requestHeaders() {
        return info.requestHeaders();
    }

    @Override
    public Headers responseHeaders() {
        return info.responseHeaders();
    }

    @Override
    public String path() {
        return info.path();
    }

    @Override
    public Optional<String> query() {
        return Optional.ofNullable(info.query());
    }

    @Override
    public Optional<String> subprotocol() {
        return Optional.ofNullable(info.subprotocol);
    }

    @Override
    public List<String> offeredSubprotocols() {
        return info.offered;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return info.remote;
    }

    @Override
    public InetSocketAddress localAddress() {
        return info.local;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T state() {
        return (T) info.state;
    }

    @Override
    public boolean supportsFragmentation() {
        return engine.supportsFragmentation();
    }

    @Override
    public boolean supportsPayloadType(MessageType type) {
        return engine.supportsPayloadType(type);
    }

    @Override
    public boolean signalsStatusOnClose() {
        return engine.signalsStatusOnClose();
    }

    /**
     * The frame engine the protocol variant made for this connection: it tells which variant instance accepted or
     * opened it (the OSGi layer tracks connections by it).
     */
    public FrameEngine engine() {
        return engine;
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
        return "WsConnection[" + (info.server ? "server" : "client") + " " + info.variant + " " + info.remote
                + (terminated ? " closed " + status : "") + "]";
    }
}
