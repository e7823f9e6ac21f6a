package net.websocket.jakarta.internal;

import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;

/**
 * The message handlers of one session, at most one for each native message type: text, binary and pong (Jakarta
 * WebSocket 2.1, section 2.1.3 and the Javadoc of {@code Session.addMessageHandler}). A handler's message type says
 * which of the three it is: {@code String}, {@code Reader}, a primitive or its box, or a type a text decoder makes,
 * for text; {@code ByteBuffer}, {@code byte[]}, {@code InputStream}, or a type a binary decoder makes, for binary;
 * {@link PongMessage} for pongs. Annotated endpoints register their {@code @OnMessage} methods here as well.
 *
 * <p>The parts of the messages a session receives reach these handlers through its {@link IncomingMessages}: a
 * partial handler's as they arrive, a stream handler's through a pipe, the others' whole.
 */
final class MessageHandlers {

    /** The native message types; a session has one handler of each at most. */
    enum Kind { TEXT, BINARY, PONG }

    /** Where a message goes: the converted message and, for a partial handler, whether it is the last part. */
    @FunctionalInterface
    interface Sink {
        void accept(Object message, boolean last) throws Exception;
    }

    /** One registered handler: its kind, message type, whether partial, the user's object and where to deliver. */
    record Entry(Kind kind, Class<?> type, boolean partial, Object owner, Sink sink) {
    }

    private final Map<Kind, Entry> entries = new EnumMap<>(Kind.class);

    /**
     * {@return the kind of handler a message type makes}
     *
     * @param type     the handler's message type
     * @param partial  whether the handler takes parts
     * @param decoders the endpoint's decoder classes
     * @throws IllegalStateException if no handler can take that type (with those decoders), or not in parts
     */
    static Kind kindOf(Class<?> type, boolean partial, List<Class<? extends Decoder>> decoders) {
        Kind kind;
        boolean partialAllowed = false;
        if (type == PongMessage.class) {
            kind = Kind.PONG;
        } else if (type == String.class) {
            kind = Kind.TEXT;
            partialAllowed = true;
        } else if (type == ByteBuffer.class || type == byte[].class) {
            kind = Kind.BINARY;
            partialAllowed = true;
        } else if (type == Reader.class || Types.isPrimitiveLike(type)) {
            kind = Kind.TEXT;
        } else if (type == InputStream.class) {
            kind = Kind.BINARY;
        } else {
            Coders.Payload p = Coders.decoderPayload(decoders, type);
            if (p == null) {
                throw new IllegalStateException("no decoder for messages of type " + type.getName());
            }
            kind = p == Coders.Payload.TEXT ? Kind.TEXT : Kind.BINARY;
        }
        if (partial && !partialAllowed) {
            throw new IllegalStateException("messages of type " + type.getName() + " cannot be taken in parts");
        }
        return kind;
    }

    /**
     * Adds a handler.
     *
     * @throws IllegalStateException if one of its kind is registered already
     */
    synchronized void add(Entry e) {
        if (entries.containsKey(e.kind())) {
            throw new IllegalStateException("the session has a " + e.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " message handler already");
        }
        entries.put(e.kind(), e);
    }

    /** Removes a handler the user registered; nothing happens if it is not registered. */
    synchronized void remove(MessageHandler handler) {
        entries.values().removeIf(e -> e.owner() == handler);
    }

    /** {@return the handlers the user registered through the session (not those of annotated methods)} */
    synchronized Set<MessageHandler> userHandlers() {
        Set<MessageHandler> out = new LinkedHashSet<>();
        for (Entry e : entries.values()) {
            if (e.owner() instanceof MessageHandler h) {
                out.add(h);
            }
        }
        return out;
    }

    /** {@return the handler of messages of this kind, or {@code null}} */
    synchronized Entry handler(Kind kind) {
        return entries.get(kind);
    }

    /**
     * Delivers a whole text message to the text handler, converted to its type (not a stream handler's: see
     * {@link IncomingMessages}).
     *
     * @return whether a handler took it
     * @throws DecodeException if it cannot be converted
     * @throws Exception what the handler threw
     */
    boolean text(String text, Coders coders) throws Exception {
        Entry e = handler(Kind.TEXT);
        if (e == null) {
            return false;
        }
        Object message;
        Class<?> t = e.type();
        if (t == String.class) {
            message = text;
        } else if (Types.isPrimitiveLike(t)) {
            try {
                message = Types.fromText(text, t);
            } catch (IllegalArgumentException ex) {
                throw new DecodeException(text, "not a " + t.getName(), ex);
            }
        } else {
            message = coders.decodeText(t, text);
        }
        e.sink().accept(message, true);
        return true;
    }

    /**
     * Delivers a whole binary message to the binary handler, converted to its type (not a stream handler's).
     *
     * @return whether a handler took it
     * @throws DecodeException if it cannot be converted
     * @throws Exception what the handler threw
     */
    boolean binary(ByteBuffer data, Coders coders) throws Exception {
        Entry e = handler(Kind.BINARY);
        if (e == null) {
            return false;
        }
        Object message;
        Class<?> t = e.type();
        if (t == ByteBuffer.class) {
            message = data;
        } else if (t == byte[].class) {
            message = bytes(data);
        } else {
            message = coders.decodeBinary(t, data);
        }
        e.sink().accept(message, true);
        return true;
    }

    /**
     * Delivers a pong to the pong handler.
     *
     * @return whether a handler took it
     * @throws Exception what the handler threw
     */
    boolean pong(ByteBuffer data) throws Exception {
        Entry e = handler(Kind.PONG);
        if (e == null) {
            return false;
        }
        ByteBuffer copy = ByteBuffer.wrap(bytes(data)).asReadOnlyBuffer();
        PongMessage pong = () -> copy.duplicate();
        e.sink().accept(pong, true);
        return true;
    }

    private static byte[] bytes(ByteBuffer data) {
        ByteBuffer d = data.duplicate();
        byte[] b = new byte[d.remaining()];
        d.get(b);
        return b;
    }
}
