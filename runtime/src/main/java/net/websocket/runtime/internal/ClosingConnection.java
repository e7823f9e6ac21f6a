package net.websocket.runtime.internal;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import javax.net.ssl.SSLSession;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectionClosedException;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.spi.FrameEngine;

/**
 * The closing of a connection (RFC 6455 section 7): feeds its {@link ClosingHandshake} the events and the time,
 * performs the steps it returns on the transport, keeps the timers for its deadlines (in a {@link ClosingInProgress},
 * with the answer that waits and the time closing began, so that an open connection carries none of them), and holds
 * what the application sees of it (the close status, the closed stage). {@link WsConnection} adds reading, the
 * endpoint and keepalive.
 *
 * <h2>Rules</h2>
 * {@link #close(int, String)} sends a close frame and waits (without blocking the caller) for the peer's, up to the
 * close timeout. A received close frame is answered with the same code unless one was sent already, and a protocol
 * error from the engine is answered with a close frame with its code; either answer waits until the endpoint has
 * consumed every message that arrived before the close frame or the bad input (so that its replies to them are
 * still sent): a listener's callbacks for them have returned, or a pulling consumer has reached the end of the
 * stream, returned, or closed, bounded by the close timeout. Nothing received after the close frame or the error
 * is delivered. Once the answer is sent the server shuts down its output, discards input until the client closes
 * (or a short linger ends) and closes the socket; the client waits for the server to close the TCP connection, up
 * to the close timeout (only briefly after a protocol error).
 *
 * <h2>Threads</h2>
 * {@link #close(int, String)}, the status and the closed stage are for any thread, and so is sending the pending
 * answer (the endpoint may be done on any thread); the handshake's events, its steps and its timers run on the loop
 * thread.
 */
abstract class ClosingConnection extends ConnectionSender {

    private static final VarHandle STATUS;
    private static final VarHandle CLOSED;
    private static final VarHandle CLOSING;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATUS = l.findVarHandle(ClosingConnection.class, "status", CloseStatus.class);
            CLOSED = l.findVarHandle(ClosingConnection.class, "closed", CompletableFuture.class);
            CLOSING = l.findVarHandle(ClosingConnection.class, "closing", ClosingInProgress.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The closing handshake: what happens and when, decided without I/O (see its thread rule); made when closing
     * begins ({@link #closing()}), {@code null} while the connection is open: an open connection's handshake would
     * answer every question with "no", and most connections are idle and open. Held as a {@link ClosingInProgress},
     * which also keeps what only closing needs: when closing began, the pending answer to the peer's close, and the
     * timers of closing.
     */
    private volatile ClosingInProgress closing;
    /** The close status, once known (set through {@link #offerStatus}). */
    volatile CloseStatus status;
    /**
     * Completed with the close status when the connection ends; made on first use (through {@link #CLOSED}), or
     * made completed by {@link #terminate} if nobody asked before: most connections are never asked.
     */
    private volatile CompletableFuture<CloseStatus> closed;
    /** The socket is released (set on the loop thread, read anywhere). */
    volatile boolean terminated;
    /** The application aborted the connection (any thread). */
    volatile boolean aborted;
    final Transport transport;

    ClosingConnection(ConnectionInfo info, FrameEngine engine, IoLoop loop, Transport transport,
            ConnectionSettings settings) {
        super(info, engine, loop, transport, settings);
        this.transport = transport;
    }

    /** {@return the closing handshake, made now if closing begins now (any thread)} */
    final ClosingInProgress closing() {
        ClosingInProgress c = closing;
        if (c == null) {
            c = new ClosingInProgress(info.server, settings);
            if (!CLOSING.compareAndSet(this, null, c)) {
                c = closing;
            }
        }
        return c;
    }

    /** {@return whether our close frame is claimed: sends are refused (any thread)} */
    final boolean closeSent() {
        ClosingInProgress c = closing;
        return c != null && c.closeSent();
    }

    /** {@return whether the peer's close frame came (any thread)} */
    final boolean closeReceived() {
        ClosingInProgress c = closing;
        return c != null && c.closeReceived();
    }

    /** {@return whether the socket is to be released once the transport wrote what it holds (loop thread)} */
    final boolean closesWhenOutputDone() {
        ClosingInProgress c = closing;
        return c != null && c.closesWhenOutputDone();
    }

    /** {@return whether what arrives is discarded unread (loop thread)} */
    final boolean draining() {
        ClosingInProgress c = closing;
        return c != null && c.draining();
    }

    /** {@return whether the peer ended its output while closing: nothing more to read (loop thread)} */
    final boolean inputEnded() {
        ClosingInProgress c = closing;
        return c != null && c.inputEnded();
    }

    /** {@return whether reading goes on whatever the endpoint consumes, only to see the end (loop thread)} */
    final boolean readsToTheEnd() {
        ClosingInProgress c = closing;
        return c != null && c.readsToTheEnd();
    }

    /** {@return whether the peer closed or broke the protocol: nothing more it sends counts (loop thread)} */
    final boolean peerDone() {
        ClosingInProgress c = closing;
        return c != null && c.peerDone();
    }

    /** Looks again at what to read and write (loop thread). */
    abstract void updateInterest();

    /** Releases the socket and ends everything (loop thread). Idempotent. */
    abstract void terminate(CloseStatus fallback);

    /** Ends the endpoint's input after what arrived so far; runs {@code action} once it consumed that (loop thread). */
    abstract void afterEndpointConsumed(IOException failure, boolean throwAtEnd, Runnable action);

    /** Ends the endpoint's input now (loop thread). */
    abstract void endInbound(IOException failure, boolean throwAtEnd);

    /**
     * The closing handshake began at {@code now}, unless it began before: the first close frame sent or received, or
     * the protocol error (any thread).
     */
    final void closingBegan(long now) {
        closing().began(now);
    }

    /** How long closing has taken at {@code now}, or -1 if it never began (any thread). */
    final long closingNanos(long now) {
        ClosingInProgress c = closing;
        return c == null ? -1 : c.closingNanos(now);
    }

    /** Sets the close status unless one is set already (any thread). */
    final void offerStatus(CloseStatus st) {
        STATUS.compareAndSet(this, null, st);
    }

    /** Completes the closed stage with {@code st}, or makes it completed if nobody asked for it yet. */
    final void completeClosed(CloseStatus st) {
        CompletableFuture<CloseStatus> f = closed;
        if (f != null || !CLOSED.compareAndSet(this, null, CompletableFuture.completedFuture(st))) {
            complete(closed, st, null);
        }
    }

    /** The socket is released (loop thread): no answer is pending any more, and no closing timer runs. */
    final void closingEnded() {
        ClosingInProgress c = closing;
        if (c == null) {
            return; // closing never began: no answer, no timer
        }
        c.ended();
        c.holdAnswer(null);
        if (c.closeTimer != null) {
            c.closeTimer.cancel();
        }
        if (c.answerTimer != null) {
            c.answerTimer.cancel();
        }
    }

    /**
     * Holds the close frame that answers the peer's close or its protocol error until the endpoint has consumed
     * every message that arrived before (loop thread): a listener's callbacks for them returned, a pulling consumer
     * reached the end of the stream, returned or closed; at most the close timeout.
     */
    final void deferAnswer(Control answer, boolean forError, IOException failure) {
        ClosingInProgress closing = closing(); // made already by the peer's close frame or error
        closing.holdAnswer(answer);
        long now = loop.clock();
        closing.began(now);
        closing.answerDeferred(now, forError);
        boolean throwAtEnd = forError && settings.propagateProtocolErrors();
        if (closing.closeSent()) {
            // the application closed meanwhile: nothing to wait for
            endInbound(failure, throwAtEnd);
            sendCloseAnswer();
            return;
        }
        if (closing.answerBounded()) {
            closing.answerTimer = loop.schedule(closing.answerDeadline() - now, this::sendCloseAnswer);
        }
        afterEndpointConsumed(failure, throwAtEnd, this::sendCloseAnswer);
    }

    /** Sends the pending answer to the peer's close or protocol error, if any (any thread). */
    private void sendCloseAnswer() {
        ClosingInProgress closing = this.closing;
        Control c = closing == null ? null : closing.takeAnswer();
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
        ClosingInProgress closing = closing();
        if (closing.answerTimer != null) {
            closing.answerTimer.cancel();
            closing.answerTimer = null;
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
    final void afterCloseAnswered(boolean afterError) {
        if (!terminated) {
            long now = loop.clock();
            perform(closing().bothClosed(now, afterError, out.closeFrameWritten()), now);
        }
    }

    /** Does what the closing handshake asks after an event at {@code now}, and keeps its deadline (loop thread). */
    final void perform(ClosingHandshake.Step step, long now) {
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
        ClosingInProgress closing = this.closing;
        if (closing == null || !closing.hasDeadline()) {
            return;
        }
        long deadline = closing.deadline();
        if (closing.closeTimer != null) {
            if (deadline == closing.closeTimer.deadline) {
                return;
            }
            closing.closeTimer.cancel();
        }
        closing.closeTimer = loop.schedule(deadline - now, this::closeTimerFired);
    }

    private void closeTimerFired() {
        ClosingInProgress closing = closing(); // armed only once closing began
        closing.closeTimer = null;
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
            perform(closing().closeFrameWritten(now), now);
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
        closing().finishingOutput(now); // the close timeout bounds the wait
        armCloseTimer(now);
        updateInterest();
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
    boolean sendsRefused() {
        return closeSent() || terminated || aborted;
    }

    @Override
    boolean isTerminated() {
        return terminated;
    }

    @Override
    ConnectionClosedException closedException() {
        return new ConnectionClosedException(terminated ? "connection closed" : "connection closing", status);
    }

    /** Whether the answer to the peer's close frame or error waits to be sent (any thread). */
    private boolean answerHeld() {
        ClosingInProgress c = closing;
        return c != null && c.answerHeld();
    }

    @Override
    public void close(int code, String reason) {
        if (!CloseCodes.isValidOnWire(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent");
        }
        if (answerHeld()) {
            sendCloseAnswer(); // the peer closed first: answer it with its own code
            return;
        }
        if (!closing().claimClose()) {
            return;
        }
        closingBegan(loop.clock()); // here: the peer's answer may end the connection before the task below runs
        queueControl(new Control(ControlKind.CLOSE, null, code, reason == null ? "" : reason));
        loop.execute(() -> {
            if (answerHeld()) {
                sendCloseAnswer(); // the peer's close arrived meanwhile: ours answers it
                return;
            }
            if (!terminated) {
                long now = loop.clock();
                closing().closeStarted(now);
                perform(ClosingHandshake.Step.WATCH, now);
            }
        });
    }

    @Override
    public boolean isClosed() {
        return closeSent() || closeReceived() || terminated || aborted;
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return Optional.ofNullable(transport.sslSession());
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
}
