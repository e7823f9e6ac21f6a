package net.websocket.runtime.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import net.websocket.api.ConnectionSettings;
import net.websocket.api.Endpoint;
import net.websocket.api.Listener;
import net.websocket.api.MessageType;

/**
 * What a connection with a {@link net.websocket.api.Listener} receives, made into the listener's events: whole
 * messages (fragments joined by a {@link MessageAssembly}) or, for a {@link net.websocket.api.Listener.Partial}, parts
 * as they arrive (text cut at characters by {@link TextParts}), pings and pongs, handed to the delivery that
 * {@link ListenerDispatch} adds on top of this class (one object per connection, not two);
 * and whether the connection must stop reading while the listener is behind (more than the inbound queue limit
 * undelivered, until it is down to half).
 *
 * <h2>Threads</h2>
 * Fed on the connection's loop thread; {@link #drained()} is called on the thread that delivered an event, and
 * {@link #paused()} may be read anywhere.
 */
abstract class ListenerIntake {

    /**
     * The connection: its inbound queue limit says how many undelivered bytes stop reading, and it is told to look
     * again at what to read when the listener caught up (no lambda held for it).
     */
    final WsConnection connection;
    /** Made when the first fragmented message starts: most connections never receive one. */
    private MessageAssembly assembly;
    /** Made when the first text message of a listener of parts starts. */
    private TextParts textParts;
    private volatile boolean paused;

    ListenerIntake(WsConnection connection) {
        this.connection = connection;
    }

    // ------------------------------------------------------------------ the delivery (see ListenerDispatch)

    /** Whether the listener takes messages in parts as they arrive, not whole. */
    abstract boolean partial();

    /** Whether a binary message's array may be used again once {@link #message} returned. */
    abstract boolean lendsArrays();

    /** Delivers a whole message; {@code data[0, length)} is handed over. */
    abstract void message(boolean text, byte[] data, int length);

    /** Delivers a whole text message made into its string already; {@code byteLength} is its size in UTF-8. */
    abstract void text(String text, int byteLength);

    /** Delivers a part of a message, for a listener of parts. */
    abstract void part(boolean text, Object data, int byteLength, boolean last);

    /** Delivers a ping's payload. */
    abstract void ping(byte[] data);

    /** Delivers a pong's payload. */
    abstract void pong(byte[] data);

    /** Bytes of events posted and not yet delivered, with their overhead. */
    abstract long pendingBytes();

    // ------------------------------------------------------------------------------------------ the intake

    private int limit() {
        return connection.settings.inboundQueueLimit();
    }

    /** Whether reading stops while the listener is behind. */
    final boolean paused() {
        return paused;
    }

    /**
     * The message size limit the variant's engine enforces for a connection of {@code endpoint}: none (the largest
     * {@code long}) for a listener of parts, whose messages are not held whole; the settings' otherwise.
     */
    static long engineMessageLimit(Endpoint endpoint, ConnectionSettings settings) {
        return endpoint instanceof Listener.Partial ? Long.MAX_VALUE : settings.maxMessageSize();
    }

    /** A data frame's payload (loop thread): small whole messages go at once, fragments are assembled. */
    final void data(MessageType type, ByteBuffer payload, boolean first, boolean last) {
        if (partial()) {
            part(type == MessageType.TEXT, payload, first, last);
            return;
        }
        if (first) {
            boolean text = type == MessageType.TEXT;
            if (last) {
                int n = payload.remaining();
                if (text && n <= IoLoop.SCRATCH_SIZE) {
                    // a small text message becomes its string here: the string's own array is the only copy
                    postText(text(payload, n), n);
                    return;
                }
                byte[] data = ConnectionSender.copy(payload);
                postMessage(text, data, data.length);
                return;
            }
            if (assembly == null) {
                assembly = new MessageAssembly();
            }
            // a borrowing listener's binary message is assembled in an array that comes back after its callback
            boolean lend = !text && lendsArrays();
            assembly.begin(text, payload.remaining(), lend ? connection.loop.lentArrays() : null);
        }
        if (assembly == null || !assembly.inProgress()) {
            return; // no message started (cannot happen with a correct engine)
        }
        assembly.append(payload);
        if (last) {
            byte[] data = assembly.finish();
            LentArrays lent = !assembly.text() && lendsArrays() ? connection.loop.lentArrays() : null;
            if (lent != null) {
                lent.lend(data);
            }
            postMessage(assembly.text(), data, assembly.length());
            if (lent != null) {
                // delivered inline: the callback returned and kept nothing of it (a send of it may have claimed it)
                lent.callbackReturned(data);
            }
        }
    }

    /** A piece of a message for a listener of parts (loop thread): delivered as it is, text cut at characters. */
    private void part(boolean text, ByteBuffer payload, boolean first, boolean last) {
        if (text) {
            if (textParts == null) {
                textParts = new TextParts();
            }
            String part = textParts.next(payload, first, last);
            if (part != null) {
                part(true, part, textParts.byteLength(), last);
                checkPause();
            }
            return;
        }
        int n = payload.remaining();
        if (n == 0 && !last) {
            return;
        }
        if (lendsArrays()) {
            part(false, payload.slice(), n, last); // delivered inline: borrowed during the call only
        } else {
            part(false, ConnectionSender.copy(payload), n, last);
        }
        checkPause();
    }

    private void postMessage(boolean text, byte[] data, int len) {
        message(text, data, len);
        checkPause();
    }

    private void postText(String text, int byteLength) {
        text(text, byteLength);
        checkPause();
    }

    /** The {@code n} bytes of valid UTF-8 of {@code payload} as a string (loop thread). */
    private String text(ByteBuffer payload, int n) {
        if (payload.hasArray()) {
            return new String(payload.array(), payload.arrayOffset() + payload.position(), n, StandardCharsets.UTF_8);
        }
        byte[] scratch = connection.loop.scratch();
        payload.get(payload.position(), scratch, 0, n);
        return new String(scratch, 0, n, StandardCharsets.UTF_8);
    }

    /** Stops reading while the listener is behind (loop thread). */
    private void checkPause() {
        if (pendingBytes() > limit()) {
            paused = true;
            // the pump may have drained everything before it could see the flag
            if (pendingBytes() <= limit() / 2) {
                paused = false;
            }
        }
    }

    /** A ping's payload (loop thread), after its pong was queued. */
    final void pingArrived(byte[] data) {
        ping(data);
        checkPause();
    }

    /** A pong's payload (loop thread) that did not answer our keepalive. */
    final void pongArrived(byte[] data) {
        pong(data);
        checkPause();
    }

    /** An event was delivered to the listener (pump thread): reading may resume. */
    final void drained() {
        if (paused && pendingBytes() <= limit() / 2) {
            connection.loop.execute(() -> {
                if (paused && pendingBytes() <= limit() / 2) {
                    paused = false;
                    connection.updateInterest();
                }
            });
        }
    }
}
