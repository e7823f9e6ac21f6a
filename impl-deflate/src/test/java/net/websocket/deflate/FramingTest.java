package net.websocket.deflate;

import static net.websocket.deflate.CompressionBombTest.clientFrame;
import static net.websocket.deflate.Peers.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import net.websocket.api.CloseCodes;
import net.websocket.api.Headers;
import net.websocket.api.spi.FrameEngine;
import net.websocket.api.spi.ServerHandshake;

import org.junit.jupiter.api.Test;

/** RSV bits and broken data with permessage-deflate agreed (server side: masked client frames). */
class FramingTest {

    private static final byte[] HELLO = hex("f2 48 cd c9 c9 07 00");

    private static FrameEngine server(String... offers) throws Exception {
        ServerHandshake s = Peers.VARIANT.startServer(Peers.request(offers),
                Peers.serverConfig(1 << 20, 1 << 20, new PerMessageDeflate()));
        s.accept(null, Headers.empty());
        return s.engine();
    }

    private static Recorder receive(FrameEngine e, byte[]... frames) {
        return Peers.decode(e, Peers.concat(frames));
    }

    @Test
    void compressedAndPlainMessagesMix() throws Exception {
        FrameEngine s = server("permessage-deflate");
        Recorder r = receive(s, clientFrame(0xC1, HELLO, 1), clientFrame(0x81, "plain".getBytes(), 2),
                clientFrame(0xC1, hex("f2 00 11 00 00"), 3));
        assertNull(r.errorMessage);
        // the plain message does not enter the window: the third refers back to the first
        assertEquals(List.of("Hello", "plain", "Hello"), r.texts());
    }

    @Test
    void rsv1OnAContinuationFrameIs1002() throws Exception {
        Recorder r = receive(server("permessage-deflate"), clientFrame(0x41, hex("f2 48"), 1),
                clientFrame(0xC0, hex("cd c9 c9 07 00"), 2));
        assertEquals(CloseCodes.PROTOCOL_ERROR, r.errorCode);
        assertTrue(r.errorMessage.contains("continuation"), r.errorMessage);
    }

    @Test
    void rsv1OnControlFramesIs1002() throws Exception {
        for (int opcode : new int[] {0x8, 0x9, 0xA}) {
            Recorder r = receive(server("permessage-deflate"), clientFrame(0xC0 | opcode, new byte[0], 1));
            assertEquals(CloseCodes.PROTOCOL_ERROR, r.errorCode, "opcode " + opcode);
        }
    }

    @Test
    void otherReservedBitsAre1002() throws Exception {
        for (int rsv : new int[] {0x20, 0x10, 0x60, 0x70}) {
            Recorder r = receive(server("permessage-deflate"), clientFrame(0x81 | rsv, HELLO, 1));
            assertEquals(CloseCodes.PROTOCOL_ERROR, r.errorCode, "rsv " + rsv);
            assertTrue(r.errorMessage.contains("uses only 0x40"), r.errorMessage);
        }
    }

    @Test
    void rsv1WithoutTheExtensionIs1002() throws Exception {
        Recorder r = receive(server(), clientFrame(0xC1, HELLO, 1));
        assertEquals(CloseCodes.PROTOCOL_ERROR, r.errorCode);
        assertTrue(r.errorMessage.contains("no extension was negotiated"), r.errorMessage);
    }

    @Test
    void dataThatDoesNotInflateIs1007() throws Exception {
        // BTYPE 11 is reserved: invalid DEFLATE
        Recorder r = receive(server("permessage-deflate"), clientFrame(0xC2, hex("ff ff ff ff"), 1));
        assertEquals(CloseCodes.INVALID_PAYLOAD, r.errorCode, r.errorMessage);
    }

    @Test
    void textThatInflatesToInvalidUtf8Is1007() throws Exception {
        byte[] bad = deflate(new byte[] {'o', 'k', (byte) 0xC0, (byte) 0x80});
        Recorder r = receive(server("permessage-deflate"), clientFrame(0xC1, bad, 1));
        assertEquals(CloseCodes.INVALID_PAYLOAD, r.errorCode);
        // a character split at the end of the message
        byte[] cut = deflate("é".getBytes(StandardCharsets.UTF_8), 1);
        Recorder r2 = receive(server("permessage-deflate"), clientFrame(0xC1, cut, 1));
        assertEquals(CloseCodes.INVALID_PAYLOAD, r2.errorCode);
    }

    @Test
    void emptyCompressedMessages() throws Exception {
        // an empty message compressed: the empty stored block's first byte, or nothing at all
        Recorder r = receive(server("permessage-deflate"), clientFrame(0xC1, hex("00"), 1),
                clientFrame(0xC1, new byte[0], 2), clientFrame(0x41, new byte[0], 3), clientFrame(0x80, HELLO, 4));
        assertNull(r.errorMessage);
        assertEquals(List.of("", "", "Hello"), r.texts());
    }

    static byte[] deflate(byte[] data) {
        return deflate(data, data.length);
    }

    /** Raw DEFLATE of the first {@code n} bytes, sync-flushed, tail removed. */
    static byte[] deflate(byte[] data, int n) {
        java.util.zip.Deflater d = new java.util.zip.Deflater(6, true);
        d.setInput(data, 0, n);
        byte[] out = new byte[n + 64];
        int len = d.deflate(out, 0, out.length, java.util.zip.Deflater.SYNC_FLUSH);
        d.end();
        return java.util.Arrays.copyOf(out, len - 4);
    }
}
