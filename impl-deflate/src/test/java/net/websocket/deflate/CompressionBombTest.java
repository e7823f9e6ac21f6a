package net.websocket.deflate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;

import net.websocket.api.CloseCodes;
import net.websocket.api.Headers;
import net.websocket.api.spi.FrameEngine;
import net.websocket.api.spi.ServerHandshake;

import org.junit.jupiter.api.Test;

/**
 * A small compressed message that inflates to far more than the message limit is refused with 1009 while it is
 * being inflated: the engine stops after the limit plus at most one chunk, in bounded memory and time.
 */
class CompressionBombTest {

    private static final long LIMIT = 1L << 20;          // 1 MiB message limit
    private static final long BOMB = 100L << 20;         // inflates to 100 MiB
    private static final int CHUNK = 16 * 1024;          // the engine's restore chunk

    /** 100 MiB of zeros as raw DEFLATE with a sync flush and the tail removed (about 100 KB). */
    private static byte[] zerosCompressed(long total) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] zeros = new byte[1 << 20];
        byte[] buf = new byte[64 * 1024];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long done = 0; done < total; done += zeros.length) {
            d.setInput(zeros);
            while (!d.needsInput()) {
                out.write(buf, 0, d.deflate(buf, 0, buf.length, Deflater.NO_FLUSH));
            }
        }
        int n;
        while ((n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) {
            out.write(buf, 0, n);
        }
        d.end();
        byte[] b = out.toByteArray();
        return java.util.Arrays.copyOf(b, b.length - 4);
    }

    /** A masked client frame, as a server receives it. */
    static byte[] clientFrame(int firstByte, byte[] payload, int key) {
        int n = payload.length;
        ByteBuffer f = ByteBuffer.allocate(14 + n);
        f.put((byte) firstByte);
        if (n <= 125) {
            f.put((byte) (0x80 | n));
        } else if (n <= 0xFFFF) {
            f.put((byte) (0x80 | 126)).putShort((short) n);
        } else {
            f.put((byte) (0x80 | 127)).putLong(n);
        }
        f.putInt(key);
        for (int i = 0; i < n; i++) {
            f.put((byte) (payload[i] ^ (key >>> (8 * (3 - (i & 3))))));
        }
        f.flip();
        byte[] b = new byte[f.remaining()];
        f.get(b);
        return b;
    }

    private static FrameEngine server() throws Exception {
        ServerHandshake s = Peers.VARIANT.startServer(Peers.request("permessage-deflate"),
                Peers.serverConfig(LIMIT, LIMIT, new PerMessageDeflate()));
        s.accept(null, Headers.empty());
        return s.engine();
    }

    @Test
    void bombInOneFrameIsRefusedWhileInflating() throws Exception {
        byte[] bomb = zerosCompressed(BOMB);
        assertTrue(bomb.length < 200_000, "the bomb is small: " + bomb.length);
        assertTrue(bomb.length < LIMIT, "and passes the frame limit");
        FrameEngine server = server();
        Recorder r = new Recorder(false);
        long t0 = System.nanoTime();
        Peers.decode(server, clientFrame(0xC2, bomb, 0x11223344), 64 * 1024, r);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, r.errorCode, r.errorMessage);
        assertTrue(r.delivered <= LIMIT, "delivered " + r.delivered + " bytes before refusing");
        assertTrue(r.largestPiece <= CHUNK, "pieces are bounded: " + r.largestPiece);
        assertTrue(server.inputClosed());
        assertTrue(ms < 5_000, "refused in " + ms + " ms");
        System.out.println("compression bomb: " + bomb.length + " bytes inflating to " + BOMB + ", refused after "
                + r.delivered + " bytes in " + ms + " ms");
    }

    @Test
    void bombInManyFragmentsIsRefusedWhileInflating() throws Exception {
        byte[] bomb = zerosCompressed(BOMB);
        FrameEngine server = server();
        Recorder r = new Recorder(false);
        int piece = 1000;
        for (int at = 0; at < bomb.length && !server.inputClosed(); at += piece) {
            int n = Math.min(piece, bomb.length - at);
            byte[] part = java.util.Arrays.copyOfRange(bomb, at, at + n);
            int first = (at == 0 ? 0x41 : 0x00) | (at + n == bomb.length ? 0x80 : 0);
            Peers.decode(server, clientFrame(first, part, at), 4096, r);
        }
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, r.errorCode, r.errorMessage);
        assertTrue(r.delivered <= LIMIT);
    }

    @Test
    void messageExactlyAtTheLimitPasses() throws Exception {
        byte[] exact = zerosCompressed(LIMIT);
        FrameEngine server = server();
        Recorder r = new Recorder(false);
        Peers.decode(server, clientFrame(0xC2, exact, 7), 8192, r);
        assertEquals(0, r.errorCode, r.errorMessage);
        assertEquals(LIMIT, r.delivered);
        assertEquals(1, r.messages.size());
        // one byte more is refused
        byte[] over = zerosCompressed(LIMIT + 1);
        FrameEngine server2 = server();
        Recorder r2 = new Recorder(false);
        Peers.decode(server2, clientFrame(0xC2, over, 7), 8192, r2);
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, r2.errorCode);
    }
}
