package net.websocket.hybi00;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import net.websocket.api.MessageType;
import net.websocket.api.spi.FrameEngine;
import net.websocket.api.spi.FrameSink;

/**
 * A sink that reassembles messages and records events as strings ({@code text:<message>},
 * {@code close:<code>:<reason>}, {@code error:<code>}), checking the piece flags and that nothing follows a close or
 * an error.
 */
final class Recorder implements FrameSink {

    final List<String> events = new ArrayList<>();
    /** Every onData call, as delivered. */
    final List<byte[]> pieces = new ArrayList<>();
    String errorMessage;

    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private boolean inMessage;
    private boolean finished;

    @Override
    public void onData(MessageType type, ByteBuffer payload, boolean first, boolean last) {
        assertFalse(finished, "data after close or error");
        assertEquals(MessageType.TEXT, type);
        assertEquals(!inMessage, first, "first flag");
        byte[] b = new byte[payload.remaining()];
        payload.get(b);
        pieces.add(b);
        message.writeBytes(b);
        inMessage = !last;
        if (last) {
            events.add("text:" + new String(message.toByteArray(), StandardCharsets.UTF_8));
            message.reset();
        }
    }

    @Override
    public void onPing(ByteBuffer payload) {
        fail("hybi-00 has no ping");
    }

    @Override
    public void onPong(ByteBuffer payload) {
        fail("hybi-00 has no pong");
    }

    @Override
    public void onClose(int code, String reason) {
        assertFalse(finished, "second close");
        finished = true;
        events.add("close:" + code + ":" + reason);
    }

    @Override
    public void onProtocolError(int closeCode, String message) {
        assertFalse(finished, "event after close or error");
        assertTrue(message != null && !message.isEmpty());
        finished = true;
        errorMessage = message;
        events.add("error:" + closeCode);
    }

    /** Decodes the chunks in turn into a new recorder, checking that each is used up. */
    static Recorder decode(FrameEngine engine, byte[]... chunks) {
        Recorder r = new Recorder();
        for (byte[] chunk : chunks) {
            ByteBuffer in = ByteBuffer.wrap(chunk);
            engine.decode(in, r);
            assertFalse(in.hasRemaining(), "decode uses up its input");
        }
        return r;
    }

    /** Bytes of the message in progress. */
    int pending() {
        return message.size();
    }
}
