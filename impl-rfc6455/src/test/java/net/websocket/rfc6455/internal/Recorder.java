package net.websocket.rfc6455.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import net.websocket.api.MessageType;
import net.websocket.api.spi.FrameSink;

/**
 * A {@link FrameSink} that reassembles data pieces into messages and records every event as a string, checking the
 * sink contract as it goes: first/last flags consistent, one type per message, nothing after close or error.
 */
class Recorder implements FrameSink {

    /** One onData call. */
    record Piece(MessageType type, int length, boolean first, boolean last) {
    }

    final List<String> events = new ArrayList<>();
    final List<byte[]> messages = new ArrayList<>();
    final List<Piece> pieces = new ArrayList<>();
    String errorMessage;
    boolean ended;

    private ByteArrayOutputStream open;
    private MessageType openType;

    /** How a binary message appears in {@link #events}. */
    static String binary(byte[] data) {
        return "BINARY " + data.length + " #" + Integer.toHexString(Arrays.hashCode(data));
    }

    static String text(String s) {
        return "TEXT " + s;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Override
    public void onData(MessageType type, ByteBuffer payload, boolean first, boolean last) {
        assertFalse(ended, "data after the end");
        assertNotNull(type);
        if (first) {
            assertNull(open, "first piece while a message is open");
            open = new ByteArrayOutputStream();
            openType = type;
        } else {
            assertNotNull(open, "continuing piece without a first one");
            assertEquals(openType, type, "type changed within a message");
        }
        byte[] b = bytes(payload);
        pieces.add(new Piece(type, b.length, first, last));
        open.writeBytes(b);
        if (last) {
            byte[] m = open.toByteArray();
            messages.add(m);
            events.add(type == MessageType.TEXT ? text(new String(m, StandardCharsets.UTF_8)) : binary(m));
            open = null;
        }
    }

    @Override
    public void onPing(ByteBuffer payload) {
        assertFalse(ended, "ping after the end");
        events.add("PING " + HexFormat.of().formatHex(bytes(payload)));
    }

    @Override
    public void onPong(ByteBuffer payload) {
        assertFalse(ended, "pong after the end");
        events.add("PONG " + HexFormat.of().formatHex(bytes(payload)));
    }

    @Override
    public void onClose(int code, String reason) {
        assertFalse(ended, "close after the end");
        ended = true;
        events.add("CLOSE " + code + " " + reason);
    }

    @Override
    public void onProtocolError(int closeCode, String message) {
        assertFalse(ended, "error after the end");
        assertNotNull(message);
        ended = true;
        errorMessage = message;
        events.add("ERROR " + closeCode);
    }

    /** Whether a message has pieces delivered but not yet its last. */
    boolean messageOpen() {
        return open != null;
    }

    /** The bytes of the open message so far. */
    int openBytes() {
        return open == null ? 0 : open.size();
    }
}
