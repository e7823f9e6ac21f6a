package net.websocket.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import net.websocket.api.ConnectionSettings;

/**
 * A connection's closing handshake together with what the connection keeps only while it closes: when closing began,
 * the answer to the peer's close frame or error while it waits for the endpoint, and the connection's timers for that
 * answer and for the handshake's {@link #deadline()}. Made by {@link ClosingConnection} when closing begins, so that an
 * open connection holds none of it; the state machine it extends knows none of it either.
 *
 * <h2>Threads</h2>
 * {@link #began}, {@link #closingNanos}, {@link #answerHeld()}, {@link #takeAnswer()} and {@link #holdAnswer} may be
 * called from any thread; the timers are the loop thread's. The handshake's own methods keep their rules.
 */
final class ClosingInProgress extends ClosingHandshake {

    private static final VarHandle SINCE;
    private static final VarHandle ANSWER;
    /** {@link #since} before closing began. */
    private static final long NOT_BEGUN = Long.MIN_VALUE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SINCE = l.findVarHandle(ClosingInProgress.class, "since", long.class);
            ANSWER = l.findVarHandle(ClosingInProgress.class, "answer", ConnectionSender.Control.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** When closing began (through {@link #SINCE}; any thread), or {@link #NOT_BEGUN}. */
    private volatile long since = NOT_BEGUN;
    /**
     * The answer to the peer's close frame or to its protocol error, held until the endpoint consumed the rest
     * (through {@link #ANSWER}; any thread).
     */
    private volatile ConnectionSender.Control answer;
    /** The connection's timer that sends the deferred answer at {@link #answerDeadline()} (loop thread). */
    IoLoop.Timer answerTimer;
    /** The connection's timer for {@link #deadline()} (loop thread). */
    IoLoop.Timer closeTimer;

    ClosingInProgress(boolean server, ConnectionSettings settings) {
        super(server, settings, Lingers.DEFAULT);
    }

    /**
     * Closing began at {@code now}, unless it began before: the first close frame sent or received, or the protocol
     * error (any thread).
     */
    void began(long now) {
        if (since == NOT_BEGUN) {
            SINCE.compareAndSet(this, NOT_BEGUN, now);
        }
    }

    /** How long closing has taken at {@code now}, or -1 if it never began (any thread). */
    long closingNanos(long now) {
        long s = since;
        return s == NOT_BEGUN ? -1 : Math.max(0, now - s);
    }

    /** Whether an answer to the peer's close frame or error waits to be sent (any thread). */
    boolean answerHeld() {
        return answer != null;
    }

    /** The answer that waits, taken so that no other thread sends it, or {@code null} (any thread). */
    ConnectionSender.Control takeAnswer() {
        return (ConnectionSender.Control) ANSWER.getAndSet(this, (ConnectionSender.Control) null);
    }

    /** Holds the answer to the peer's close frame or error until it is taken, or drops it ({@code null}). */
    void holdAnswer(ConnectionSender.Control a) {
        answer = a;
    }
}
