package net.websocket.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.api.PayloadType;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;
import net.websocket.rfc6455.Rfc6455Variant;

class FrameScannerTest {

    /** Payload lengths around every boundary of the length encoding. */
    private static final int[] LENGTHS = {0, 1, 125, 126, 127, 65535, 65536, 70000};

    @Test
    void acceptValueIsTheRfcExample() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Frames.acceptFor("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    @Test
    void clientFramesRoundTripThroughTheMask() {
        for (int n : LENGTHS) {
            byte[] payload = Frames.binaryPayload(n);
            byte[] frame = Frames.clientFrame(Frames.OP_BINARY, payload, 0x12345678);
            assertEquals(Frames.headerLength(n, true) + n, frame.length);
            assertEquals(0x82, frame[0] & 0xFF);
            assertTrue((frame[1] & 0x80) != 0, "masked");
            assertArrayEquals(payload, Frames.payloadOf(frame), "length " + n);
        }
    }

    @Test
    void ourEngineDecodesTheGeneratorsFrames() throws Exception {
        FrameEngine server = serverEngine();
        for (int n : LENGTHS) {
            byte[] payload = Frames.asciiPayload(n);
            ByteBuffer in = ByteBuffer.wrap(Frames.clientFrame(Frames.OP_TEXT, payload, 0xCAFEBABE));
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            boolean[] last = {false};
            server.decode(in, new net.websocket.api.spi.FrameSink() {
                @Override
                public void onData(net.websocket.api.MessageType type, ByteBuffer p, boolean first, boolean end) {
                    byte[] b = new byte[p.remaining()];
                    p.get(b);
                    got.writeBytes(b);
                    last[0] |= end;
                }

                @Override
                public void onPing(ByteBuffer p) {
                }

                @Override
                public void onPong(ByteBuffer p) {
                }

                @Override
                public void onClose(int code, String reason) {
                    throw new AssertionError("close");
                }

                @Override
                public void onProtocolError(int code, String message) {
                    throw new AssertionError(message);
                }
            });
            assertTrue(last[0]);
            assertArrayEquals(payload, got.toByteArray(), "length " + n);
        }
    }

    @Test
    void countsServerFramesSplitAtEveryByte() throws Exception {
        FrameEngine server = serverEngine();
        ByteBuffer wire = ByteBuffer.allocate(300_000);
        long payloadBytes = 0;
        for (int n : LENGTHS) {
            server.encodeData(PayloadType.BINARY, true, ByteBuffer.wrap(Frames.binaryPayload(n)), wire);
            payloadBytes += n;
        }
        server.encodeClose(1000, "", wire);
        wire.flip();
        byte[] bytes = new byte[wire.remaining()];
        wire.get(bytes);

        for (int chunk : new int[] {1, 2, 3, 7, 1000, bytes.length}) {
            FrameScanner s = new FrameScanner();
            long messages = 0;
            for (int off = 0; off < bytes.length; off += chunk) {
                messages += s.feed(ByteBuffer.wrap(bytes, off, Math.min(chunk, bytes.length - off)));
            }
            assertEquals(LENGTHS.length, messages, "chunk " + chunk);
            assertEquals(LENGTHS.length, s.messages());
            assertEquals(payloadBytes, s.payloadBytes());
            assertTrue(s.closeReceived());
        }
    }

    @Test
    void countsFragmentedMessagesOnceAndCapturesUnmaskedPayloads() {
        byte[] text = Frames.asciiPayload(40);
        byte[] first = Frames.clientFrame(Frames.OP_TEXT, Arrays.copyOf(text, 10), 7);
        first[0] &= 0x7F; // not final
        byte[] rest = Frames.clientFrame(Frames.OP_CONTINUATION, Arrays.copyOfRange(text, 10, 40), 9);
        byte[] ping = Frames.clientFrame(Frames.OP_PING, new byte[3], 11);
        FrameScanner s = new FrameScanner().capture(true);
        assertEquals(0, s.feed(ByteBuffer.wrap(first)));
        assertEquals(0, s.feed(ByteBuffer.wrap(ping)));
        assertEquals(1, s.feed(ByteBuffer.wrap(rest)));
        assertArrayEquals(text, s.lastPayload());
        assertEquals(40, s.payloadBytes());
        assertFalse(s.closeReceived());
    }

    private static FrameEngine serverEngine() throws Exception {
        HandshakeRequest request = new HandshakeRequest("GET", "/", "HTTP/1.1",
                Headers.of("Host", "127.0.0.1", "Upgrade", "websocket", "Connection", "Upgrade",
                        "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13"),
                null, null, false);
        var handshake = new Rfc6455Variant().startServer(request,
                EngineConfig.defaults(EngineConfig.Role.SERVER).withLimits(1 << 20, 1 << 20));
        handshake.accept(null, Headers.empty());
        return handshake.engine();
    }
}
