package net.websocket.rfc6455.internal;

import static net.websocket.rfc6455.internal.Wire.concat;
import static net.websocket.rfc6455.internal.Wire.hex;
import static net.websocket.rfc6455.internal.Wire.masked;
import static net.websocket.rfc6455.internal.Wire.unmasked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import net.websocket.api.CloseCodes;
import net.websocket.api.MessageType;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding (RFC 6455 sections 5 and 7) through {@link Rfc6455Engine}, with the input split in every way. */
class FrameDecoderTest {

    /** Chunk sizes every wire example is fed in: whole, one byte at a time, and a few awkward splits. */
    private static final int[] CHUNKS = {Wire.WHOLE, 1, 2, 3, 5, 7, 13};

    private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.US_ASCII);

    /** Decodes {@code wire} with a fresh engine per split and checks that every split gives {@code expected}. */
    private static Recorder expect(EngineConfig config, byte[] wire, String... expected) {
        Recorder whole = null;
        for (int chunk : CHUNKS) {
            Recorder r = Wire.decode(config, wire, chunk);
            assertEquals(List.of(expected), r.events, "chunk size " + chunk);
            if (whole == null) {
                whole = r;
            }
        }
        Recorder direct = Wire.feedDirect(new Rfc6455Engine(config), wire, new Recorder());
        assertEquals(List.of(expected), direct.events, "direct buffer");
        return whole;
    }

    private static byte[] seq(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    // ------------------------------------------------------------------------------------ section 5.7 examples

    @Test
    void singleFrameUnmaskedText() {
        Recorder r = expect(Wire.client(1), hex("81 05 48 65 6c 6c 6f"), "TEXT Hello");
        assertEquals(List.of(new Recorder.Piece(MessageType.TEXT, 5, true, true)), r.pieces);
    }

    @Test
    void singleFrameMaskedText() {
        expect(Wire.server(), hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"), "TEXT Hello");
    }

    @Test
    void fragmentedUnmaskedText() {
        Recorder r = expect(Wire.client(1), hex("01 03 48 65 6c 80 02 6c 6f"), "TEXT Hello");
        assertEquals(List.of(new Recorder.Piece(MessageType.TEXT, 3, true, false),
                new Recorder.Piece(MessageType.TEXT, 2, false, true)), r.pieces);
    }

    @Test
    void unmaskedPing() {
        expect(Wire.client(1), hex("89 05 48 65 6c 6c 6f"), "PING 48656c6c6f");
    }

    @Test
    void maskedPong() {
        expect(Wire.server(), hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58"), "PONG 48656c6c6f");
    }

    @Test
    void binary256BytesUses16BitLength() {
        byte[] data = seq(256);
        byte[] wire = concat(hex("82 7E 01 00"), data);
        expect(Wire.client(1), wire, Recorder.binary(data));
        expect(Wire.server(), masked(0x82, data), Recorder.binary(data));
    }

    @Test
    void binary64KiBUses64BitLength() {
        byte[] data = seq(65536);
        byte[] wire = concat(hex("82 7F 00 00 00 00 00 01 00 00"), data);
        for (int chunk : new int[] {Wire.WHOLE, 1, 1000}) {
            Recorder r = Wire.decode(Wire.client(1), wire, chunk);
            assertEquals(List.of(Recorder.binary(data)), r.events);
            assertTrue(Arrays.equals(data, r.messages.get(0)));
        }
        Recorder r = Wire.decode(Wire.server(), masked(0x82, data), 1);
        assertTrue(Arrays.equals(data, r.messages.get(0)));
    }

    // ---------------------------------------------------------------------------------------- framing details

    @Test
    void nonMinimalLengthsAreAccepted() {
        expect(Wire.client(1), Wire.frame(0x81, HELLO, null, 16), "TEXT Hello");
        expect(Wire.client(1), Wire.frame(0x81, HELLO, null, 64), "TEXT Hello");
        expect(Wire.server(), Wire.frame(0x81, HELLO, Wire.MASK, 64), "TEXT Hello");
        expect(Wire.server(), Wire.frame(0x89, HELLO, Wire.MASK, 16), "PING 48656c6c6f");
    }

    @Test
    void controlFramesInterleaveAFragmentedMessage() {
        byte[] wire = concat(masked(0x01, "Hel".getBytes(StandardCharsets.US_ASCII)), masked(0x89, HELLO),
                masked(0x00, "l".getBytes(StandardCharsets.US_ASCII)), masked(0x8A, new byte[0]),
                masked(0x80, "o".getBytes(StandardCharsets.US_ASCII)));
        expect(Wire.server(), wire, "PING 48656c6c6f", "PONG ", "TEXT Hello");
    }

    @Test
    void emptyMessagesAndEmptyFragments() {
        Recorder r = expect(Wire.server(), masked(0x81, new byte[0]), "TEXT ");
        assertEquals(List.of(new Recorder.Piece(MessageType.TEXT, 0, true, true)), r.pieces);
        expect(Wire.server(), masked(0x82, new byte[0]), Recorder.binary(new byte[0]));

        r = expect(Wire.server(), concat(masked(0x01, new byte[0]), masked(0x00, new byte[0]), masked(0x80, HELLO)),
                "TEXT Hello");
        assertEquals(List.of(new Recorder.Piece(MessageType.TEXT, 5, true, true)), r.pieces);

        r = expect(Wire.server(), concat(masked(0x01, HELLO), masked(0x80, new byte[0])), "TEXT Hello");
        assertEquals(List.of(new Recorder.Piece(MessageType.TEXT, 5, true, false),
                new Recorder.Piece(MessageType.TEXT, 0, false, true)), r.pieces);
    }

    @Test
    void severalFramesInOneBuffer() {
        byte[] wire = concat(unmasked(0x81, HELLO), unmasked(0x82, seq(300)), unmasked(0x89, new byte[0]),
                unmasked(0x81, "é".getBytes(StandardCharsets.UTF_8)), hex("88 02 03 e8"));
        expect(Wire.client(1), wire, "TEXT Hello", Recorder.binary(seq(300)), "PING ", "TEXT é", "CLOSE 1000 ");
    }

    @Test
    void payloadIsDeliveredAsItArrivesNotBuffered() {
        FrameEngine engine = new Rfc6455Engine(Wire.server());
        Recorder r = new Recorder();
        byte[] data = seq(1000);
        byte[] wire = masked(0x82, data);
        int header = wire.length - data.length;
        Wire.feed(engine, Arrays.copyOf(wire, header), Wire.WHOLE, r);
        assertTrue(r.pieces.isEmpty(), "no piece before payload bytes arrive");
        for (int off = header; off < wire.length; off += 100) {
            Wire.feed(engine, Arrays.copyOfRange(wire, off, Math.min(wire.length, off + 100)), Wire.WHOLE, r);
            assertEquals(Math.min(wire.length, off + 100) - header, r.openBytes() + (r.messages.isEmpty() ? 0
                    : r.messages.get(0).length));
        }
        assertEquals(10, r.pieces.size());
        assertTrue(Arrays.equals(data, r.messages.get(0)));
    }

    @Test
    void unmasksInPlaceAndHandsOutViewsOfTheInput() {
        FrameEngine engine = new Rfc6455Engine(Wire.server());
        byte[] wire = masked(0x82, seq(40));
        ByteBuffer in = ByteBuffer.wrap(wire);
        ByteBuffer[] seen = new ByteBuffer[1];
        engine.decode(in, new Recorder() {
            @Override
            public void onData(MessageType type, ByteBuffer payload, boolean first, boolean last) {
                seen[0] = payload;
                super.onData(type, payload, first, last);
            }
        });
        assertTrue(seen[0].hasArray());
        assertTrue(seen[0].array() == wire, "a view of the input, not a copy");
        assertTrue(Arrays.equals(seq(40), Arrays.copyOfRange(wire, wire.length - 40, wire.length)));
    }

    @Test
    void inputWithAnOffsetAndLimitIsRespected() {
        byte[] frame = unmasked(0x81, HELLO);
        byte[] wire = concat(hex("ff ff ff"), frame, hex("ee ee"));
        FrameEngine engine = new Rfc6455Engine(Wire.client(1));
        Recorder r = new Recorder();
        ByteBuffer in = ByteBuffer.wrap(wire, 3, frame.length);
        engine.decode(in, r);
        assertEquals(3 + frame.length, in.position());
        assertEquals(List.of("TEXT Hello"), r.events);
    }

    @Test
    void clientDecodesReadOnlyInput() {
        byte[] text = "κόσμε and some ASCII to go past eight bytes".getBytes(StandardCharsets.UTF_8);
        byte[] wire = concat(unmasked(0x81, text), unmasked(0x82, seq(300)), unmasked(0x89, HELLO));
        for (ByteBuffer in : new ByteBuffer[] {ByteBuffer.wrap(wire).asReadOnlyBuffer(),
            ByteBuffer.allocateDirect(wire.length).put(wire).flip().asReadOnlyBuffer()}) {
            Recorder r = new Recorder();
            new Rfc6455Engine(Wire.client(1)).decode(in, r);
            assertFalse(in.hasRemaining());
            assertEquals(List.of(Recorder.text(new String(text, StandardCharsets.UTF_8)), Recorder.binary(seq(300)),
                    "PING 48656c6c6f"), r.events);
        }
    }

    @Test
    void serverDecodesReadOnlyInputWithoutChangingIt() {
        byte[] text = "κόσμε and some ASCII to go past eight bytes".getBytes(StandardCharsets.UTF_8);
        byte[] big = seq(20_000);
        byte[] wire = concat(masked(0x81, text), masked(0x02, big), masked(0x89, HELLO), masked(0x80, big));
        byte[] original = wire.clone();
        for (int chunk : new int[] {Wire.WHOLE, 1, 9000}) {
            FrameEngine engine = new Rfc6455Engine(Wire.server());
            Recorder r = new Recorder();
            for (int off = 0; off < wire.length; off += chunk) {
                ByteBuffer in = ByteBuffer.wrap(wire, off, Math.min(chunk, wire.length - off)).asReadOnlyBuffer();
                engine.decode(in, r);
                assertFalse(in.hasRemaining());
            }
            assertEquals(List.of(Recorder.text(new String(text, StandardCharsets.UTF_8)), "PING 48656c6c6f",
                    Recorder.binary(concat(big, big))), r.events);
            assertTrue(Arrays.equals(original, wire));
        }
        ByteBuffer direct = ByteBuffer.allocateDirect(wire.length).put(wire).flip().asReadOnlyBuffer();
        Recorder r = new Recorder();
        new Rfc6455Engine(Wire.server()).decode(direct, r);
        assertEquals(3, r.events.size());
        Recorder bad = new Recorder();
        new Rfc6455Engine(Wire.server()).decode(ByteBuffer.wrap(masked(0x81, hex("41 c0 41"))).asReadOnlyBuffer(),
                bad);
        assertEquals(List.of("ERROR 1007"), bad.events);
    }

    @Test
    void aWholeControlPayloadIsReadInPlaceAndACutOneThroughTheDecodersArray() {
        byte[] close = concat(hex("03 e8"), "bye".getBytes(StandardCharsets.UTF_8));
        byte[] wire = concat(masked(0x89, HELLO), masked(0x8A, HELLO), masked(0x88, close));
        List<ByteBuffer> payloads = new java.util.ArrayList<>();
        Recorder r = new Recorder() {
            @Override
            public void onPing(ByteBuffer payload) {
                payloads.add(payload);
                super.onPing(payload);
            }
        };
        byte[] input = wire.clone();
        new Rfc6455Engine(Wire.server()).decode(ByteBuffer.wrap(input), r);
        assertEquals(List.of("PING 48656c6c6f", "PONG 48656c6c6f", "CLOSE 1000 bye"), r.events);
        assertTrue(payloads.get(0).array() == input, "the ping's payload is a view of the input");
        assertEquals(new String(HELLO, StandardCharsets.US_ASCII), new String(input, 6, HELLO.length,
                StandardCharsets.US_ASCII), "unmasked in place");

        // cut between inputs: gathered in the decoder's own array
        Recorder cut = new Recorder() {
            @Override
            public void onPing(ByteBuffer payload) {
                payloads.add(payload);
                super.onPing(payload);
            }
        };
        Wire.feed(new Rfc6455Engine(Wire.server()), wire, 8, cut);
        assertEquals(r.events, cut.events);
        assertEquals(Frames.MAX_CONTROL_PAYLOAD, payloads.get(1).array().length, "the decoder's array");
    }

    // -------------------------------------------------------------------------------------------- close frames

    @Test
    void closeWithoutPayloadIsNoStatus() {
        expect(Wire.server(), masked(0x88, new byte[0]), "CLOSE 1005 ");
        expect(Wire.client(1), hex("88 00"), "CLOSE 1005 ");
    }

    @Test
    void closeWithCodeAndReason() {
        byte[] payload = concat(hex("03 e8"), "bye ✓".getBytes(StandardCharsets.UTF_8));
        expect(Wire.server(), masked(0x88, payload), "CLOSE 1000 bye ✓");
        expect(Wire.client(1), unmasked(0x88, hex("0f a0")), "CLOSE 4000 ");
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000,
            4999})
    void closeCodesValidOnTheWire(int code) {
        expect(Wire.server(), masked(0x88, new byte[] {(byte) (code >>> 8), (byte) code}), "CLOSE " + code + " ");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void closeCodesInvalidOnTheWire(int code) {
        expect(Wire.server(), masked(0x88, new byte[] {(byte) (code >>> 8), (byte) code}), "ERROR 1002");
    }

    @Test
    void closeWithOneBytePayloadIsAProtocolError() {
        expect(Wire.server(), masked(0x88, hex("03")), "ERROR 1002");
        // detected from the header alone
        Recorder r = Wire.decode(Wire.client(1), hex("88 01"), Wire.WHOLE);
        assertEquals(List.of("ERROR 1002"), r.events);
    }

    @Test
    void closeReasonMustBeUtf8() {
        expect(Wire.server(), masked(0x88, hex("03 e8 ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64")),
                "ERROR 1007");
        expect(Wire.server(), masked(0x88, hex("03 e8 e2 82")), "ERROR 1007");
        expect(Wire.server(), masked(0x88, hex("03 e8 ff")), "ERROR 1007");
    }

    @Test
    void closeReasonOfMaximumLength() {
        byte[] reason = new byte[123];
        Arrays.fill(reason, (byte) 'r');
        expect(Wire.server(), masked(0x88, concat(hex("03 e8"), reason)),
                "CLOSE 1000 " + new String(reason, StandardCharsets.US_ASCII));
    }

    @Test
    void inputAfterCloseIsConsumedAndIgnored() {
        FrameEngine engine = new Rfc6455Engine(Wire.server());
        Recorder r = new Recorder();
        assertFalse(engine.inputClosed());
        ByteBuffer in = ByteBuffer.wrap(concat(masked(0x88, hex("03 e8")), masked(0x81, HELLO), hex("ff ff")));
        engine.decode(in, r);
        assertFalse(in.hasRemaining());
        assertTrue(engine.inputClosed());
        ByteBuffer more = ByteBuffer.wrap(masked(0x81, HELLO));
        engine.decode(more, r);
        assertFalse(more.hasRemaining());
        assertEquals(List.of("CLOSE 1000 "), r.events);
    }

    @Test
    void inputAfterErrorIsConsumedAndIgnored() {
        FrameEngine engine = new Rfc6455Engine(Wire.server());
        Recorder r = new Recorder();
        ByteBuffer in = ByteBuffer.wrap(concat(hex("83"), masked(0x81, HELLO)));
        engine.decode(in, r);
        assertFalse(in.hasRemaining());
        assertTrue(engine.inputClosed());
        Wire.feed(engine, masked(0x88, new byte[0]), Wire.WHOLE, r);
        assertEquals(List.of("ERROR 1002"), r.events);
    }

    // ---------------------------------------------------------------------------------------- protocol errors

    /** Checks that the error is raised by the first {@code after} bytes alone, and by the whole input. */
    private static void protocolError(EngineConfig config, byte[] wire, int after, int code) {
        expect(config, wire, "ERROR " + code);
        Recorder r = Wire.decode(config, Arrays.copyOf(wire, after), 1);
        assertEquals(List.of("ERROR " + code), r.events, "raised after " + after + " bytes");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x10, 0x20, 0x40, 0x70})
    void reservedBitsAreProtocolErrors(int rsv) {
        protocolError(Wire.server(), masked(0x81 | rsv, HELLO), 1, CloseCodes.PROTOCOL_ERROR);
        protocolError(Wire.server(), masked(0x82 | rsv, HELLO), 1, CloseCodes.PROTOCOL_ERROR);
        protocolError(Wire.server(), masked(0x89 | rsv, HELLO), 1, CloseCodes.PROTOCOL_ERROR);
        protocolError(Wire.client(1), unmasked(0x80 | rsv, HELLO), 1, CloseCodes.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void reservedOpcodesAreProtocolErrors(int opcode) {
        protocolError(Wire.server(), masked(0x80 | opcode, HELLO), 1, CloseCodes.PROTOCOL_ERROR);
        protocolError(Wire.server(), masked(opcode, new byte[0]), 1, CloseCodes.PROTOCOL_ERROR);
        protocolError(Wire.client(1), unmasked(0x80 | opcode, new byte[0]), 1, CloseCodes.PROTOCOL_ERROR);
    }

    @Test
    void reservedOpcodeAfterAValidFrame() {
        expect(Wire.server(), concat(masked(0x81, HELLO), masked(0x83, new byte[0]), masked(0x89, new byte[0])),
                "TEXT Hello", "ERROR 1002");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x08, 0x09, 0x0A})
    void fragmentedControlFramesAreProtocolErrors(int opcode) {
        protocolError(Wire.server(), masked(opcode, HELLO), 1, CloseCodes.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x88, 0x89, 0x8A})
    void controlFramesLongerThan125AreProtocolErrors(int firstByte) {
        byte[] payload = new byte[126];
        payload[0] = 0x03;
        payload[1] = (byte) 0xE8;
        protocolError(Wire.server(), masked(firstByte, payload), 4, CloseCodes.PROTOCOL_ERROR);
        protocolError(Wire.client(1), unmasked(firstByte, payload), 4, CloseCodes.PROTOCOL_ERROR);
        protocolError(Wire.client(1), Wire.frame(firstByte, payload, null, 64), 10, CloseCodes.PROTOCOL_ERROR);
        // 125 is fine
        Recorder r = Wire.decode(Wire.server(), masked(firstByte, Arrays.copyOf(payload, 125)), 1);
        assertFalse(r.events.get(0).startsWith("ERROR"), r.events.toString());
    }

    @Test
    void continuationWithoutAMessageIsAProtocolError() {
        protocolError(Wire.server(), masked(0x80, HELLO), 1, CloseCodes.PROTOCOL_ERROR);
        protocolError(Wire.server(), masked(0x00, HELLO), 1, CloseCodes.PROTOCOL_ERROR);
        // after a complete message, too
        expect(Wire.server(), concat(masked(0x81, HELLO), masked(0x80, HELLO)), "TEXT Hello", "ERROR 1002");
    }

    @Test
    void newMessageWhileAFragmentedOneIsOpenIsAProtocolError() {
        expect(Wire.server(), concat(masked(0x01, HELLO), masked(0x81, HELLO)), "ERROR 1002");
        expect(Wire.server(), concat(masked(0x02, HELLO), masked(0x02, HELLO)), "ERROR 1002");
        expect(Wire.server(), concat(masked(0x01, HELLO), masked(0x89, HELLO), masked(0x82, HELLO)),
                "PING 48656c6c6f", "ERROR 1002");
    }

    @Test
    void serverRequiresMaskedFrames() {
        protocolError(Wire.server(), unmasked(0x81, HELLO), 2, CloseCodes.PROTOCOL_ERROR);
        protocolError(Wire.server(), unmasked(0x89, new byte[0]), 2, CloseCodes.PROTOCOL_ERROR);
        protocolError(Wire.server(), unmasked(0x88, new byte[0]), 2, CloseCodes.PROTOCOL_ERROR);
    }

    @Test
    void clientRejectsMaskedFrames() {
        protocolError(Wire.client(1), masked(0x81, HELLO), 2, CloseCodes.PROTOCOL_ERROR);
        protocolError(Wire.client(1), masked(0x8A, new byte[0]), 2, CloseCodes.PROTOCOL_ERROR);
    }

    @Test
    void sixtyFourBitLengthWithTheHighBitIsAProtocolError() {
        protocolError(Wire.client(1), hex("82 7F 80 00 00 00 00 00 00 05 01 02 03 04 05"), 10,
                CloseCodes.PROTOCOL_ERROR);
        protocolError(Wire.server(), hex("82 FF FF FF FF FF FF FF FF FF 01 02 03 04"), 10,
                CloseCodes.PROTOCOL_ERROR);
    }

    // ------------------------------------------------------------------------------------------------- limits

    @Test
    void frameOverTheLimitFailsBeforeItsPayload() {
        EngineConfig config = Wire.server(100, 1000);
        expect(config, masked(0x82, seq(100)), Recorder.binary(seq(100)));
        // 7-bit length: the error comes with the second byte, before mask and payload
        protocolError(config, masked(0x82, seq(101)), 4, CloseCodes.MESSAGE_TOO_BIG);
        Recorder r = Wire.decode(config, Arrays.copyOf(masked(0x82, seq(101)), 4), 1);
        assertEquals(List.of("ERROR 1009"), r.events);
        assertTrue(r.pieces.isEmpty());
        // 64-bit length announcing a huge frame: fails after the 10 header bytes
        Recorder big = Wire.decode(config, hex("82 FF 00 00 00 01 00 00 00 00"), 1);
        assertEquals(List.of("ERROR 1009"), big.events);
        Recorder text = Wire.decode(Wire.client(10, 1000), hex("81 7E 00 0B"), 1);
        assertEquals(List.of("ERROR 1009"), text.events);
    }

    @Test
    void messageOverTheLimitFailsAtTheHeaderOfTheFrameThatExceedsIt() {
        EngineConfig config = Wire.server(1000, 100);
        expect(config, concat(masked(0x02, seq(60)), masked(0x80, seq(40))),
                Recorder.binary(concat(seq(60), seq(40))));
        byte[] first = masked(0x02, seq(60));
        byte[] secondHeader = Arrays.copyOf(masked(0x80, seq(41)), 2);
        Recorder r = Wire.decode(config, concat(first, secondHeader), 1);
        assertEquals(List.of("ERROR 1009"), r.events);
        assertEquals(60, r.openBytes());
        // a single frame over the message limit
        protocolError(config, masked(0x81, seq(101)), 2, CloseCodes.MESSAGE_TOO_BIG);
        // the count restarts with each message
        expect(config, concat(masked(0x82, seq(100)), masked(0x82, seq(100))), Recorder.binary(seq(100)),
                Recorder.binary(seq(100)));
    }

    @Test
    void controlFramesAreNotSubjectToTheDataLimits() {
        expect(Wire.server(10, 10), masked(0x89, seq(125)), "PING " + Wire.hex(seq(125)));
    }

    // --------------------------------------------------------------------------------------------------- UTF-8

    private static final String MIXED = "aé€𝄞z κόσμε ﻿\u007f\u0080\u07ff\u0800\uffff\ud800\udc00\udbff\udfff";

    @Test
    void validMultiByteTextSplitAtEveryPosition() {
        byte[] text = MIXED.getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= text.length; split++) {
            byte[] wire = concat(masked(0x01, Arrays.copyOf(text, split)),
                    masked(0x80, Arrays.copyOfRange(text, split, text.length)));
            for (int chunk : new int[] {Wire.WHOLE, 1}) {
                assertEquals(List.of(Recorder.text(MIXED)), Wire.decode(Wire.server(), wire, chunk).events,
                        "split at " + split);
            }
        }
        for (int a = 0; a <= text.length; a++) {
            for (int b = a; b <= text.length; b++) {
                byte[] wire = concat(unmasked(0x01, Arrays.copyOf(text, a)),
                        unmasked(0x00, Arrays.copyOfRange(text, a, b)),
                        unmasked(0x80, Arrays.copyOfRange(text, b, text.length)));
                assertEquals(List.of(Recorder.text(MIXED)), Wire.decode(Wire.client(1), wire, Wire.WHOLE).events);
            }
        }
    }

    @Test
    void validTextInOneFrameByteByByte() {
        expect(Wire.server(), masked(0x81, MIXED.getBytes(StandardCharsets.UTF_8)), Recorder.text(MIXED));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "c0 af", "c1 bf", "e0 80 af", "e0 9f bf", "f0 80 80 af", "f0 8f bf bf", // overlong
            "ed a0 80", "ed bf bf", "ed ad bf", // surrogates
            "f4 90 80 80", "f5 80 80 80", "f8 88 80 80 80", "fc 84 80 80 80 80", "fe", "ff", // too high
            "80", "bf", "41 80 41", "c2 41", "e2 82 41", "f0 9f 98 41", // stray or missing continuations
            "ce ba e1 bd b9 cf 83 ce bc ce b5 f4 90 80 80 65 64 69 74 65 64"})
    void invalidTextIsInvalidPayload(String bytes) {
        expect(Wire.server(), masked(0x81, hex(bytes)), "ERROR 1007");
        expect(Wire.client(1), concat(unmasked(0x01, hex("41")), unmasked(0x80, hex(bytes))), "ERROR 1007");
    }

    @ParameterizedTest
    @ValueSource(strings = {"c2", "e2 82", "e2", "f0 9f 98", "f4 8f bf", "41 42 e2 82"})
    void textEndingInsideACharacterIsInvalidPayload(String bytes) {
        expect(Wire.server(), masked(0x81, hex(bytes)), "ERROR 1007");
        expect(Wire.server(), concat(masked(0x01, hex(bytes)), masked(0x80, new byte[0])), "ERROR 1007");
    }

    @Test
    void characterSplitAcrossFragmentsIsValid() {
        expect(Wire.server(), concat(masked(0x01, hex("e2 82")), masked(0x00, new byte[0]), masked(0x89, HELLO),
                masked(0x80, hex("ac"))), "PING 48656c6c6f", "TEXT €");
    }

    @Test
    void binaryIsNotValidated() {
        expect(Wire.server(), masked(0x82, hex("ff fe c0 af ed a0 80")), Recorder.binary(hex("ff fe c0 af ed a0 80")));
    }

    @Test
    void invalidUtf8FailsAtTheFirstBadByteBeforeTheFrameEnds() {
        byte[] payload = new byte[200];
        Arrays.fill(payload, (byte) 'x');
        payload[50] = (byte) 0xC0; // can never start a character
        byte[] wire = masked(0x81, payload);
        int header = wire.length - payload.length;
        Recorder r = Wire.decode(Wire.server(), Arrays.copyOf(wire, header + 51), 1);
        assertEquals(List.of("ERROR 1007"), r.events);

        // fails on the first byte of the next fragment when it cannot continue the character
        byte[] two = concat(masked(0x01, hex("41 e2 82")), masked(0x80, hex("28 41 41 41 41")));
        int secondHeader = masked(0x80, new byte[0]).length;
        r = Wire.decode(Wire.server(), Arrays.copyOf(two, masked(0x01, hex("41 e2 82")).length + secondHeader + 1), 1);
        assertEquals(List.of("ERROR 1007"), r.events);

        // a code point above U+10FFFF is known bad at its second byte
        byte[] high = masked(0x81, hex("41 f4 90 80 80 41"));
        r = Wire.decode(Wire.server(), Arrays.copyOf(high, high.length - 3), 1);
        assertEquals(List.of("ERROR 1007"), r.events);
    }

    @Test
    void validPrefixesAreDeliveredBeforeTheMessageEnds() {
        FrameEngine engine = new Rfc6455Engine(Wire.client(1));
        Recorder r = new Recorder();
        byte[] wire = unmasked(0x81, "κόσμε".getBytes(StandardCharsets.UTF_8));
        Wire.feed(engine, Arrays.copyOf(wire, 5), 1, r);
        assertTrue(r.messageOpen());
        assertEquals(3, r.openBytes());
        Wire.feed(engine, Arrays.copyOfRange(wire, 5, wire.length), 1, r);
        assertEquals(List.of("TEXT κόσμε"), r.events);
    }
}
