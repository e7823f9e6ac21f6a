package net.websocket.deflate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.websocket.api.MessageType;
import net.websocket.api.PayloadType;
import net.websocket.api.spi.FrameEngine;
import net.websocket.deflate.internal.MessageDeflater;
import net.websocket.deflate.internal.MessageInflater;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our client and our server engines, after a real handshake, sending each other compressed messages with and without
 * context takeover, whole and in fragments, at every window setting.
 */
class RoundTripTest {

    private static final DeflateOptions ALL = DeflateOptions.builder().minMessageSize(0).build();

    /** JSON-like text: compresses well, and the messages resemble each other. */
    private static String json(int i) {
        return "{\"id\":" + i + ",\"user\":\"user" + (i % 7) + "\",\"items\":[" + "{\"sku\":\"A-100\",\"qty\":2},"
                .repeat(1 + i % 5) + "{\"sku\":\"B-200\",\"qty\":1}],\"note\":\"" + "ok ".repeat(i % 11) + "\"}";
    }

    /** The payload bytes of a frame (unmasked), read from its header. */
    static byte[] payloadOf(byte[] frame) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        b.get();
        int second = b.get() & 0xFF;
        long len = second & 0x7F;
        if (len == 126) {
            len = b.getShort() & 0xFFFF;
        } else if (len == 127) {
            len = b.getLong();
        }
        int key = (second & 0x80) != 0 ? b.getInt() : 0;
        byte[] p = new byte[(int) len];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (b.get() ^ (key >>> (8 * (3 - (i & 3)))));
        }
        return p;
    }

    private static int exchange(FrameEngine from, FrameEngine to, List<String> messages) {
        Recorder r = new Recorder();
        int wire = 0;
        for (String m : messages) {
            byte[] f = Peers.text(from, m);
            wire += f.length;
            Peers.decode(to, f, 7, r);
        }
        assertNull(r.errorMessage);
        assertEquals(messages, r.texts());
        return wire;
    }

    @ParameterizedTest(name = "server nct {0}, client nct {1}")
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void bothWaysWithAndWithoutContextTakeover(boolean serverNct, boolean clientNct) throws Exception {
        DeflateOptions server = ALL.toBuilder().serverNoContextTakeover(serverNct).build();
        DeflateOptions client = ALL.toBuilder().clientNoContextTakeover(clientNct).build();
        Peers.Pair p = Peers.connect(server, client);
        List<String> msgs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            msgs.add(json(i));
        }
        int toClient = exchange(p.server(), p.client(), msgs);
        int toServer = exchange(p.client(), p.server(), msgs);
        int raw = msgs.stream().mapToInt(m -> m.length()).sum();
        // each message alone compresses to about half; with the window of the messages before, far better
        assertTrue(toClient < raw * (serverNct ? 6 : 2) / 10, "to the client: " + toClient + " of " + raw);
        assertTrue(toServer < raw * (clientNct ? 6 : 2) / 10, "to the server: " + toServer + " of " + raw);
    }

    @Test
    void contextTakeoverMakesRepeatsCheap() throws Exception {
        String m = json(3);
        Peers.Pair with = Peers.connect(ALL, ALL);
        byte[] first = Peers.text(with.server(), m);
        byte[] second = Peers.text(with.server(), m);
        assertTrue(second.length < first.length / 3, first.length + " then " + second.length);

        Peers.Pair without = Peers.connect(ALL.toBuilder().serverNoContextTakeover(true).build(),
                ALL.toBuilder().clientNoContextTakeover(true).build());
        byte[] a = Peers.text(without.server(), m);
        byte[] b = Peers.text(without.server(), m);
        assertArrayEquals(a, b, "each message compressed on its own");
        byte[] ca = payloadOf(Peers.text(without.client(), m));
        byte[] cb = payloadOf(Peers.text(without.client(), m));
        assertArrayEquals(ca, cb, "the client too");
    }

    @Test
    void serverHonoursAnUnaskedClientNoContextTakeoverAnswer() throws Exception {
        // the server asks the client not to take over, though the client did not offer it
        Peers.Pair p = Peers.connect(ALL.toBuilder().clientNoContextTakeover(true).build(), ALL);
        assertEquals("permessage-deflate; client_no_context_takeover", p.answered());
        String m = json(4);
        assertArrayEquals(payloadOf(Peers.text(p.client(), m)), payloadOf(Peers.text(p.client(), m)));
    }

    @Test
    void fragmentedMessagesBothWays() throws Exception {
        Peers.Pair p = Peers.connect(ALL, ALL);
        Random rnd = new Random(1);
        for (FrameEngine[] dir : new FrameEngine[][] {{p.server(), p.client()}, {p.client(), p.server()}}) {
            Recorder r = new Recorder();
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String m = json(i).repeat(1 + rnd.nextInt(20));
                sent.add(m);
                byte[] all = m.getBytes(StandardCharsets.UTF_8);
                int at = 0;
                boolean first = true;
                while (true) {
                    int n = Math.min(all.length - at, rnd.nextInt(300));
                    boolean fin = at + n == all.length;
                    byte[] f = Peers.encode(dir[0], first ? PayloadType.TEXT : PayloadType.CONTINUATION, fin,
                            java.util.Arrays.copyOfRange(all, at, at + n));
                    assertEquals(first, (f[0] & 0x40) != 0, "RSV1 on the first frame only");
                    Peers.decode(dir[1], f, 1 + rnd.nextInt(50), r);
                    at += n;
                    first = false;
                    if (fin) {
                        break;
                    }
                }
            }
            assertNull(r.errorMessage);
            assertEquals(sent, r.texts());
        }
    }

    @Test
    void smallMessagesGoUncompressed() throws Exception {
        Peers.Pair p = Peers.connect(DeflateOptions.defaults(), DeflateOptions.defaults());
        byte[] small = Peers.text(p.server(), "x".repeat(DeflateOptions.DEFAULT_MIN_MESSAGE_SIZE - 1));
        byte[] large = Peers.text(p.server(), "x".repeat(DeflateOptions.DEFAULT_MIN_MESSAGE_SIZE));
        assertEquals(0x81, small[0] & 0xFF, "RSV1 clear");
        assertEquals(0xC1, large[0] & 0xFF, "RSV1 set");
        Recorder r = Peers.decode(p.client(), Peers.concat(small, large));
        assertEquals(2, r.messages.size());
    }

    @Test
    void binaryAndEmptyMessages() throws Exception {
        Peers.Pair p = Peers.connect(ALL, ALL);
        Random rnd = new Random(2);
        byte[][] msgs = {new byte[0], new byte[1], new byte[100_000], new byte[70_000], new byte[0]};
        rnd.nextBytes(msgs[1]);
        rnd.nextBytes(msgs[3]); // incompressible
        Recorder r = new Recorder();
        for (byte[] m : msgs) {
            Peers.decode(p.server(), Peers.encode(p.client(), PayloadType.BINARY, true, m), 1000, r);
        }
        assertNull(r.errorMessage);
        assertEquals(msgs.length, r.messages.size());
        for (int i = 0; i < msgs.length; i++) {
            assertArrayEquals(msgs[i], r.messages.get(i));
            assertEquals(MessageType.BINARY, r.types.get(i));
        }
    }

    @ParameterizedTest(name = "server window {0}")
    @CsvSource({"8", "9", "12", "14"})
    void smallServerWindowIsKeptByHuffmanCoding(int bits) throws Exception {
        Peers.Pair p = Peers.connect(ALL, ALL.toBuilder().serverMaxWindowBits(bits).build());
        assertEquals("permessage-deflate; server_max_window_bits=" + bits, p.answered());
        String m = "a".repeat(10_000);
        byte[] f = Peers.text(p.server(), m);
        // Huffman only: one bit per 'a', no back-references (LZ77 would take a few dozen bytes)
        assertTrue(f.length > 1_000 && f.length < 2_000, "Huffman-only size " + f.length);
        Recorder r = Peers.decode(p.client(), f);
        assertEquals(List.of(m), r.texts());
        // the full window compresses it to almost nothing
        Peers.Pair full = Peers.connect(ALL, ALL);
        assertTrue(Peers.text(full.server(), m).length < 100);
    }

    @Test
    void smallClientWindowAnsweredIsKeptByHuffmanCoding() throws Exception {
        FrameEngine client = Peers.clientWithAnswer(ALL, "permessage-deflate; client_max_window_bits=8");
        byte[] f = Peers.text(client, "a".repeat(10_000));
        assertTrue(f.length > 1_000, "Huffman-only size " + f.length);
    }

    /** The reserved room is never exceeded, whatever the data, level, flush size or window. */
    @Test
    void compressedFramesStayWithinTheAnnouncedLength() {
        Random rnd = new Random(3);
        int[] sizes = {0, 1, 2, 5, 100, 1000, 16_383, 16_384, 65_535, 65_536, 200_000};
        for (int level = -1; level <= 9; level++) {
            for (boolean huffman : new boolean[] {false, true}) {
                MessageDeflater d = new MessageDeflater(level, 0, false, huffman);
                MessageInflater inf = new MessageInflater(false);
                for (int size : sizes) {
                    byte[] data = new byte[size];
                    rnd.nextBytes(data); // incompressible: the worst case
                    int bound = d.maxEncodedLength(size);
                    ByteBuffer out = ByteBuffer.allocate(bound);
                    d.encode(ByteBuffer.wrap(data), true, out);
                    assertTrue(out.position() <= bound);
                    out.flip();
                    assertArrayEquals(data, inflate(inf, out), "level " + level + " size " + size);
                }
                d.release();
                inf.release();
            }
        }
    }

    private static byte[] inflate(MessageInflater inf, ByteBuffer compressed) {
        try {
            inf.begin(MessageType.BINARY, 0x40);
            java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
            ByteBuffer out = ByteBuffer.allocate(4096);
            while (true) {
                out.clear();
                boolean done = inf.decode(compressed, true, out);
                o.write(out.array(), 0, out.position());
                if (done) {
                    return o.toByteArray();
                }
            }
        } catch (net.websocket.api.spi.ExtensionException e) {
            throw new AssertionError(e);
        }
    }
}
