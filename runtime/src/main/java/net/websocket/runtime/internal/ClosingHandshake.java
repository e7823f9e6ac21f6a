package net.websocket.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import net.websocket.api.ConnectionSettings;

/**
 * The closing handshake of one connection (RFC 6455 section 7) as a state machine without I/O: the caller reports
 * what happened and when (times are {@code System.nanoTime()}-style nanoseconds, passed in) and performs the
 * {@link Step} each event returns; the deadlines it asks for are the caller's to keep with timers.
 *
 * <h2>Rules</h2>
 * <ul>
 * <li>Whoever sends the first close frame waits for the peer's, up to the close timeout ({@link #closeStarted}).</li>
 * <li>The answer to the peer's close frame or to its protocol error waits until the endpoint consumed what came
 * before, up to the close timeout ({@link #answerDeferred}).</li>
 * <li>Once both close frames are sent (or ours answers an error), the server closes TCP: when its close frame is
 * written it shuts its output down and discards input until the client closes, or a short linger ends
 * ({@link Step#SHUT_OUTPUT_AND_DRAIN}); the client waits for the server to close, up to the close timeout, or only
 * briefly after a protocol error.</li>
 * <li>A peer that ends its output after its close frame (or bad input) still gets our answer: once it is written the
 * output is shut down and the socket released ({@link Step#FINISH_OUTPUT}); any other end of input ends the
 * connection ({@link Step#TERMINATE}).</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * {@link #claimClose()}, {@link #closeSent()} and {@link #closeReceived()} may be called from any thread (sends and
 * {@code close} come from application threads); every other method is called on the connection's loop thread.
 *
 * <p>A connection holds its handshake as a {@link ClosingInProgress}, which adds what the connection itself keeps only
 * while it closes (its timers, the answer that waits, when closing began); the state machine knows none of it.
 */
class ClosingHandshake {

    /** Where the handshake stands. */
    enum Phase {
        /** No close frame either way. */
        OPEN,
        /** Ours is sent (or queued): waiting for the peer's. */
        CLOSE_SENT,
        /** The peer's close frame or bad input came: our answer waits for the endpoint. */
        CLOSE_RECEIVED,
        /** Both sides are done: waiting for TCP to close. */
        CLOSING,
        /** The server shut its output down and discards input until the client closes. */
        DRAINING,
        /** Our output is shut down once the transport wrote what it holds, then the socket goes. */
        FINISHING,
        /** The socket is released. */
        CLOSED
    }

    /** What the caller must do after an event. */
    enum Step {
        /** Nothing. */
        NONE,
        /** Look again at what to read and write (keep reading for the peer's close, or for the end of TCP). */
        WATCH,
        /** Shut the output down once the transport wrote what it holds, then release the socket. */
        FINISH_OUTPUT,
        /** Server: shut the output down, then discard input until the client closes or the linger ends. */
        SHUT_OUTPUT_AND_DRAIN,
        /** Release the socket now. */
        TERMINATE
    }

    private static final VarHandle CLOSE_SENT;

    static {
        try {
            CLOSE_SENT = MethodHandles.lookup().findVarHandle(ClosingHandshake.class, "closeSent", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final boolean server;
    /** Where the close timeout is read (shared by every connection with the same settings, not copied into each). */
    private final ConnectionSettings settings;
    private final Lingers lingers;

    /** Our close frame is queued, or no close frame may go out any more (any thread). */
    private volatile boolean closeSent;
    /** The peer's close frame came (any thread reads it). */
    private volatile boolean closeReceived;
    private boolean protocolFailed;
    /** The answer to the peer's close frame or error is for an error. */
    private boolean answerForError;
    private boolean answerBounded;
    private long answerDeadline;
    /** Server: TCP closes once our close frame is written. */
    private boolean closeWhenWritten;
    private boolean draining;
    /** The peer ended its output after its close frame (or bad input). */
    private boolean inputEnded;
    private boolean closeWhenOutputDone;
    private boolean bounded;
    private long deadline;
    private boolean ended;

    /**
     * @param server                 whether this is the server's side (which closes TCP)
     * @param settings               the close timeout: how long to wait for the peer in each step (0: no limit)
     * @param lingers                the fixed waits ({@link Lingers#DEFAULT} but in tests): one object for every
     *                               connection, so that an idle connection holds a reference, not the values
     */
    ClosingHandshake(boolean server, ConnectionSettings settings, Lingers lingers) {
        this.server = server;
        this.settings = settings;
        this.lingers = lingers;
    }

    /**
     * The fixed waits of the closing handshake.
     *
     * @param clientAfterError how long a client waits at most for the server to close after a protocol error
     * @param server           how long a server discards input at most after shutting its output down
     */
    record Lingers(long clientAfterError, long server) {
        /** 1 s for a client after an error (the server should close at once); 2 s for a server's drain. */
        static final Lingers DEFAULT = new Lingers(1_000_000_000L, 2_000_000_000L);
    }

    private long closeTimeout() {
        return Durations.nanos(settings.closeTimeout());
    }

    // ------------------------------------------------------------------------------------------ any thread

    /** Claims the one close frame we send; returns {@code false} if it is claimed already (any thread). */
    boolean claimClose() {
        return CLOSE_SENT.compareAndSet(this, false, true);
    }

    /** Whether our close frame is claimed (any thread). */
    boolean closeSent() {
        return closeSent;
    }

    /** Whether the peer's close frame came (any thread). */
    boolean closeReceived() {
        return closeReceived;
    }

    // ------------------------------------------------------------------------------------------ loop thread

    /** The peer's close frame came. */
    void peerClosed() {
        closeReceived = true;
    }

    /** The peer's input broke the protocol. */
    void protocolError() {
        protocolFailed = true;
    }

    /** Whether the peer closed or failed: it sends nothing more that counts. */
    boolean peerDone() {
        return closeReceived || protocolFailed;
    }

    /** Our close frame (not an answer) went out at {@code now}: the peer's must come within the close timeout. */
    void closeStarted(long now) {
        bound(now, closeTimeout());
    }

    /** Our answer to the peer's close frame ({@code forError}: its error) waits, from {@code now}, for the endpoint. */
    void answerDeferred(long now, boolean forError) {
        answerForError = forError;
        long timeout = closeTimeout();
        answerBounded = timeout > 0;
        answerDeadline = now + timeout;
    }

    /** Whether the deferred answer has a deadline, {@link #answerDeadline()}. */
    boolean answerBounded() {
        return answerBounded;
    }

    /** When the deferred answer goes out whether or not the endpoint is done. */
    long answerDeadline() {
        return answerDeadline;
    }

    /** Whether the deferred answer must go out at {@code now}. */
    boolean answerDue(long now) {
        return answerBounded && answerDeadline - now <= 0;
    }

    /** Our answer to the peer's close frame or error is sent. */
    Step answered(long now, boolean closeFrameWritten) {
        answerBounded = false;
        return bothClosed(now, answerForError, closeFrameWritten);
    }

    /**
     * Both close frames are sent, or ours follows the peer's protocol error ({@code afterError}): the server closes
     * TCP once its close frame is written; the client waits for that, briefly after an error.
     */
    Step bothClosed(long now, boolean afterError, boolean closeFrameWritten) {
        if (ended) {
            return Step.NONE;
        }
        if (server) {
            bound(now, closeTimeout());
            closeWhenWritten = true;
            return closeFrameWritten ? closeFrameWritten(now) : Step.WATCH;
        }
        if (afterError) {
            long timeout = closeTimeout();
            bound(now, timeout == 0 ? lingers.clientAfterError() : Math.min(timeout, lingers.clientAfterError()));
            return Step.NONE;
        }
        bound(now, closeTimeout());
        return Step.WATCH;
    }

    /** Our close frame is on the wire. */
    Step closeFrameWritten(long now) {
        if (ended) {
            return Step.NONE;
        }
        if (inputEnded) {
            return Step.FINISH_OUTPUT; // the peer has nothing more to say and gets our close frame: done
        }
        if (!closeWhenWritten) {
            return Step.WATCH; // keep reading for the peer's close frame
        }
        if (draining) {
            return Step.NONE;
        }
        // server: half-close, then read and discard until the client closes, so that unread input cannot turn
        // our close into a reset that destroys the close frame in flight
        draining = true;
        bound(now, lingers.server());
        return Step.SHUT_OUTPUT_AND_DRAIN;
    }

    /** The peer ended its output. */
    Step endOfInput(boolean closeFrameWritten) {
        if (peerDone() && !draining) {
            // a peer may half-close right after its close frame: answer it before closing
            inputEnded = true;
            return closeFrameWritten ? Step.FINISH_OUTPUT : Step.WATCH;
        }
        return Step.TERMINATE;
    }

    /** The transport still holds output to write before it can shut down: that wait is bounded too. */
    void finishingOutput(long now) {
        closeWhenOutputDone = true;
        bound(now, closeTimeout());
    }

    /** Whether the socket is released once the transport wrote what it holds. */
    boolean closesWhenOutputDone() {
        return closeWhenOutputDone;
    }

    /** Whether the peer ended its output: nothing more to read. */
    boolean inputEnded() {
        return inputEnded;
    }

    /** Whether reading goes on whatever the endpoint consumes: only to see the end of the connection. */
    boolean readsToTheEnd() {
        return draining || peerDone();
    }

    /** Whether what arrives is discarded unread. */
    boolean draining() {
        return draining;
    }

    /** Whether the socket must be released at some time: {@link #deadline()}. */
    boolean hasDeadline() {
        return bounded;
    }

    /** When the socket must be released at the latest (when {@link #hasDeadline()}). */
    long deadline() {
        return deadline;
    }

    /** Whether the time to release the socket has come at {@code now}. */
    Step tick(long now) {
        return !ended && hasDeadline() && deadline() - now <= 0 ? Step.TERMINATE : Step.NONE;
    }

    /** The socket is released. */
    void ended() {
        ended = true;
        answerBounded = false;
    }

    /** Where the handshake stands (for diagnostics and tests). */
    Phase phase() {
        if (ended) {
            return Phase.CLOSED;
        }
        if (closeWhenOutputDone) {
            return Phase.FINISHING;
        }
        if (draining) {
            return Phase.DRAINING;
        }
        if (closeSent && peerDone()) {
            return Phase.CLOSING;
        }
        if (closeSent) {
            return Phase.CLOSE_SENT;
        }
        return peerDone() ? Phase.CLOSE_RECEIVED : Phase.OPEN;
    }

    /** Brings the release deadline to {@code now + timeout} unless it is sooner already; 0 means no limit. */
    private void bound(long now, long timeout) {
        if (ended || timeout <= 0) {
            return;
        }
        long d = now + timeout;
        if (bounded && d - deadline >= 0) {
            return;
        }
        bounded = true;
        deadline = d;
    }
}
