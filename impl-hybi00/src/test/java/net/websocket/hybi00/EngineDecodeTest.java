package net.websocket.hybi00;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import net.websocket.api.CloseCodes;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;
import net.websocket.hybi00.internal.Hybi00Engine;

import org.junit.jupiter.api.Test;

/** Decoding: text delivery, discarded frames, the close frame, UTF-8 and size limits, splits at every byte. */
class EngineDecodeTest {

    private static final EngineConfig SERVER = EngineConfig.defaults(EngineConfig.Role.SERVER);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] text(String s) {
        return Wire.concat(Wire.of(0x00), utf8(s), Wire.of(0xFF));
    }

    /** A stream with every kind of frame, ending with a close and bytes after it. */
    private static final byte[] STREAM = Wire.concat(
            text("hello"),
            text(""),
            text("h\u00e9llo \u20ac \ud834\udd1e"),
            Wire.of(0x80, 0x03, 0xFF, 0x00, 0x41), // length-prefixed, holding a sentinel and a zero: discarded
            Wire.of(0x81, 0x81, 0x01), new byte[129], // length 1*128+1 = 129: discarded
            Wire.of(0xFF, 0x02, 0xFF, 0x00), // type 0xFF with a non-zero length is not a close
            Wire.of(0x05), utf8("junk\u0000"), Wire.of(0xFF), // unknown sentinel frame: discarded
            Wire.of(0x7F, 0xFF), // empty unknown sentinel frame
            Wire.of(0x80, 0x00), // empty length-prefixed frame
            text("after"),
            Wire.of(0xFF, 0x00),
            text("ignored"), Wire.of(0x00, 0xC0));

    private static final List<String> EXPECTED = List.of("text:hello", "text:", "text:h\u00e9llo \u20ac \ud834\udd1e",
            "text:after", "close:" + CloseCodes.NO_STATUS + ":");

    @Test
    void decodesAWholeStream() {
        FrameEngine engine = new Hybi00Engine(SERVER);
        Recorder r = Recorder.decode(engine, STREAM);
        assertEquals(EXPECTED, r.events);
        assertTrue(engine.inputClosed());
        // the empty message is one empty piece with both flags
        assertEquals(0, r.pieces.get(1).length);
    }

    @Test
    void decodesTheStreamSplitAtEveryByte() {
        for (int split = 0; split <= STREAM.length; split++) {
            FrameEngine engine = new Hybi00Engine(SERVER);
            Recorder r = Recorder.decode(engine, Arrays.copyOfRange(STREAM, 0, split),
                    Arrays.copyOfRange(STREAM, split, STREAM.length));
            assertEquals(EXPECTED, r.events, "split at " + split);
        }
    }

    @Test
    void decodesTheStreamOneByteAtATime() {
        FrameEngine engine = new Hybi00Engine(SERVER);
        byte[][] single = new byte[STREAM.length][];
        for (int i = 0; i < STREAM.length; i++) {
            single[i] = new byte[] {STREAM[i]};
        }
        Recorder r = Recorder.decode(engine, single);
        assertEquals(EXPECTED, r.events);
    }

    @Test
    void deliversTextAsItArrives() {
        FrameEngine engine = new Hybi00Engine(SERVER);
        Recorder r = new Recorder();
        engine.decode(ByteBuffer.wrap(Wire.concat(Wire.of(0x00), utf8("ab\u20ac"), Wire.of(0xE2))), r);
        // no message yet, but its bytes so far were handed over, even the one that starts a character
        assertEquals(List.of(), r.events);
        assertEquals(6, r.pending());
        engine.decode(ByteBuffer.wrap(Wire.of(0x82)), r);
        engine.decode(ByteBuffer.wrap(Wire.of(0xAC, 0xFF)), r);
        assertEquals(List.of("text:ab\u20ac\u20ac"), r.events);
        assertEquals(3, r.pieces.size());
    }

    @Test
    void failsFastOnInvalidUtf8() {
        List<byte[]> bad = List.of(
                Wire.of(0xC3, 0x28), // a lead byte without its continuation
                Wire.of(0x80), // a stray continuation byte
                Wire.of(0xC0, 0x80), // overlong NUL
                Wire.of(0xE0, 0x80, 0x80), // overlong 3-byte form
                Wire.of(0xF0, 0x80, 0x80, 0x80), // overlong 4-byte form
                Wire.of(0xED, 0xA0, 0x80), // a surrogate
                Wire.of(0xF4, 0x90, 0x80, 0x80), // above U+10FFFF
                Wire.of(0xF5), // never a lead byte
                Wire.of(0xFE));
        for (byte[] b : bad) {
            FrameEngine engine = new Hybi00Engine(SERVER);
            Recorder r = new Recorder();
            engine.decode(ByteBuffer.wrap(Wire.concat(Wire.of(0x00), utf8("ok"))), r);
            assertEquals(List.of(), r.events);
            // no terminating sentinel needed: the first bad byte fails the message
            ByteBuffer in = ByteBuffer.wrap(Wire.concat(b, utf8("more"), Wire.of(0xFF)));
            engine.decode(in, r);
            assertEquals(List.of("error:" + CloseCodes.INVALID_PAYLOAD), r.events, Arrays.toString(b));
            assertFalse(in.hasRemaining());
            assertTrue(engine.inputClosed());
            // later input is ignored
            engine.decode(ByteBuffer.wrap(text("x")), r);
            assertEquals(1, r.events.size());
        }
    }

    @Test
    void failsATextMessageThatEndsInsideACharacter() {
        FrameEngine engine = new Hybi00Engine(SERVER);
        Recorder r = Recorder.decode(engine, Wire.of(0x00, 0xE2, 0x82), Wire.of(0xFF));
        assertEquals(List.of("error:" + CloseCodes.INVALID_PAYLOAD), r.events);
    }

    @Test
    void closesOnFfWithAnyEncodingOfLengthZero() {
        FrameEngine engine = new Hybi00Engine(SERVER);
        Recorder r = Recorder.decode(engine, Wire.of(0xFF, 0x80, 0x00));
        assertEquals(List.of("close:1005:"), r.events);
        assertTrue(engine.inputClosed());
        assertFalse(engine.outputClosed(), "receiving a close does not send one");
    }

    @Test
    void limitsTheTextMessageSize() {
        EngineConfig small = SERVER.withLimits(1_000, 5);
        assertEquals(List.of("text:abcde"), Recorder.decode(new Hybi00Engine(small), text("abcde")).events);

        FrameEngine engine = new Hybi00Engine(small);
        Recorder r = new Recorder();
        engine.decode(ByteBuffer.wrap(Wire.concat(Wire.of(0x00), utf8("abc"))), r);
        assertEquals(List.of(), r.events);
        // the sixth byte fails the message before any sentinel arrives
        engine.decode(ByteBuffer.wrap(utf8("def")), r);
        assertEquals(List.of("error:" + CloseCodes.MESSAGE_TOO_BIG), r.events);
        assertEquals(3, r.pending(), "the bytes past the limit were not delivered");
    }

    @Test
    void limitsDiscardedSentinelFrames() {
        EngineConfig small = SERVER.withLimits(1_000, 5);
        assertEquals(List.of("text:x"), Recorder.decode(new Hybi00Engine(small), Wire.of(0x01, 1, 2, 3, 4, 5, 0xFF),
                text("x")).events);
        assertEquals(List.of("error:" + CloseCodes.MESSAGE_TOO_BIG),
                Recorder.decode(new Hybi00Engine(small), Wire.of(0x01, 1, 2, 3, 4, 5, 6)).events);
    }

    @Test
    void limitsLengthPrefixedFramesBeforeReadingThem() {
        EngineConfig small = SERVER.withLimits(200, 5);
        // 200 bytes (1*128 + 72) is within the frame limit, though above the message limit: discarded
        assertEquals(List.of("text:x"), Recorder.decode(new Hybi00Engine(small), Wire.of(0x80, 0x81, 72), new byte[200],
                text("x")).events);
        // 201 fails as soon as the length is read
        FrameEngine engine = new Hybi00Engine(small);
        Recorder r = Recorder.decode(engine, Wire.of(0x80, 0x81, 73));
        assertEquals(List.of("error:" + CloseCodes.MESSAGE_TOO_BIG), r.events);
        // a length that only grows fails at the digit that passes the limit
        r = Recorder.decode(new Hybi00Engine(small), Wire.of(0x80, 0x82, 0x80));
        assertEquals(List.of("error:" + CloseCodes.MESSAGE_TOO_BIG), r.events);
    }

    @Test
    void guardsAgainstLengthOverflow() {
        EngineConfig huge = SERVER.withLimits(Long.MAX_VALUE, Long.MAX_VALUE);
        byte[] endless = new byte[30];
        Arrays.fill(endless, (byte) 0xFF);
        endless[0] = (byte) 0x80;
        Recorder r = Recorder.decode(new Hybi00Engine(huge), endless);
        assertEquals(List.of("error:" + CloseCodes.MESSAGE_TOO_BIG), r.events);
        assertTrue(r.errorMessage.contains("63 bits"), r.errorMessage);
    }
}
