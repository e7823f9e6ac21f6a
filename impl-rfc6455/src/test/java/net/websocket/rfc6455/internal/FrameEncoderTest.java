package net.websocket.rfc6455.internal;

import static net.websocket.rfc6455.internal.Wire.concat;
import static net.websocket.rfc6455.internal.Wire.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import net.websocket.api.CloseCodes;
import net.websocket.api.MessageType;
import net.websocket.api.PayloadType;
import net.websocket.api.codec.Utf8;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;

import org.junit.jupiter.api.Test;

/** Encoding through {@link Rfc6455Engine}: the section 5.7 examples byte for byte, lengths, state and close. */
class FrameEncoderTest {

    private static final int RFC_MASK = 0x37FA213D;

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** Encodes one data frame into an exactly sized buffer and returns the bytes. */
    private static byte[] data(FrameEngine engine, PayloadType type, boolean fin, ByteBuffer payload) {
        int n = payload.remaining();
        ByteBuffer out = ByteBuffer.allocate(engine.frameLength(n));
        engine.encodeData(type, fin, payload, out);
        assertFalse(out.hasRemaining(), "frameLength is exact");
        assertFalse(payload.hasRemaining(), "payload consumed");
        return out.array();
    }

    private static byte[] control(FrameEngine engine, int opcode, ByteBuffer payload) {
        ByteBuffer out = ByteBuffer.allocate(FrameEngine.CONTROL_FRAME_MAX);
        if (opcode == Frames.PING) {
            engine.encodePing(payload, out);
        } else {
            engine.encodePong(payload, out);
        }
        assertFalse(payload.hasRemaining(), "payload consumed");
        return Arrays.copyOf(out.array(), out.position());
    }

    private static byte[] close(FrameEngine engine, int code, String reason) {
        ByteBuffer out = ByteBuffer.allocate(FrameEngine.CONTROL_FRAME_MAX);
        engine.encodeClose(code, reason, out);
        return Arrays.copyOf(out.array(), out.position());
    }

    private static FrameEngine server() {
        return new Rfc6455Engine(Wire.server());
    }

    private static FrameEngine client() {
        return new Rfc6455Engine(Wire.client(RFC_MASK));
    }

    // ------------------------------------------------------------------------------------ section 5.7 examples

    @Test
    void singleFrameUnmaskedText() {
        assertArrayEquals(hex("81 05 48 65 6c 6c 6f"), data(server(), PayloadType.TEXT, true, ascii("Hello")));
    }

    @Test
    void singleFrameMaskedText() {
        ByteBuffer payload = ascii("Hello");
        assertArrayEquals(hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"), data(client(), PayloadType.TEXT, true, payload));
        assertArrayEquals("Hello".getBytes(StandardCharsets.US_ASCII), payload.array(), "payload unchanged");
    }

    @Test
    void fragmentedUnmaskedText() {
        FrameEngine e = server();
        assertArrayEquals(hex("01 03 48 65 6c"), data(e, PayloadType.TEXT, false, ascii("Hel")));
        assertArrayEquals(hex("80 02 6c 6f"), data(e, PayloadType.CONTINUATION, true, ascii("lo")));
    }

    @Test
    void unmaskedPingAndMaskedPong() {
        assertArrayEquals(hex("89 05 48 65 6c 6c 6f"), control(server(), Frames.PING, ascii("Hello")));
        assertArrayEquals(hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58"), control(client(), Frames.PONG, ascii("Hello")));
    }

    @Test
    void binaryLengthForms() {
        byte[] b256 = data(server(), PayloadType.BINARY, true, ByteBuffer.allocate(256));
        assertArrayEquals(hex("82 7E 01 00"), Arrays.copyOf(b256, 4));
        assertEquals(4 + 256, b256.length);
        byte[] b64k = data(server(), PayloadType.BINARY, true, ByteBuffer.allocate(65536));
        assertArrayEquals(hex("82 7F 00 00 00 00 00 01 00 00"), Arrays.copyOf(b64k, 10));
        assertEquals(10 + 65536, b64k.length);
        byte[] c256 = data(client(), PayloadType.BINARY, true, ByteBuffer.allocate(256));
        assertArrayEquals(hex("82 FE 01 00 37 fa 21 3d 37 fa 21 3d"), Arrays.copyOf(c256, 12));
    }

    @Test
    void frameLengthIsExactForEveryLengthForm() {
        int[][] cases = {{0, 2}, {1, 3}, {125, 127}, {126, 130}, {65535, 65539}, {65536, 65546},
            {1 << 20, (1 << 20) + 10}};
        for (int[] c : cases) {
            assertEquals(c[1], server().frameLength(c[0]), "server " + c[0]);
            assertEquals(c[1] + 4, client().frameLength(c[0]), "client " + c[0]);
        }
        assertThrows(IllegalArgumentException.class, () -> server().frameLength(-1));
        assertThrows(IllegalArgumentException.class, () -> server().frameLength(Integer.MAX_VALUE));
        for (int n : new int[] {0, 125, 126, 65535, 65536}) {
            data(server(), PayloadType.BINARY, true, ByteBuffer.allocate(n));
            data(client(), PayloadType.BINARY, true, ByteBuffer.allocate(n));
        }
    }

    // ------------------------------------------------------------------------------------------------ masking

    @Test
    void clientDrawsAFreshKeyPerFrame() {
        AtomicInteger next = new AtomicInteger(0x01020304);
        FrameEngine e = new Rfc6455Engine(new EngineConfig(EngineConfig.Role.CLIENT, 1000, 1000,
                () -> next.getAndAdd(0x11111111)));
        byte[] a = data(e, PayloadType.BINARY, true, ByteBuffer.allocate(3));
        byte[] b = data(e, PayloadType.BINARY, true, ByteBuffer.allocate(3));
        assertArrayEquals(hex("82 83 01 02 03 04 01 02 03"), a);
        assertArrayEquals(hex("82 83 12 13 14 15 12 13 14"), b);
    }

    @Test
    void clientMasksReadOnlyAndDirectPayloadsIntoAnyOutput() {
        byte[] text = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);
        byte[] expected = Wire.frame(0x81, text, hex("37 fa 21 3d"), 0);
        ByteBuffer direct = ByteBuffer.allocateDirect(text.length);
        direct.put(text).flip();
        for (ByteBuffer payload : new ByteBuffer[] {ByteBuffer.wrap(text).asReadOnlyBuffer(), direct}) {
            for (ByteBuffer out : new ByteBuffer[] {ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN),
                ByteBuffer.allocateDirect(200)}) {
                ByteBuffer p = payload.duplicate();
                out.position(7);
                client().encodeData(PayloadType.TEXT, true, p, out);
                assertEquals(7 + expected.length, out.position());
                byte[] got = new byte[expected.length];
                out.get(7, got);
                assertArrayEquals(expected, got);
                assertFalse(p.hasRemaining());
            }
        }
        assertArrayEquals("The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII), text);
    }

    @Test
    void payloadFromItsPositionToItsLimit() {
        ByteBuffer payload = ByteBuffer.wrap("xxHelloyy".getBytes(StandardCharsets.US_ASCII), 2, 5);
        assertArrayEquals(hex("81 05 48 65 6c 6c 6f"), data(server(), PayloadType.TEXT, true, payload));
        assertEquals(7, payload.position());
    }

    // -------------------------------------------------------------------------------------------------- state

    @Test
    void fragmentationStateIsChecked() {
        FrameEngine e = server();
        ByteBuffer out = ByteBuffer.allocate(1000);
        assertThrows(IllegalStateException.class,
                () -> e.encodeData(PayloadType.CONTINUATION, true, ascii("x"), out));
        assertEquals(0, out.position());
        e.encodeData(PayloadType.BINARY, false, ascii("a"), out);
        assertThrows(IllegalStateException.class, () -> e.encodeData(PayloadType.TEXT, true, ascii("x"), out));
        assertThrows(IllegalStateException.class, () -> e.encodeData(PayloadType.BINARY, false, ascii("x"), out));
        // control frames may interleave
        e.encodePing(ascii("p"), out);
        e.encodeData(PayloadType.CONTINUATION, false, ascii("b"), out);
        e.encodeData(PayloadType.CONTINUATION, true, ascii("c"), out);
        assertThrows(IllegalStateException.class,
                () -> e.encodeData(PayloadType.CONTINUATION, true, ascii("x"), out));
        e.encodeData(PayloadType.TEXT, true, ascii("d"), out);
        assertArrayEquals(hex("02 01 61 89 01 70 00 01 62 80 01 63 81 01 64"), Arrays.copyOf(out.array(),
                out.position()));
    }

    @Test
    void nothingMayFollowAClose() {
        FrameEngine e = client();
        assertFalse(e.outputClosed());
        ByteBuffer out = ByteBuffer.allocate(1000);
        e.encodeData(PayloadType.TEXT, false, ascii("a"), out);
        e.encodeClose(CloseCodes.NORMAL, "", out);
        assertTrue(e.outputClosed());
        int pos = out.position();
        assertThrows(IllegalStateException.class, () -> e.encodeData(PayloadType.CONTINUATION, true, ascii("x"),
                out));
        assertThrows(IllegalStateException.class, () -> e.encodeData(PayloadType.TEXT, true, ascii("x"), out));
        assertThrows(IllegalStateException.class, () -> e.encodePing(ascii("x"), out));
        assertThrows(IllegalStateException.class, () -> e.encodePong(ascii("x"), out));
        assertThrows(IllegalStateException.class, () -> e.encodeClose(CloseCodes.NORMAL, "", out));
        assertEquals(pos, out.position());
        assertFalse(e.inputClosed(), "input stays open until the peer's close arrives");
    }

    @Test
    void controlPayloadsAreLimitedTo125Bytes() {
        FrameEngine e = server();
        ByteBuffer out = ByteBuffer.allocate(1000);
        assertThrows(IllegalArgumentException.class, () -> e.encodePing(ByteBuffer.allocate(126), out));
        assertThrows(IllegalArgumentException.class, () -> e.encodePong(ByteBuffer.allocate(126), out));
        assertEquals(0, out.position());
        e.encodePing(ByteBuffer.allocate(125), out);
        assertEquals(127, out.position());
        ByteBuffer c = ByteBuffer.allocate(FrameEngine.CONTROL_FRAME_MAX);
        client().encodePong(ByteBuffer.allocate(125), c);
        assertFalse(c.hasRemaining(), "CONTROL_FRAME_MAX is the largest control frame");
    }

    @Test
    void tooSmallOutputWritesNothing() {
        FrameEngine e = server();
        ByteBuffer out = ByteBuffer.allocate(6);
        ByteBuffer payload = ascii("Hello");
        assertThrows(IllegalArgumentException.class, () -> e.encodeData(PayloadType.TEXT, true, payload, out));
        assertEquals(0, out.position());
        assertEquals(0, payload.position());
        e.encodeData(PayloadType.TEXT, true, payload, ByteBuffer.allocate(7));
    }

    // -------------------------------------------------------------------------------------------------- close

    @Test
    void closeFrames() {
        assertArrayEquals(hex("88 00"), close(server(), CloseCodes.NO_STATUS, "ignored"));
        assertArrayEquals(hex("88 02 03 e8"), close(server(), CloseCodes.NORMAL, ""));
        assertArrayEquals(hex("88 02 03 e8"), close(server(), CloseCodes.NORMAL, null));
        assertArrayEquals(hex("88 05 03 e9 62 79 65"), close(server(), CloseCodes.GOING_AWAY, "bye"));
        assertArrayEquals(hex("88 82 37 fa 21 3d 34 12"), close(client(), CloseCodes.NORMAL, ""));
        assertArrayEquals(hex("88 02 0f a0"), close(server(), 4000, ""));
    }

    @Test
    void closeCodesNotAllowedOnTheWireAreRejected() {
        for (int code : new int[] {0, 999, 1004, 1006, 1015, 1016, 2999, 5000}) {
            FrameEngine e = server();
            ByteBuffer out = ByteBuffer.allocate(200);
            assertThrows(IllegalArgumentException.class, () -> e.encodeClose(code, "", out), "code " + code);
            assertFalse(e.outputClosed());
            assertEquals(0, out.position());
        }
    }

    @Test
    void longReasonsAreCutOnACharacterBoundary() {
        String ascii = "r".repeat(200);
        byte[] frame = close(server(), CloseCodes.NORMAL, ascii);
        assertEquals(2 + 125, frame.length);
        assertEquals("r".repeat(123), new String(frame, 4, 123, StandardCharsets.UTF_8));

        for (String unit : List.of("é", "€", "𝄞")) {
            for (int prefix = 0; prefix < 4; prefix++) {
                String reason = "x".repeat(prefix) + unit.repeat(100);
                byte[] f = close(server(), CloseCodes.NORMAL, reason);
                int reasonBytes = f.length - 4;
                assertTrue(reasonBytes <= 123 && reasonBytes > 123 - unit.getBytes(StandardCharsets.UTF_8).length,
                        reasonBytes + " bytes");
                String decoded = new String(f, 4, reasonBytes, StandardCharsets.UTF_8);
                assertTrue(reason.startsWith(decoded), "a prefix of whole characters");
                assertEquals(Utf8.ACCEPT, Utf8.validate(f, 4, reasonBytes, Utf8.ACCEPT));
                assertEquals(f[1] & 0x7F, f.length - 2);
            }
        }
        String exact = "€".repeat(41); // 123 bytes
        assertEquals(2 + 125, close(server(), CloseCodes.NORMAL, exact).length);
    }

    @Test
    void encodedCloseDecodesBack() {
        FrameEngine sender = client();
        ByteBuffer out = ByteBuffer.allocate(FrameEngine.CONTROL_FRAME_MAX);
        sender.encodeClose(3001, "shutting down ✓", out);
        out.flip();
        Recorder r = new Recorder();
        new Rfc6455Engine(Wire.server()).decode(out, r);
        assertEquals(List.of("CLOSE 3001 shutting down ✓"), r.events);
    }

    @Test
    void capabilities() {
        FrameEngine e = server();
        assertTrue(e.supportsFragmentation());
        assertTrue(e.supportsPayloadType(MessageType.TEXT));
        assertTrue(e.supportsPayloadType(MessageType.BINARY));
        assertTrue(e.signalsStatusOnClose());
        assertTrue(e.supportsPing());
        assertNotEquals("", e.toString());
        assertArrayEquals(concat(hex("81 00")), data(e, PayloadType.TEXT, true, ByteBuffer.allocate(0)));
    }
    /** The header alone plus the payload as it is makes the same bytes as the whole frame, for every length form. */
    @Test
    void serverHeaderAloneIsTheWholeFramesHeadAndMovesTheStateAlike() {
        for (int n : new int[] {0, 125, 126, 65_535, 65_536, 200_000}) {
            byte[] payload = new byte[n];
            for (int i = 0; i < n; i++) {
                payload[i] = (byte) (i * 31 + 7);
            }
            FrameEngine e = server();
            ByteBuffer header = ByteBuffer.allocate(e.frameLength(n) - n);
            assertEquals(header.capacity(), e.encodeDataHeader(PayloadType.BINARY, false, n, header), "length " + n);
            assertFalse(header.hasRemaining());
            byte[] whole = data(server(), PayloadType.BINARY, false, ByteBuffer.wrap(payload));
            assertArrayEquals(whole, concat(header.array(), payload), "length " + n);
            // the message is open now, as after encodeData: a continuation ends it, a new message may not start
            assertThrows(IllegalStateException.class,
                    () -> e.encodeDataHeader(PayloadType.BINARY, true, 1, ByteBuffer.allocate(14)));
            ByteBuffer last = ByteBuffer.allocate(2);
            assertEquals(2, e.encodeDataHeader(PayloadType.CONTINUATION, true, 0, last));
            assertArrayEquals(hex("80 00"), last.array());
            assertThrows(IllegalStateException.class,
                    () -> e.encodeDataHeader(PayloadType.CONTINUATION, true, 1, ByteBuffer.allocate(14)));
        }
    }

    /** A client masks its payloads, so it never sends one unchanged behind a header: it says so, writing nothing. */
    @Test
    void clientHasNoHeaderAlone() {
        FrameEngine e = client();
        ByteBuffer out = ByteBuffer.allocate(14);
        assertEquals(-1, e.encodeDataHeader(PayloadType.BINARY, true, 1000, out));
        assertEquals(0, out.position());
        // and its state did not move: a message may still start
        assertArrayEquals(hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"), data(e, PayloadType.TEXT, true, ascii("Hello")));
    }
}
