package net.websocket.api;

import java.nio.ByteBuffer;
import java.util.Objects;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An event-style endpoint. The runtime calls these methods one at a time per connection, in the order the events
 * happened (never concurrently for one connection), on a handler thread, never on an I/O thread. A listener may
 * send on the connection from any method; it must not call the blocking {@code receive} methods, which are for
 * {@link Handler}s.
 *
 * <p>The next message of a connection is not delivered before the previous callback returns, and while callbacks
 * are pending the runtime stops reading that connection's socket once its inbound buffer is full (backpressure).
 * A callback that throws closes the connection with 1011.
 *
 * <p>A listener whose callbacks never block can say so by implementing {@link NonBlocking}: its callbacks then run
 * on the connection's I/O thread, without a hand-off to a handler thread.
 *
 * <p>A listener that takes messages in parts as they arrive, rather than whole, implements {@link Partial}.
 *
 * <p>Every callback has a default that does nothing, so a listener implements only what it needs; one that only
 * answers text messages can be a lambda: {@code Listener.ofText((c, text) -> c.sendText(text))}.
 */
@ConsumerType
public non-sealed interface Listener extends Endpoint {
    /**
     * A listener of text messages only: {@code callback} is its {@link #onText}, every other callback does nothing.
     * For {@code WebSockets.serve(options, Listener.ofText((c, text) -> c.sendText(text)))}.
     *
     * @param callback called with each whole text message; not {@code null}
     * @return a new listener that ignores every other event
     * @throws NullPointerException if {@code callback} is {@code null}
     */
    static Listener ofText(TextCallback callback) {
        Objects.requireNonNull(callback, "callback");
        return new Listener() {
            @Override
            public void onText(Connection connection, String text) throws Exception {
                callback.onText(connection, text);
            }
        };
    }

    /** What {@link #ofText} calls for each whole text message. */
    @ConsumerType
    @FunctionalInterface
    interface TextCallback {
        /**
         * A whole text message arrived on the connection.
         *
         * @param connection the connection it arrived on
         * @param text       the message
         * @throws Exception anything; the connection is then closed with 1011, as for {@link Listener#onText}
         */
        void onText(Connection connection, String text) throws Exception;
    }

    /**
     * The connection is open. Called first, once.
     *
     * @param connection the connection; {@link Connection#state()} holds the handshake hook's state
     * @throws Exception anything; {@link #onError} is then called and the connection closed with 1011
     */
    default void onOpen(Connection connection) throws Exception {
    }

    /**
     * A whole text message arrived.
     *
     * @param connection the connection it arrived on
     * @param text       the message
     * @throws Exception anything; {@link #onError} is then called, the connection closed with 1011, and no more
     *                   messages delivered
     */
    default void onText(Connection connection, String text) throws Exception {
    }

    /**
     * A whole binary message arrived. The buffer is the listener's to keep (unless it only
     * {@linkplain BorrowsBuffers borrows} it).
     *
     * @param connection the connection it arrived on
     * @param data       the message's bytes, from the buffer's position to its limit
     * @throws Exception anything; as for {@link #onText}
     */
    default void onBinary(Connection connection, ByteBuffer data) throws Exception {
    }

    /**
     * A ping arrived; the runtime has already answered it with a pong (unless pings are configured to be dropped).
     *
     * @param connection the connection it arrived on
     * @param data       the ping's payload (at most 125 bytes), read-only
     * @throws Exception anything; as for {@link #onText}
     */
    default void onPing(Connection connection, ByteBuffer data) throws Exception {
    }

    /**
     * A pong arrived (not one that answers a keepalive ping of the runtime's).
     *
     * @param connection the connection it arrived on
     * @param data       the pong's payload (at most 125 bytes), read-only
     * @throws Exception anything; as for {@link #onText}
     */
    default void onPong(Connection connection, ByteBuffer data) throws Exception {
    }

    /**
     * The connection is closed. Called last, once, whatever the cause: a close handshake from either side, a
     * protocol error, a timeout or a dropped TCP connection ({@link CloseCodes#ABNORMAL}).
     *
     * @param connection the connection, now closed
     * @param status     how it closed: the peer's close frame ({@link CloseStatus#remote()}), or what happened here
     * @throws Exception anything; {@link #onError} is then called, nothing else happens
     */
    default void onClose(Connection connection, CloseStatus status) throws Exception {
    }

    /**
     * Something went wrong: a callback threw, or (when the server's error policy says so) the peer broke the
     * protocol. {@link #onClose} follows.
     *
     * @param connection the connection
     * @param error      what a callback threw, or the peer's {@link ProtocolException}; what this method itself
     *                   throws is ignored
     */
    default void onError(Connection connection, Throwable error) {
    }

    /**
     * A listener whose callbacks never block: they do not wait for locks, I/O, other threads or time, and return
     * quickly. The runtime calls them on the connection's I/O thread, in order, as events are decoded, which saves
     * a hand-off to a handler thread per batch of events (the lowest latency and the most messages per CPU second).
     * Everything else in {@link Listener} holds, with these differences:
     * <ul>
     * <li>Sends from a callback never wait: the frames are queued and written when the callback's batch of events
     * ends (one system call for all the answers to what one read brought). While more than the connection's
     * outbound queue limit waits to be written, the runtime stops reading the connection's socket, so a peer that
     * does not read cannot grow the queue without bound; the limit is the backpressure.</li>
     * <li>A callback that blocks stalls every connection of its I/O thread. Work that may block belongs on another
     * thread; the stages of asynchronous sends run their dependent actions on handler threads.</li>
     * </ul>
     */
    @ConsumerType
    interface NonBlocking extends Listener {
    }

    /**
     * A listener that takes each data message in parts, as it arrives, instead of whole: for messages larger than
     * what should be held at once (a 1 GiB upload streamed to disk), or to act on a message before its end. The
     * runtime calls {@link #onTextPart} and {@link #onBinaryPart} instead of {@link #onText} and {@link #onBinary},
     * which are never called for it. Everything else in {@link Listener} holds, with these rules:
     * <ul>
     * <li><b>Parts.</b> A message is one or more parts, in order; the last has {@code last = true} and no part of
     * the next message comes before it. A part is what one read of the socket brought of the message (RFC 6455:
     * of one frame, so a part never spans two frames, and a frame may come in several parts), or what the
     * extension restored of it (permessage-deflate: inflated chunks of a size the variant bounds, 16 KiB for RFC 6455). Parts other than the last
     * are never empty; the last may be (an empty message, or a final frame with no payload). Part boundaries are
     * those of the network, not the peer's fragments: do not give them meaning. hybi-00 has no fragments; its
     * messages come in parts all the same, as they are read.</li>
     * <li><b>Text.</b> A text part holds whole characters only: UTF-8 is validated as it arrives, as for whole
     * messages, and the bytes of a character split between reads or frames wait for the rest (at most 3 bytes), so
     * every part is a valid string and the parts joined are the message. Invalid UTF-8 closes the connection with
     * 1007 after the parts before it were delivered; the message then has no last part.</li>
     * <li><b>Size.</b> {@link ConnectionSettings#maxMessageSize()} does not apply to this listener's messages: their
     * total is not limited by the runtime (the listener may close the connection with 1009 itself when it counted
     * enough). {@link ConnectionSettings#maxFrameSize()} still limits each frame (1009 beyond it). A part is at most
     * what one read brings (the read buffer) or one restored chunk, so memory is bounded by the settings, never by
     * the peer: parts not yet delivered count against {@link ConnectionSettings#inboundQueueLimit()}, and the
     * runtime stops reading the socket while more is waiting, until the listener has taken half of it.</li>
     * <li><b>Order.</b> Pings and pongs the peer sends between the frames of a message are delivered between its
     * parts, where they arrived. When the connection closes in the middle of a message (a close frame, an error,
     * the TCP connection lost), the message has no last part: {@link #onClose} follows the part before.</li>
     * <li><b>Buffers.</b> A binary part's buffer is the listener's to keep, unless the listener also implements
     * {@link BorrowsBuffers}: it then only borrows it (a view of the runtime's own buffer, valid during the callback
     * only).</li>
     * <li><b>Threads.</b> With {@link NonBlocking} the parts are delivered on the I/O thread as they are decoded,
     * and must not block; otherwise on a handler thread, where a callback may block (to write a part to a slow
     * disk, or to wait for a reader of a stream the parts feed): the parts behind it wait, and the inbound queue
     * limit stops the reading of the socket, so a slow consumer slows the peer, and no I/O thread waits. A
     * listener that takes parts is never given more than one message of its connection at a time (the setting
     * {@link ConnectionSettings#maxConcurrentMessages()} does not apply to it).</li>
     * </ul>
     */
    @ConsumerType
    interface Partial extends Listener {
        /**
         * A part of a text message arrived.
         *
         * @param connection the connection it arrived on
         * @param text       whole characters of the message, in order after the previous part's; possibly empty
         *                   only when {@code last}
         * @param last       whether this part ends the message
         * @throws Exception anything; as for {@link #onText}
         */
        default void onTextPart(Connection connection, String text, boolean last) throws Exception {
        }

        /**
         * A part of a binary message arrived.
         *
         * @param connection the connection it arrived on
         * @param data       the part's bytes, from the buffer's position to its limit; possibly empty only when
         *                   {@code last}; the listener's to keep unless it {@linkplain BorrowsBuffers borrows}
         * @param last       whether this part ends the message
         * @throws Exception anything; as for {@link #onText}
         */
        default void onBinaryPart(Connection connection, ByteBuffer data, boolean last) throws Exception {
        }
    }

    /**
     * A {@link NonBlocking} listener that only borrows the buffers {@link #onBinary} gives it: it reads them, or
     * sends them, during the callback and keeps no reference to them, their arrays or views of them once the
     * callback returned. The runtime may then fill the same array with a later message instead of a new one (for a
     * message too large for one read: no new array to allocate and zero per message, no garbage to collect), such
     * as an echo that sends each message back. The connection's send methods copy the payload before they return, so
     * sending the buffer from the callback is borrowing it; handing it to another thread, a queue or a broadcast
     * is keeping it, and needs a copy first. The buffer's array, if the listener looks at it, may be longer than
     * the message and hold bytes of earlier ones beyond it.
     */
    @ConsumerType
    interface BorrowsBuffers extends NonBlocking {
    }
}
