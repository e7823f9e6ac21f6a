package net.websocket.bench.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The bytes a WebSocket client puts on the wire, made once before a run so that the load generator only copies
 * them: masked data and close frames (RFC 6455 section 5.2) and the opening handshake request (section 4.1).
 */
public final class Frames {

    /** Opcodes (RFC 6455 section 5.2). */
    public static final int OP_CONTINUATION = 0x0;
    public static final int OP_TEXT = 0x1;
    public static final int OP_BINARY = 0x2;
    public static final int OP_CLOSE = 0x8;
    public static final int OP_PING = 0x9;
    public static final int OP_PONG = 0xA;

    /** The first byte's RSV1 bit: with permessage-deflate, a compressed message (RFC 7692 section 6). */
    public static final int RSV1 = 0x40;

    /**
     * The permessage-deflate offer of scenario (f): the client compresses each message on its own (so one
     * precompressed frame can be sent again and again), the server may keep its context.
     */
    public static final String DEFLATE_OFFER = "permessage-deflate; client_no_context_takeover; client_max_window_bits";

    /** The four bytes a sync flush ends with, which permessage-deflate leaves out (RFC 7692 section 7.2.1). */
    private static final int SYNC_FLUSH_TAIL = 4;

    /** The GUID that RFC 6455 section 1.3 appends to the key before hashing. */
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private Frames() {
    }

    /** The length of a frame header: 2 bytes, the extended length (0, 2 or 8 bytes) and the mask key (0 or 4). */
    public static int headerLength(long payloadLength, boolean masked) {
        int ext = payloadLength <= 125 ? 0 : payloadLength <= 0xFFFF ? 2 : 8;
        return 2 + ext + (masked ? 4 : 0);
    }

    /**
     * One final, masked client frame.
     *
     * @param mask the masking key, big-endian (RFC 6455 section 5.3)
     */
    public static byte[] clientFrame(int opcode, byte[] payload, int mask) {
        return clientFrame(opcode, payload, mask, false);
    }

    /** One final, masked client frame, with RSV1 set if {@code rsv1} (a compressed message). */
    public static byte[] clientFrame(int opcode, byte[] payload, int mask, boolean rsv1) {
        int n = payload.length;
        int header = headerLength(n, true);
        byte[] frame = new byte[header + n];
        frame[0] = (byte) (0x80 | (rsv1 ? RSV1 : 0) | opcode);
        int p;
        if (n <= 125) {
            frame[1] = (byte) (0x80 | n);
            p = 2;
        } else if (n <= 0xFFFF) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (n >>> 8);
            frame[3] = (byte) n;
            p = 4;
        } else {
            frame[1] = (byte) (0x80 | 127);
            long len = n;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) (len >>> (56 - 8 * i));
            }
            p = 10;
        }
        byte[] key = {(byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) mask};
        System.arraycopy(key, 0, frame, p, 4);
        p += 4;
        for (int i = 0; i < n; i++) {
            frame[p + i] = (byte) (payload[i] ^ key[i & 3]);
        }
        return frame;
    }

    /** A masked close frame with a status code and no reason. */
    public static byte[] clientClose(int code, int mask) {
        return clientFrame(OP_CLOSE, new byte[] {(byte) (code >>> 8), (byte) code}, mask);
    }

    /** {@code count} copies of a frame, back to back: what the generator writes to keep that many in flight. */
    public static byte[] repeat(byte[] frame, int count) {
        byte[] out = new byte[frame.length * count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(frame, 0, out, i * frame.length, frame.length);
        }
        return out;
    }

    /** A payload of printable ASCII of this length (valid UTF-8, so it can travel as text). */
    public static byte[] asciiPayload(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    /** A payload of varied bytes of this length (for binary messages). */
    public static byte[] binaryPayload(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + (i >>> 8));
        }
        return b;
    }

    /** The opening handshake request of a client (no subprotocol, no extensions). */
    public static byte[] upgradeRequest(String host, int port, String path, String key) {
        return upgradeRequest(host, port, path, key, null);
    }

    /** The opening handshake request of a client offering {@code extensions} (none if {@code null}). */
    public static byte[] upgradeRequest(String host, int port, String path, String key, String extensions) {
        String head = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n")
                + "\r\n";
        return head.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * A message's payload compressed as permessage-deflate sends it without context takeover: raw DEFLATE at the
     * default level, flushed with {@code SYNC_FLUSH}, the final {@code 00 00 ff ff} left out.
     */
    public static byte[] deflate(byte[] message) {
        java.util.zip.Deflater d = new java.util.zip.Deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION, true);
        try {
            d.setInput(message);
            byte[] out = new byte[message.length + 64];
            int n = 0;
            while (true) {
                n += d.deflate(out, n, out.length - n, java.util.zip.Deflater.SYNC_FLUSH);
                if (n < out.length) {
                    break;
                }
                out = Arrays.copyOf(out, out.length * 2);
            }
            return Arrays.copyOf(out, n - SYNC_FLUSH_TAIL);
        } finally {
            d.end();
        }
    }

    /** JSON-like ASCII text of {@code size} bytes, different for each seed: the messages of scenario (f). */
    public static byte[] jsonPayload(int size, int seed) {
        StringBuilder b = new StringBuilder(size + 100);
        for (int i = 0; b.length() < size; i++) {
            b.append("{\"id\":").append(seed * 100_000 + i).append(",\"name\":\"item ").append((i * 7 + seed) % 23)
                    .append("\",\"tags\":[\"red\",\"blue\"],\"price\":").append(i * 31 % 997)
                    .append(",\"active\":").append(i % 3 == 0).append("},");
        }
        b.setLength(size);
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A fresh {@code Sec-WebSocket-Key}: 16 bytes, base64. */
    public static String newKey(java.util.random.RandomGenerator random) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /** The {@code Sec-WebSocket-Accept} value a server must answer to this key. */
    public static String acceptFor(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
        }
    }

    /** Unmasks (or masks) bytes in place with a key, starting at key offset 0. */
    public static void xorMask(byte[] b, int off, int len, byte[] key) {
        for (int i = 0; i < len; i++) {
            b[off + i] ^= key[i & 3];
        }
    }

    /** The payload of a single complete frame (masked or not), unmasked: for checks, not for hot paths. */
    public static byte[] payloadOf(byte[] frame) {
        int len = frame[1] & 0x7F;
        int p = 2;
        long n = len;
        if (len == 126) {
            n = ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF);
            p = 4;
        } else if (len == 127) {
            n = 0;
            for (int i = 0; i < 8; i++) {
                n = (n << 8) | (frame[2 + i] & 0xFF);
            }
            p = 10;
        }
        boolean masked = (frame[1] & 0x80) != 0;
        byte[] key = null;
        if (masked) {
            key = Arrays.copyOfRange(frame, p, p + 4);
            p += 4;
        }
        byte[] payload = Arrays.copyOfRange(frame, p, p + (int) n);
        if (masked) {
            xorMask(payload, 0, payload.length, key);
        }
        return payload;
    }
}
