package net.websocket.rfc6455.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import net.websocket.api.CloseCodes;
import net.websocket.api.PayloadType;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.ExtensionParameters;
import net.websocket.api.spi.FrameEngine;

import org.junit.jupiter.api.Test;

/** The engine running an agreed extension: RSV bits, transformed frames, limits on the restored size. */
class ExtensionEngineTest {

    private final TestExtension ext = new TestExtension("x-a", 0x20, 3);

    private FrameEngine engine(EngineConfig config) throws Exception {
        return new Rfc6455Engine(config, ext.accept(ExtensionParameters.of("x-a"), config));
    }

    private static byte[] frame(FrameEngine e, PayloadType type, boolean fin, String payload) {
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(e.frameLength(p.length));
        e.encodeData(type, fin, ByteBuffer.wrap(p), out);
        out.flip();
        return Wire.bytes(out);
    }

    private static Recorder decode(FrameEngine e, byte[] wire, int chunk) {
        Recorder r = new Recorder();
        for (int i = 0; i < wire.length; i += chunk) {
            int n = Math.min(chunk, wire.length - i);
            e.decode(ByteBuffer.wrap(java.util.Arrays.copyOfRange(wire, i, i + n)), r); // unmasked in place: a copy
        }
        return r;
    }

    /** The close code of the error that ended the input, or 0. */
    private static int code(Recorder r) {
        String last = r.events.isEmpty() ? "" : r.events.get(r.events.size() - 1);
        return last.startsWith("ERROR ") ? Integer.parseInt(last.substring(6)) : 0;
    }

    @Test
    void serverFramesCarryTheBitAndTheTransformedPayload() throws Exception {
        FrameEngine server = engine(Wire.server());
        assertEquals("a1 08 68 68 65 65 6c 6c 6f 6f", Wire.hex(frame(server, PayloadType.TEXT, true, "helo"))
                .replaceAll("(..)(?!$)", "$1 "));
        // short messages go as they are
        assertEquals("81 03 61 62 63", Wire.hex(frame(server, PayloadType.TEXT, true, "abc"))
                .replaceAll("(..)(?!$)", "$1 "));
        // fragments: the bit on the first only; all fragments transformed
        assertEquals("22 02 61 61", Wire.hex(frame(server, PayloadType.BINARY, false, "a"))
                .replaceAll("(..)(?!$)", "$1 "));
        assertEquals("80 02 62 62", Wire.hex(frame(server, PayloadType.CONTINUATION, true, "b"))
                .replaceAll("(..)(?!$)", "$1 "));
    }

    @Test
    void frameLengthIsAnUpperBoundAndHeadersShrinkToFit() throws Exception {
        FrameEngine server = engine(Wire.server());
        // 100 bytes doubled is 200: a 16-bit length, though the bound (200) is announced for 100 input bytes;
        // 70 bytes become 140 (16-bit) while 60 become 120 (7-bit), whose header is 2 bytes shorter than the bound's
        for (int n : new int[] {4, 60, 62, 63, 70, 40_000}) {
            String s = "x".repeat(n);
            byte[] f = frame(server, PayloadType.TEXT, true, s);
            assertTrue(f.length <= server.frameLength(n));
            Recorder r = decode(engine(Wire.client(1)), f, 5);
            assertNull(r.errorMessage);
            assertEquals(List.of(Recorder.text(s)), r.events);
        }
    }

    @Test
    void clientMasksTheTransformedPayload() throws Exception {
        FrameEngine client = engine(Wire.client(0x11223344));
        FrameEngine server = engine(Wire.server());
        byte[] f = frame(client, PayloadType.TEXT, true, "hello world");
        assertEquals(0xA1, f[0] & 0xFF);
        assertEquals(0x80 | 22, f[1] & 0xFF);
        for (int chunk = 1; chunk <= f.length; chunk++) {
            Recorder r = decode(engine(Wire.server()), f, chunk);
            assertEquals(List.of(Recorder.text("hello world")), r.events, "chunk " + chunk);
        }
        assertNull(decode(server, f, 3).errorMessage);
    }

    @Test
    void reservedBitsOutsideTheExtensionAre1002() throws Exception {
        Recorder r = decode(engine(Wire.client(1)), Wire.hex("c1 02 61 61"), 10);
        assertEquals(CloseCodes.PROTOCOL_ERROR, code(r));
        Recorder c = decode(engine(Wire.client(1)), Wire.hex("21 02 61 61 a0 02 62 62"), 10);
        assertEquals(CloseCodes.PROTOCOL_ERROR, code(c), "the bit on a continuation frame");
        Recorder p = decode(engine(Wire.client(1)), Wire.hex("a9 00"), 10);
        assertEquals(CloseCodes.PROTOCOL_ERROR, code(p), "the bit on a ping");
    }

    @Test
    void extensionErrorsCloseWithTheirCode() throws Exception {
        Recorder r = decode(engine(Wire.client(1)), Wire.hex("a1 02 61 62"), 10);
        assertEquals(CloseCodes.INVALID_PAYLOAD, code(r));
        assertTrue(ext.released > 0, "the decoder is released when the input fails");
    }

    @Test
    void restoredSizeIsLimitedWhileRestoring() throws Exception {
        // the wire form is twice the message: a message of 3000 bytes passes a 3000-byte limit although its
        // frame carries 6000
        EngineConfig limited = Wire.client(1).withLimits(10_000, 3000);
        FrameEngine server = engine(Wire.server());
        Recorder ok = decode(engine(limited), frame(server, PayloadType.BINARY, true, "y".repeat(3000)), 100);
        assertNull(ok.errorMessage);
        Recorder tooBig = decode(engine(limited), frame(server, PayloadType.BINARY, true, "y".repeat(3001)), 100);
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, code(tooBig));
        // the frame limit still counts wire bytes
        Recorder frameTooBig = decode(engine(Wire.client(1).withLimits(5000, 1 << 20)),
                frame(server, PayloadType.BINARY, true, "y".repeat(2501)), 100);
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, code(frameTooBig));
    }

    @Test
    void textIsValidatedAfterRestoring() throws Exception {
        // C3 A9 doubled is valid UTF-8 only once restored; C3 alone ending the message is not
        Recorder ok = decode(engine(Wire.client(1)), Wire.hex("a1 04 c3 c3 a9 a9"), 1);
        assertEquals(List.of(Recorder.text("é")), ok.events);
        Recorder cut = decode(engine(Wire.client(1)), Wire.hex("a1 02 c3 c3"), 1);
        assertEquals(CloseCodes.INVALID_PAYLOAD, code(cut));
    }

    @Test
    void closeFrameReleasesTheEncoder() throws Exception {
        FrameEngine server = engine(Wire.server());
        int before = ext.released;
        server.encodeClose(1000, "", ByteBuffer.allocate(FrameEngine.CONTROL_FRAME_MAX));
        assertEquals(before + 1, ext.released);
    }

    /** An extension may take any message, so a server with one never sends a payload unchanged behind a header. */
    @Test
    void noHeaderAloneWithAnExtension() throws Exception {
        FrameEngine server = engine(Wire.server());
        ByteBuffer out = ByteBuffer.allocate(14);
        assertEquals(-1, server.encodeDataHeader(PayloadType.BINARY, true, 1000, out));
        assertEquals(0, out.position());
    }
}
