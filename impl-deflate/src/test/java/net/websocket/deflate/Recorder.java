package net.websocket.deflate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import net.websocket.api.MessageType;
import net.websocket.api.spi.FrameSink;

/**
 * A {@link FrameSink} that reassembles messages and checks the sink contract (first/last flags, one type per
 * message, nothing after the end). Optionally counts bytes without keeping them, for large inputs.
 */
final class Recorder implements FrameSink {

    final List<byte[]> messages = new ArrayList<>();
    final List<MessageType> types = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    int errorCode;
    String errorMessage;
    boolean ended;
    /** Data bytes delivered, in all messages. */
    long delivered;
    /** The largest single piece delivered. */
    int largestPiece;

    private final boolean keep;
    private ByteArrayOutputStream open;
    private MessageType openType;

    Recorder() {
        this(true);
    }

    /** @param keep whether to keep message bytes (false: only count them) */
    Recorder(boolean keep) {
        this.keep = keep;
    }

    @Override
    public void onData(MessageType type, ByteBuffer payload, boolean first, boolean last) {
        assertFalse(ended, "data after the end");
        if (first) {
            assertNull(open, "first piece while a message is open");
            open = new ByteArrayOutputStream();
            openType = type;
        } else {
            assertNotNull(open, "continuing piece without a first one");
            assertEquals(openType, type, "type changed within a message");
        }
        int n = payload.remaining();
        delivered += n;
        largestPiece = Math.max(largestPiece, n);
        if (keep) {
            byte[] b = new byte[n];
            payload.duplicate().get(b);
            open.writeBytes(b);
        }
        if (last) {
            messages.add(open.toByteArray());
            types.add(type);
            events.add(type == MessageType.TEXT ? "TEXT " + new String(open.toByteArray(), StandardCharsets.UTF_8)
                    : "BINARY " + open.size());
            open = null;
        }
    }

    @Override
    public void onPing(ByteBuffer payload) {
        assertFalse(ended);
        events.add("PING " + payload.remaining());
    }

    @Override
    public void onPong(ByteBuffer payload) {
        assertFalse(ended);
        events.add("PONG " + payload.remaining());
    }

    @Override
    public void onClose(int code, String reason) {
        assertFalse(ended);
        ended = true;
        events.add("CLOSE " + code + " " + reason);
    }

    @Override
    public void onProtocolError(int closeCode, String message) {
        assertFalse(ended);
        ended = true;
        errorCode = closeCode;
        errorMessage = message;
        events.add("ERROR " + closeCode);
    }

    /** The texts of the messages received, in order. */
    List<String> texts() {
        List<String> out = new ArrayList<>();
        for (byte[] m : messages) {
            out.add(new String(m, StandardCharsets.UTF_8));
        }
        return out;
    }
}
