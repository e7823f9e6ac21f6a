package net.websocket.hybi00;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import net.websocket.api.CloseCodes;
import net.websocket.api.MessageType;
import net.websocket.api.PayloadType;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;
import net.websocket.hybi00.internal.Hybi00Engine;

import org.junit.jupiter.api.Test;

/** Encoding and the engine's capabilities. */
class EngineEncodeTest {

    private final FrameEngine engine = new Hybi00Engine(EngineConfig.defaults(EngineConfig.Role.CLIENT));

    private static byte[] written(ByteBuffer out) {
        out.flip();
        return Wire.bytes(out);
    }

    @Test
    void declaresItsCapabilities() {
        assertFalse(engine.supportsFragmentation());
        assertTrue(engine.supportsPayloadType(MessageType.TEXT));
        assertFalse(engine.supportsPayloadType(MessageType.BINARY));
        assertFalse(engine.signalsStatusOnClose());
        assertFalse(engine.supportsPing());
        assertEquals(2, engine.frameLength(0));
        assertEquals(102, engine.frameLength(100));
        assertThrows(IllegalArgumentException.class, () -> engine.frameLength(-1));
    }

    @Test
    void writesTextFrames() {
        byte[] payload = "h\u00e9\u20ac".getBytes(StandardCharsets.UTF_8);
        ByteBuffer in = ByteBuffer.wrap(payload);
        ByteBuffer out = ByteBuffer.allocate(engine.frameLength(payload.length));
        engine.encodeData(PayloadType.TEXT, true, in, out);
        assertFalse(in.hasRemaining(), "the payload is used up");
        assertFalse(out.hasRemaining(), "frameLength is exact");
        assertArrayEquals(Wire.concat(Wire.of(0x00), payload, Wire.of(0xFF)), written(out));

        ByteBuffer empty = ByteBuffer.allocate(2);
        engine.encodeData(PayloadType.TEXT, true, ByteBuffer.allocate(0), empty);
        assertArrayEquals(Wire.of(0x00, 0xFF), written(empty));
    }

    @Test
    void rejectsWhatHybi00CannotCarry() {
        ByteBuffer out = ByteBuffer.allocate(64);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> engine.encodeData(PayloadType.BINARY, true, ByteBuffer.allocate(1), out));
        assertEquals("hybi-00 carries text only", e.getMessage());
        e = assertThrows(UnsupportedOperationException.class,
                () -> engine.encodeData(PayloadType.TEXT, false, ByteBuffer.allocate(1), out));
        assertEquals("hybi-00 does not support fragmentation", e.getMessage());
        assertThrows(UnsupportedOperationException.class,
                () -> engine.encodeData(PayloadType.CONTINUATION, true, ByteBuffer.allocate(1), out));
        assertThrows(UnsupportedOperationException.class, () -> engine.encodePing(ByteBuffer.allocate(0), out));
        assertThrows(UnsupportedOperationException.class, () -> engine.encodePong(ByteBuffer.allocate(0), out));
        assertEquals(0, out.position(), "nothing was written");
    }

    @Test
    void rejectsPayloadsThatAreNotUtf8() {
        ByteBuffer out = ByteBuffer.allocate(64);
        assertThrows(IllegalArgumentException.class,
                () -> engine.encodeData(PayloadType.TEXT, true, ByteBuffer.wrap(Wire.of('a', 0xFF, 'b')), out));
        assertThrows(IllegalArgumentException.class,
                () -> engine.encodeData(PayloadType.TEXT, true, ByteBuffer.wrap(Wire.of('a', 0xE2, 0x82)), out));
        assertEquals(0, out.position(), "nothing was written");
    }

    @Test
    void needsRoomForTheWholeFrame() {
        ByteBuffer out = ByteBuffer.allocate(3);
        assertThrows(BufferOverflowException.class,
                () -> engine.encodeData(PayloadType.TEXT, true, ByteBuffer.wrap(Wire.of('a', 'b')), out));
        assertEquals(0, out.position());
    }

    @Test
    void writesTheCloseFrameWithoutStatus() {
        ByteBuffer out = ByteBuffer.allocate(FrameEngine.CONTROL_FRAME_MAX);
        assertFalse(engine.outputClosed());
        engine.encodeClose(CloseCodes.GOING_AWAY, "bye", out);
        assertArrayEquals(Wire.of(0xFF, 0x00), written(out));
        assertTrue(engine.outputClosed());
        assertFalse(engine.inputClosed());
        ByteBuffer more = ByteBuffer.allocate(64);
        assertThrows(IllegalStateException.class,
                () -> engine.encodeData(PayloadType.TEXT, true, ByteBuffer.wrap(Wire.of('a')), more));
        assertThrows(IllegalStateException.class, () -> engine.encodeClose(CloseCodes.NORMAL, "", more));
        assertEquals(0, more.position());
    }
}
