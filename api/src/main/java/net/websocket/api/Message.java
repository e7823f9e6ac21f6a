package net.websocket.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One whole, reassembled WebSocket data message. Immutable.
 *
 * <p>{@link #text()} and {@link #data()} coerce: the text of a binary message is its bytes decoded as UTF-8
 * (malformed input replaced with U+FFFD), the data of a text message is its UTF-8 encoding.
 */
public final class Message {
    private final MessageType type;
    private final String text;
    private final ByteBuffer data;

    private Message(MessageType type, String text, ByteBuffer data) {
        this.type = type;
        this.text = text;
        this.data = data;
    }

    /**
     * A text message.
     *
     * @param text the message's text
     * @return the message
     * @throws NullPointerException if {@code text} is {@code null}
     */
    public static Message text(String text) {
        return new Message(MessageType.TEXT, Objects.requireNonNull(text), null);
    }

    /**
     * A binary message holding {@code data}'s remaining bytes; the buffer is not copied and must not change.
     *
     * @param data the bytes, from the buffer's position to its limit (the position is not changed)
     * @return the message
     */
    public static Message binary(ByteBuffer data) {
        return new Message(MessageType.BINARY, null, data.slice().asReadOnlyBuffer());
    }

    /**
     * A binary message holding a copy-free view of {@code data}, which must not change.
     *
     * @param data the bytes, all of them
     * @return the message
     */
    public static Message binary(byte[] data) {
        return binary(ByteBuffer.wrap(data));
    }

    /** {@return whether this is a text or a binary message} */
    public MessageType type() {
        return type;
    }

    /** {@return whether this is a text message} */
    public boolean isText() {
        return type == MessageType.TEXT;
    }

    /** {@return whether this is a binary message} */
    public boolean isBinary() {
        return type == MessageType.BINARY;
    }

    /** {@return the text; for a binary message, its bytes decoded as UTF-8 (malformed input replaced with U+FFFD)} */
    public String text() {
        if (text != null) {
            return text;
        }
        return StandardCharsets.UTF_8.decode(data.duplicate()).toString();
    }

    /**
     * {@return the payload as a read-only buffer; for a text message, its UTF-8 encoding} A new buffer each time,
     * positioned at the first byte, so that reading it does not change the message.
     */
    public ByteBuffer data() {
        if (data != null) {
            return data.duplicate();
        }
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    }

    /** {@return the payload bytes, copied; for a text message, its UTF-8 encoding} */
    public byte[] bytes() {
        if (data == null) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        ByteBuffer d = data.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    /** {@return the payload length in bytes (UTF-8 bytes for text)} */
    public int length() {
        return data != null ? data.remaining() : text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && m.type == type
                && (type == MessageType.TEXT ? m.text.equals(text) : m.data.equals(data));
    }

    @Override
    public int hashCode() {
        return type == MessageType.TEXT ? text.hashCode() : 31 + data.hashCode();
    }

    @Override
    public String toString() {
        if (type == MessageType.TEXT) {
            return "Message[text, " + (text.length() > 64 ? text.substring(0, 64) + "..." : text) + "]";
        }
        return "Message[binary, " + data.remaining() + " bytes]";
    }
}
