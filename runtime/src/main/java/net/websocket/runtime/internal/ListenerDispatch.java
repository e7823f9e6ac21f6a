package net.websocket.runtime.internal;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.Listener;

/**
 * Delivers a connection's events to its {@link Listener}: one at a time, in order, on handler threads. The I/O
 * thread posts events; a "pump" task on a handler thread runs them until the queue is empty (at most one pump per
 * connection at any time, which serializes the callbacks). {@code onOpen} comes first and {@code onClose} last,
 * once.
 *
 * <p>Bytes of posted but undelivered messages are counted so that the connection can stop reading its socket while
 * the listener is behind.
 *
 * <p>A {@link Listener.NonBlocking} listener is called directly on the I/O thread that posts (all posts come from the
 * connection's I/O thread), so nothing is queued for it and no handler thread takes part.
 *
 * <p>It is built on the {@link ListenerIntake} of the connection, which makes what arrives into the events posted
 * here and stops reading while they are not delivered: one object per connection with a listener.
 */
class ListenerDispatch extends ListenerIntake implements Runnable {

    /**
     * The dispatch for a listener: one message at a time, or {@link ConcurrentListenerDispatch} when the settings let
     * more than one message of the connection be handled at once (not for a {@link Listener.NonBlocking}, nor for a
     * {@link Listener.Partial}, whose parts must come in order).
     */
    static ListenerDispatch of(Listener listener, WsConnection connection) {
        int max = connection.settings.maxConcurrentMessages();
        return max > 1 && !(listener instanceof Listener.NonBlocking) && !(listener instanceof Listener.Partial)
                ? new ConcurrentListenerDispatch(listener, connection, max)
                : new ListenerDispatch(listener, connection);
    }

    enum Kind {
        OPEN,
        TEXT,
        BINARY,
        /** A part of a text message other than the last, for a {@link Listener.Partial}: a string. */
        TEXT_PART,
        /** The last part of a text message. */
        LAST_TEXT_PART,
        /** A part of a binary message other than the last: bytes, or a borrowed buffer when delivered inline. */
        BINARY_PART,
        /** The last part of a binary message. */
        LAST_BINARY_PART,
        PING,
        PONG,
        ERROR,
        BARRIER,
        CLOSE
    }

    /** One event, linked into the queue by {@link #next} itself (no node object per event). */
    static final class Event {
        final Kind kind;
        /** The payload: bytes, or for a text message already a string. */
        final Object data;
        final int length;
        final CloseStatus status;
        final Runnable action;
        final Throwable error;
        Event next;

        Event(Kind kind, Object data, int length, CloseStatus status, Runnable action, Throwable error) {
            this.kind = kind;
            this.data = data;
            this.length = length;
            this.status = status;
            this.action = action;
            this.error = error;
        }

        Event(Kind kind, Object data, int length, CloseStatus status) {
            this(kind, data, length, status, null, null);
        }

        /** What the event costs while queued: its payload and its objects. */
        long cost() {
            return length + InboundQueue.PIECE_OVERHEAD;
        }
    }

    /**
     * The most events delivered in one write batch: the frames the callbacks send are held until the batch ends (see
     * {@link Outbound#beginBatch()}), and this bounds how long they wait behind later callbacks.
     */
    static final int BATCH_EVENTS = 64;

    private static final VarHandle SCHEDULED;
    private static final VarHandle BYTES;
    private static final VarHandle INCOMING;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SCHEDULED = l.findVarHandle(ListenerDispatch.class, "scheduled", boolean.class);
            BYTES = l.findVarHandle(ListenerDispatch.class, "bytes", long.class);
            INCOMING = l.findVarHandle(ListenerDispatch.class, "incoming", Event.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Listener listener;
    /** Whether callbacks run on the posting I/O thread ({@link Listener.NonBlocking}). */
    private final boolean inline;
    /** Whether the listener takes messages in parts ({@link Listener.Partial}). */
    private final boolean partial;
    /**
     * The queue is two lists of events linked through {@link Event#next}, instead of a queue object with a node per
     * event: most connections are idle, and each message would otherwise cost a node. Posters push onto
     * {@code incoming} (newest first, through {@link #INCOMING}); the pump takes the whole list at once, reverses it
     * into {@code pending} (oldest first, touched only by the one running pump) and delivers from there.
     */
    volatile Event incoming;
    private Event pending;
    /** Whether a pump runs or is about to (field updated through {@link #SCHEDULED}, saving an object). */
    volatile boolean scheduled;
    /** Bytes of undelivered events (through {@link #BYTES}). */
    private volatile long bytes;
    boolean failed;
    boolean closed;

    /**
     * @param connection the connection: its handler threads run the pump, its outbound queue's writes are batched
     *                   per run of callbacks
     */
    ListenerDispatch(Listener listener, WsConnection connection) {
        super(connection);
        this.listener = listener;
        this.inline = listener instanceof Listener.NonBlocking;
        this.partial = listener instanceof Listener.Partial;
    }

    /** Whether the listener takes messages in parts as they arrive, not whole. */
    @Override
    final boolean partial() {
        return partial;
    }

    /** Whether callbacks run on the I/O thread as events are posted. */
    boolean inline() {
        return inline;
    }

    /**
     * Whether a binary message's array may be used again once {@link #message} returned: the listener only borrows
     * it ({@link Listener.BorrowsBuffers}, whose callbacks run inline).
     */
    @Override
    final boolean lendsArrays() {
        return inline && listener instanceof Listener.BorrowsBuffers;
    }

    void open() {
        post(new Event(Kind.OPEN, null, 0, null));
    }

    /** A whole message; {@code data[0, length)} is handed over. */
    @Override
    final void message(boolean text, byte[] data, int length) {
        if (inline) {
            deliver(text ? Kind.TEXT : Kind.BINARY, data, length, null, null); // no event object per message
            return;
        }
        post(new Event(text ? Kind.TEXT : Kind.BINARY, data, length, null));
    }

    /** A whole text message made into its string already; {@code byteLength} is its size in UTF-8. */
    @Override
    final void text(String text, int byteLength) {
        if (inline) {
            deliver(Kind.TEXT, text, byteLength, null, null);
            return;
        }
        post(new Event(Kind.TEXT, text, byteLength, null));
    }

    /**
     * A part of a message, for a {@link Listener.Partial}: a string (text), bytes whose first {@code length} are
     * handed over, or (binary, inline only) a buffer lent for the call.
     *
     * @param byteLength the part's size on the wire (UTF-8 for text), what it costs while queued
     */
    @Override
    final void part(boolean text, Object data, int byteLength, boolean last) {
        Kind kind = text ? (last ? Kind.LAST_TEXT_PART : Kind.TEXT_PART)
                : (last ? Kind.LAST_BINARY_PART : Kind.BINARY_PART);
        if (inline) {
            deliver(kind, data, byteLength, null, null);
            return;
        }
        post(new Event(kind, data, byteLength, null));
    }

    @Override
    final void ping(byte[] data) {
        post(new Event(Kind.PING, data, data.length, null));
    }

    @Override
    final void pong(byte[] data) {
        post(new Event(Kind.PONG, data, data.length, null));
    }

    /**
     * Runs {@code action} on the pump thread once every event posted before has been delivered (the callbacks for
     * them returned), even if the listener failed or was closed meanwhile.
     */
    void barrier(Runnable action) {
        post(new Event(Kind.BARRIER, null, 0, null, action, null));
    }

    /** Reports an error of the peer (a protocol error, when the error policy says so) to {@code onError}. */
    void error(Throwable error) {
        post(new Event(Kind.ERROR, null, 0, null, null, error));
    }

    void closed(CloseStatus status) {
        post(new Event(Kind.CLOSE, null, 0, status));
    }

    /** Bytes of events posted and not yet delivered, with their overhead. */
    @Override
    final long pendingBytes() {
        return bytes;
    }

    private void post(Event e) {
        if (inline) {
            deliver(e);
            return;
        }
        BYTES.getAndAdd(this, e.cost());
        Event head;
        do {
            head = incoming;
            e.next = head;
        } while (!INCOMING.compareAndSet(this, head, e));
        if (SCHEDULED.compareAndSet(this, false, true) && !connection.executor.tryExecute(this)) {
            scheduled = false;
            Logs.CONNECTION.log(Level.DEBUG,
                    () -> Logs.about(connection, "listener event dropped: handler threads stopped"));
        }
    }

    /**
     * Delivers events until none is left. What the callbacks send is written in one go when the queue runs empty
     * (or every {@link #BATCH_EVENTS} events), not one system call per message.
     */
    @Override
    public void run() {
        int inBatch = 0;
        connection.out.beginBatch();
        try {
            while (true) {
                Event e = poll();
                if (e == null) {
                    connection.out.endBatch();
                    inBatch = 0;
                    if (!pumpIdle()) {
                        return;
                    }
                    connection.out.beginBatch();
                    continue;
                }
                if (++inBatch > BATCH_EVENTS) {
                    connection.out.endBatch();
                    connection.out.beginBatch();
                    inBatch = 1;
                }
                deliver(e);
                delivered(e);
            }
        } finally {
            connection.out.endBatch();
        }
    }

    /** The oldest undelivered event, or {@code null} (pump thread). */
    final Event poll() {
        Event e = peek();
        if (e != null) {
            pending = e.next;
            e.next = null;
        }
        return e;
    }

    /** The oldest undelivered event, left in the queue, or {@code null} (pump thread). */
    final Event peek() {
        Event e = pending;
        if (e == null) {
            Event newestFirst = (Event) INCOMING.getAndSet(this, (Event) null);
            for (Event next; newestFirst != null; newestFirst = next) {
                next = newestFirst.next;
                newestFirst.next = e;
                e = newestFirst;
            }
            pending = e;
        }
        return e;
    }

    /**
     * Ends a run of the pump that found the queue empty (pump thread).
     *
     * @return whether the pump goes on: an event was posted meanwhile and this run took the pump again
     */
    final boolean pumpIdle() {
        scheduled = false;
        // an event posted after the queue was seen empty but before the flag was cleared
        return incoming != null && SCHEDULED.compareAndSet(this, false, true);
    }

    /** An event left the queue, delivered (any thread): its bytes no longer count, and reading may resume. */
    final void delivered(Event e) {
        BYTES.getAndAdd(this, -e.cost());
        drained();
    }

    final void deliver(Event e) {
        if (e.kind == Kind.BARRIER) {
            try {
                e.action.run();
            } catch (RuntimeException ex) {
                Logs.CONNECTION.log(Level.WARNING, Logs.about(connection, "close answer failed"), ex);
            }
            return;
        }
        deliver(e.kind, e.data, e.length, e.status, e.error);
    }

    /** Calls the listener for one event other than a barrier (the fields of an {@link Event}, unwrapped). */
    private void deliver(Kind kind, Object data, int length, CloseStatus status, Throwable error) {
        if (closed) {
            return;
        }
        try {
            switch (kind) {
                case OPEN -> listener.onOpen(connection);
                case TEXT -> {
                    if (!failed) {
                        listener.onText(connection, data instanceof String s ? s
                                : new String((byte[]) data, 0, length, StandardCharsets.UTF_8));
                    }
                }
                case BINARY -> {
                    if (!failed) {
                        listener.onBinary(connection, ByteBuffer.wrap((byte[]) data, 0, length).slice());
                    }
                }
                case TEXT_PART, LAST_TEXT_PART -> {
                    if (!failed) {
                        ((Listener.Partial) listener).onTextPart(connection, (String) data,
                                kind == Kind.LAST_TEXT_PART);
                    }
                }
                case BINARY_PART, LAST_BINARY_PART -> {
                    if (!failed) {
                        ((Listener.Partial) listener).onBinaryPart(connection, data instanceof ByteBuffer b ? b
                                : ByteBuffer.wrap((byte[]) data, 0, length).slice(), kind == Kind.LAST_BINARY_PART);
                    }
                }
                case PING -> {
                    if (!failed) {
                        listener.onPing(connection, ByteBuffer.wrap((byte[]) data).asReadOnlyBuffer());
                    }
                }
                case PONG -> {
                    if (!failed) {
                        listener.onPong(connection, ByteBuffer.wrap((byte[]) data).asReadOnlyBuffer());
                    }
                }
                case CLOSE -> {
                    closed = true;
                    listener.onClose(connection, status);
                }
                case ERROR -> onError(error);
                case BARRIER -> throw new IllegalStateException("barriers run their action");
            }
        } catch (Throwable t) {
            if (kind == Kind.CLOSE) {
                onError(t);
                return;
            }
            failed = true;
            onError(t);
            try {
                connection.close(CloseCodes.INTERNAL_ERROR, "");
            } catch (RuntimeException ignored) {
                // already closing
            }
        }
    }

    final void onError(Throwable t) {
        try {
            listener.onError(connection, t);
        } catch (Throwable t2) {
            Logs.CONNECTION.log(Level.DEBUG, () -> Logs.about(connection, "listener onError threw"), t2);
        }
    }
}
