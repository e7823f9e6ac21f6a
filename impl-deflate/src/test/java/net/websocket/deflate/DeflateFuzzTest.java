package net.websocket.deflate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;

import net.websocket.api.CloseCodes;
import net.websocket.api.PayloadType;
import net.websocket.api.spi.FrameEngine;

import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes permessage-deflate inside the RFC 6455 engine. The inputs under {@code DeflateFuzzTestInputs} are replayed
 * in every build; {@code scripts/fuzz} fuzzes.
 */
@Timeout(10)
class DeflateFuzzTest {

    /** Message limits the first input byte chooses from: tiny ones make the limit the interesting part. */
    private static final long[] LIMITS = {16, 1000, 65_536, 1 << 20};

    private static final Set<Integer> ERRORS = Set.of(CloseCodes.PROTOCOL_ERROR, CloseCodes.INVALID_PAYLOAD,
            CloseCodes.MESSAGE_TOO_BIG);

    /**
     * Arbitrary frames (compressed or not, any data) from a server, read by a client that agreed to
     * permessage-deflate: decoding whole and in pieces gives the same events; only 1002, 1007 and 1009 end the input;
     * no message exceeds the limit; nothing escapes the engine.
     *
     * <p>Input: byte 0 = options (bit 0: server_no_context_takeover, bits 1-2: the limit, bits 3-7: the piece size
     * less one); then frames, each a flags byte (bit 0 FIN, bit 1 RSV1, bits 2-3 the opcode: continuation, text,
     * binary, ping), a length byte and up to that many payload bytes.
     */
    @FuzzTest
    void compressedFrames(byte[] data) throws Exception {
        if (data.length == 0) {
            return;
        }
        int opts = data[0] & 0xFF;
        String answer = (opts & 1) != 0 ? "permessage-deflate; server_no_context_takeover" : "permessage-deflate";
        long limit = LIMITS[(opts >> 1) & 3];
        int piece = 1 + (opts >> 3);
        byte[] wire = frames(data);

        Recorder whole = new Recorder();
        Peers.decode(Peers.clientWithAnswer(DeflateOptions.defaults(), answer, limit), wire.clone(),
                Math.max(1, wire.length), whole);
        Recorder split = new Recorder();
        Peers.decode(Peers.clientWithAnswer(DeflateOptions.defaults(), answer, limit), wire.clone(), piece, split);
        assertEquals(comparable(whole.events), comparable(split.events), "events depend on the split");
        for (Recorder r : List.of(whole, split)) {
            if (r.errorMessage != null) {
                assertTrue(ERRORS.contains(r.errorCode), r.errorCode + " " + r.errorMessage);
            }
            for (byte[] m : r.messages) {
                assertTrue(m.length <= limit, "a message of " + m.length + " over the limit " + limit);
            }
        }
    }

    /**
     * The events, with a final 1009 counted as 1007: when one inflate step both passes the limit and meets invalid
     * data, {@link java.util.zip.Inflater} drops the output of the failing step, so which of the two is seen first
     * depends on how the input was split (both fail the connection). Everything before must be the same.
     */
    private static List<String> comparable(List<String> events) {
        if (!events.isEmpty() && events.get(events.size() - 1).equals("ERROR " + CloseCodes.MESSAGE_TOO_BIG)) {
            List<String> copy = new java.util.ArrayList<>(events);
            copy.set(copy.size() - 1, "ERROR " + CloseCodes.INVALID_PAYLOAD);
            return copy;
        }
        return events;
    }

    private static byte[] frames(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] opcodes = {0x0, 0x1, 0x2, 0x9};
        int i = 1;
        while (i + 1 < data.length) {
            int flags = data[i] & 0xFF;
            int len = Math.min(data[i + 1] & 0xFF, data.length - i - 2);
            out.write((flags & 1) << 7 | (flags & 2) << 5 | opcodes[(flags >> 2) & 3]);
            out.write(len);
            out.write(data, i + 2, len);
            i += 2 + len;
        }
        return out.toByteArray();
    }

    /**
     * Any {@code Sec-WebSocket-Extensions} offer: the server either answers 400 (malformed header) or accepts the
     * handshake; an answer it gives is a valid permessage-deflate response (one our client accepts when it made the
     * most permissive offer), and answering the same offer again gives the same answer.
     *
     * <p>Input: the header value, as ISO-8859-1 (CR, LF and NUL, which no header value can hold, are skipped).
     */
    @FuzzTest
    void negotiation(byte[] data) throws Exception {
        String offer = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (offer.indexOf('\r') >= 0 || offer.indexOf('\n') >= 0 || offer.indexOf('\0') >= 0) {
            return; // no header value can hold these: the HTTP head parser ends or refuses it first
        }
        String answer;
        try {
            answer = Peers.answer(DeflateOptions.defaults(), offer);
        } catch (net.websocket.api.HandshakeException e) {
            assertEquals(400, e.status(), e.getMessage());
            return;
        }
        assertEquals(answer, Peers.answer(DeflateOptions.defaults(), offer));
        if (answer != null) {
            // our client offers client_max_window_bits and no requests of the server: any valid answer fits
            Peers.clientWithAnswer(DeflateOptions.defaults(), answer);
            assertTrue(answer.startsWith("permessage-deflate"), answer);
        }
    }

    /**
     * What our server compresses our client restores exactly: any bytes, as two messages (the second the same, so
     * that context takeover has something to refer to), cut into fragments of a fuzz-chosen size, at any level,
     * with or without context takeover, with the full window or Huffman coding only.
     *
     * <p>Input: byte 0 = options (bit 0: server no context takeover, bit 1: a window of 8 bits, bits 2-5: level
     * 0-9, bit 6: binary), byte 1 = fragment size less one (0: unfragmented); the rest is the message.
     */
    @FuzzTest
    void roundTrip(byte[] data) throws Exception {
        if (data.length < 2) {
            return;
        }
        int opts = data[0] & 0xFF;
        int fragment = data[1] & 0xFF;
        byte[] message = Arrays.copyOfRange(data, 2, data.length);
        DeflateOptions.Builder server = DeflateOptions.builder().minMessageSize(0)
                .compressionLevel(Math.min(9, (opts >> 2) & 0xF));
        DeflateOptions.Builder client = DeflateOptions.builder();
        if ((opts & 1) != 0) {
            server.serverNoContextTakeover(true);
        }
        if ((opts & 2) != 0) {
            client.serverMaxWindowBits(8);
        }
        Peers.Pair p = Peers.connect(server.build(), client.build());
        PayloadType type = (opts & 0x40) != 0 ? PayloadType.BINARY : PayloadType.TEXT;
        if (type == PayloadType.TEXT) {
            message = new String(message, java.nio.charset.StandardCharsets.UTF_8)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        Recorder r = new Recorder();
        for (int round = 0; round < 2; round++) {
            send(p.server(), p.client(), type, message, fragment, r);
        }
        assertNull(r.errorMessage);
        assertEquals(2, r.messages.size());
        assertArrayEquals(message, r.messages.get(0));
        assertArrayEquals(message, r.messages.get(1));
    }

    private static void send(FrameEngine from, FrameEngine to, PayloadType type, byte[] message, int fragment,
            Recorder r) {
        if (fragment == 0) {
            Peers.decode(to, Peers.encode(from, type, true, message), 1 + message.length % 13, r);
            return;
        }
        int at = 0;
        boolean first = true;
        do {
            int n = Math.min(fragment, message.length - at);
            boolean fin = at + n == message.length;
            byte[] f = Peers.encode(from, first ? type : PayloadType.CONTINUATION, fin,
                    Arrays.copyOfRange(message, at, at + n));
            Peers.decode(to, f, Math.max(1, f.length), r);
            at += n;
            first = false;
        } while (at < message.length);
    }
}
