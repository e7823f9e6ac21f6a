package net.websocket.hybi00;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import net.websocket.api.CloseCodes;
import net.websocket.api.MessageType;
import net.websocket.api.PayloadType;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;
import net.websocket.hybi00.Hybi00Variant.Framing;
import net.websocket.hybi00.internal.LengthPrefixedEngine;

import org.junit.jupiter.api.Test;

/**
 * Racket's {@code 'new} framing, byte by byte: a type byte, an 8-byte big-endian length, the payload; text delivered
 * as it arrives, other types discarded, the close frame, limits refused before the payload, UTF-8 checked.
 */
class LengthPrefixedEngineTest {

    private static final EngineConfig SERVER = EngineConfig.defaults(EngineConfig.Role.SERVER);

    private static byte[] frame(int type, byte[] payload) {
        return Wire.concat(Wire.of(type), length(payload.length), payload);
    }

    private static byte[] length(long n) {
        return ByteBuffer.allocate(Long.BYTES).putLong(n).array();
    }

    private static byte[] text(String s) {
        return frame(0x00, s.getBytes(StandardCharsets.UTF_8));
    }

    /** Every kind of frame, ending with a close and bytes after it. */
    private static final byte[] STREAM = Wire.concat(
            text("hello"),
            text(""),
            text("h\u00e9llo \u20ac \ud834\udd1e"),
            frame(0x80, Wire.of(0xFF, 0x00, 0x41)), // another type, holding what looks like a close: discarded
            frame(0x05, new byte[300]),
            frame(0x7F, new byte[0]),
            text("after \u00ff"), // U+00FF is C3 BF in UTF-8; a raw 0xFF byte never occurs in text
            frame(0xFF, new byte[0]),
            text("ignored"), Wire.of(0x00, 0x01));

    private static final List<String> EXPECTED = List.of("text:hello", "text:", "text:h\u00e9llo \u20ac \ud834\udd1e",
            "text:after \u00ff", "close:" + CloseCodes.NO_STATUS + ":");

    @Test
    void decodesAWholeStream() {
        FrameEngine engine = new LengthPrefixedEngine(SERVER);
        Recorder r = Recorder.decode(engine, STREAM);
        assertEquals(EXPECTED, r.events);
        assertTrue(engine.inputClosed());
        assertEquals(0, r.pieces.get(1).length, "the empty message is one empty piece");
    }

    @Test
    void decodesTheStreamSplitAtEveryByte() {
        for (int split = 0; split <= STREAM.length; split++) {
            Recorder r = Recorder.decode(new LengthPrefixedEngine(SERVER), Arrays.copyOfRange(STREAM, 0, split),
                    Arrays.copyOfRange(STREAM, split, STREAM.length));
            assertEquals(EXPECTED, r.events, "split at " + split);
        }
    }

    @Test
    void decodesTheStreamOneByteAtATime() {
        FrameEngine engine = new LengthPrefixedEngine(SERVER);
        Recorder r = new Recorder();
        for (byte b : STREAM) {
            engine.decode(ByteBuffer.wrap(new byte[] { b }), r);
        }
        assertEquals(EXPECTED, r.events);
    }

    @Test
    void textIsDeliveredAsItArrivesNotBuffered() {
        FrameEngine engine = new LengthPrefixedEngine(SERVER);
        Recorder r = new Recorder();
        byte[] whole = text("abcdef");
        engine.decode(ByteBuffer.wrap(whole, 0, 9 + 2), r);
        assertEquals(List.of(), r.events);
        assertEquals(2, r.pending(), "the first two bytes are delivered already");
        engine.decode(ByteBuffer.wrap(whole, 11, whole.length - 11), r);
        assertEquals(List.of("text:abcdef"), r.events);
    }

    @Test
    void aFrameOverTheLimitIsRefusedBeforeItsPayload() {
        EngineConfig small = SERVER.withLimits(16, 8);
        // a discarded frame is held to the frame limit
        Recorder r = Recorder.decode(new LengthPrefixedEngine(small), Wire.concat(Wire.of(0x05), length(17)));
        assertEquals(List.of("error:" + CloseCodes.MESSAGE_TOO_BIG), r.events);
        // a text frame to the message limit too, with only its 9 header bytes read
        r = Recorder.decode(new LengthPrefixedEngine(small), Wire.concat(Wire.of(0x00), length(9)));
        assertEquals(List.of("error:" + CloseCodes.MESSAGE_TOO_BIG), r.events);
        // at the limits both pass
        assertEquals(List.of("text:12345678"), Recorder.decode(new LengthPrefixedEngine(small), text("12345678")).events);
        assertEquals(List.of(), Recorder.decode(new LengthPrefixedEngine(small), frame(0x05, new byte[16])).events);
    }

    @Test
    void aLengthWithTheTopBitSetIsRefusedAtItsFirstByte() {
        FrameEngine engine = new LengthPrefixedEngine(SERVER.withLimits(Long.MAX_VALUE, Long.MAX_VALUE));
        Recorder r = Recorder.decode(engine, Wire.of(0x00, 0x80));
        assertEquals(List.of("error:" + CloseCodes.MESSAGE_TOO_BIG), r.events);
        assertTrue(engine.inputClosed());
    }

    @Test
    void invalidUtf8IsRefusedAtTheFirstBadByte() {
        Recorder r = Recorder.decode(new LengthPrefixedEngine(SERVER), frame(0x00, Wire.of('a', 0xC0, 0x80, 'b')));
        assertEquals(List.of("error:" + CloseCodes.INVALID_PAYLOAD), r.events);
        r = Recorder.decode(new LengthPrefixedEngine(SERVER), frame(0x00, Wire.of('a', 0xE2, 0x82)));
        assertEquals(List.of("error:" + CloseCodes.INVALID_PAYLOAD), r.events, "ends inside a character");
        r = Recorder.decode(new LengthPrefixedEngine(SERVER), frame(0x00, Wire.of(0xFF)));
        assertEquals(List.of("error:" + CloseCodes.INVALID_PAYLOAD), r.events);
    }

    @Test
    void aCloseFrameWithAPayloadIsAProtocolError() {
        Recorder r = Recorder.decode(new LengthPrefixedEngine(SERVER), frame(0xFF, Wire.of(0x03, 0xE8)));
        assertEquals(List.of("error:" + CloseCodes.PROTOCOL_ERROR), r.events);
    }

    @Test
    void encodesTextAndCloseFrames() {
        FrameEngine engine = new LengthPrefixedEngine(EngineConfig.defaults(EngineConfig.Role.CLIENT));
        byte[] payload = "h\u00e9\u20ac".getBytes(StandardCharsets.UTF_8);
        assertEquals(9 + payload.length, engine.frameLength(payload.length));
        // little-endian buffers get the same big-endian length
        ByteBuffer out = ByteBuffer.allocate(engine.frameLength(payload.length)).order(ByteOrder.LITTLE_ENDIAN);
        engine.encodeData(PayloadType.TEXT, true, ByteBuffer.wrap(payload), out);
        assertArrayEquals(text("h\u00e9\u20ac"), Wire.bytes(out.flip()));

        ByteBuffer close = ByteBuffer.allocate(FrameEngine.CONTROL_FRAME_MAX);
        engine.encodeClose(1000, "bye", close);
        assertArrayEquals(frame(0xFF, new byte[0]), Wire.bytes(close.flip()));
        assertTrue(engine.outputClosed());
        assertThrows(IllegalStateException.class,
                () -> engine.encodeData(PayloadType.TEXT, true, ByteBuffer.wrap(payload), ByteBuffer.allocate(64)));
    }

    @Test
    void refusesWhatHybi00CannotSend() {
        FrameEngine engine = new LengthPrefixedEngine(SERVER);
        assertFalse(engine.supportsPayloadType(MessageType.BINARY));
        assertFalse(engine.supportsFragmentation());
        assertFalse(engine.supportsPing());
        assertThrows(UnsupportedOperationException.class,
                () -> engine.encodeData(PayloadType.BINARY, true, ByteBuffer.allocate(1), ByteBuffer.allocate(64)));
        assertThrows(UnsupportedOperationException.class,
                () -> engine.encodeData(PayloadType.TEXT, false, ByteBuffer.allocate(1), ByteBuffer.allocate(64)));
        assertThrows(IllegalArgumentException.class, () -> engine.encodeData(PayloadType.TEXT, true,
                ByteBuffer.wrap(Wire.of(0xC0, 0x80)), ByteBuffer.allocate(64)));
    }

    @Test
    void whatOneSideEncodesTheOtherDecodes() {
        FrameEngine client = new LengthPrefixedEngine(EngineConfig.defaults(EngineConfig.Role.CLIENT));
        FrameEngine server = new LengthPrefixedEngine(SERVER);
        ByteBuffer wire = ByteBuffer.allocate(1 << 16);
        for (String s : List.of("one", "", "x".repeat(40_000))) {
            client.encodeData(PayloadType.TEXT, true, ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)), wire);
        }
        client.encodeClose(1000, "", wire);
        Recorder r = new Recorder();
        server.decode(wire.flip(), r);
        assertEquals(List.of("text:one", "text:", "text:" + "x".repeat(40_000), "close:1005:"), r.events);
    }

    @Test
    void theVariantIsConfiguredWithRacketsNames() {
        assertEquals(Framing.SENTINEL, new Hybi00Variant().framing());
        assertEquals(Framing.SENTINEL, new Hybi00Variant(Map.of()).framing());
        assertEquals(Framing.LENGTH_PREFIXED, new Hybi00Variant(Map.of("framing", "new")).framing());
        assertEquals(Framing.SENTINEL, new Hybi00Variant(Map.of("framing", "OLD")).framing());
        assertEquals(Framing.LENGTH_PREFIXED, Framing.parse("length_prefixed"));
        assertThrows(IllegalArgumentException.class, () -> new Hybi00Variant(Map.of("framing", "newest")));
        assertEquals("hybi00 (new framing)", new Hybi00Variant(Framing.LENGTH_PREFIXED).toString());
    }
}
