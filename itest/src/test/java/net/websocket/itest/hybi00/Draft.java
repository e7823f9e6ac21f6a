package net.websocket.itest.hybi00;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

/**
 * The arithmetic and byte layouts of draft-ietf-hybi-thewebsocketprotocol-00 (the same as
 * draft-hixie-thewebsocketprotocol-76), written for these tests from the draft's text and independent of the
 * project's engine: key numbers, the MD5 challenge answer, keys as a conforming client makes them, and frames.
 */
final class Draft {

    /** The status line the draft's server sends. */
    static final String STATUS_LINE = "HTTP/1.1 101 WebSocket Protocol Handshake";
    /** The length of the third key (the request's body) and of the answer (the response's body). */
    static final int KEY3_LENGTH = 8;
    static final int ANSWER_LENGTH = 16;
    /** The largest key number: it is hashed as a 32-bit big-endian integer. */
    static final long MAX_KEY_NUMBER = 4_294_967_295L;
    /** A conforming client puts 1 to 12 spaces and 1 to 12 noise characters in a key. */
    static final int MAX_SPACES = 12;
    static final int MAX_NOISE = 12;

    /** The draft's handshake example: these keys must be answered with {@link #EXAMPLE_ANSWER}. */
    static final String EXAMPLE_KEY1 = "4 @1  46546xW%0l 1 5";
    static final String EXAMPLE_KEY2 = "12998 5 Y3 1  .P00";
    static final byte[] EXAMPLE_KEY3 = "^n:ds[4U".getBytes(StandardCharsets.US_ASCII);
    static final byte[] EXAMPLE_ANSWER = "8jKS'y:G*Co,Wxa-".getBytes(StandardCharsets.US_ASCII);
    /** The draft's second example (the one that explains the key arithmetic). */
    static final String EXAMPLE2_KEY1 = "18x 6]8vM;54 *(5:  {   U1]8  z [  8";
    static final String EXAMPLE2_KEY2 = "1_ tx7X d  <  nw  334J702) 7]o}` 0";
    static final byte[] EXAMPLE2_KEY3 = "Tm[K T2u".getBytes(StandardCharsets.US_ASCII);
    static final byte[] EXAMPLE2_ANSWER = "fQJ,fN/4F4!~K~MH".getBytes(StandardCharsets.US_ASCII);

    private Draft() {
    }

    /**
     * A key's number: its digits read as one decimal integer, divided by its count of U+0020 SPACE characters.
     *
     * @return the number, or a negative value if the key is not usable: no digits, no spaces, digits not a multiple
     *         of the spaces, or a quotient over 32 bits
     */
    static long keyNumber(String key) {
        StringBuilder digits = new StringBuilder();
        int spaces = 0;
        for (char c : key.toCharArray()) {
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == ' ') {
                spaces++;
            }
        }
        if (digits.isEmpty() || spaces == 0) {
            return -1;
        }
        BigInteger[] qr = new BigInteger(digits.toString()).divideAndRemainder(BigInteger.valueOf(spaces));
        if (qr[1].signum() != 0 || qr[0].compareTo(BigInteger.valueOf(MAX_KEY_NUMBER)) > 0) {
            return -1;
        }
        return qr[0].longValueExact();
    }

    /** The answer to a challenge: MD5 of the two key numbers (32-bit big-endian each) and the 8 bytes of key3. */
    static byte[] answer(long number1, long number2, byte[] key3) {
        ByteBuffer challenge = ByteBuffer.allocate(4 + 4 + KEY3_LENGTH);
        challenge.putInt((int) number1).putInt((int) number2).put(key3);
        try {
            return MessageDigest.getInstance("MD5").digest(challenge.array());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #answer} from the keys' text. */
    static byte[] answer(String key1, String key2, byte[] key3) {
        return answer(keyNumber(key1), keyNumber(key2), key3);
    }

    /**
     * A key as the draft tells a client to make one: a random number times a random count of spaces (1 to 12), with
     * 1 to 12 noise characters (U+0021 to U+002F, U+003A to U+007E) and the spaces inserted at random places, the
     * spaces never first or last.
     */
    static String makeKey(Random random) {
        int spaces = 1 + random.nextInt(MAX_SPACES);
        long max = MAX_KEY_NUMBER / spaces;
        long number = (long) (random.nextDouble() * (max + 1));
        StringBuilder key = new StringBuilder(Long.toString(number * spaces));
        int noise = 1 + random.nextInt(MAX_NOISE);
        for (int i = 0; i < noise; i++) {
            char c = random.nextBoolean() ? (char) (0x21 + random.nextInt(0x2F - 0x21 + 1))
                    : (char) (0x3A + random.nextInt(0x7E - 0x3A + 1));
            key.insert(random.nextInt(key.length() + 1), c);
        }
        for (int i = 0; i < spaces; i++) {
            key.insert(1 + random.nextInt(key.length() - 1), ' ');
        }
        return key.toString();
    }

    /**
     * Why a key a client sent breaks the draft's rules for making one, or {@code null} if it follows them: only
     * digits, noise from the two ranges and 1 to 12 spaces, never first or last; a usable number.
     */
    static String keyProblem(String key) {
        int spaces = 0;
        int noise = 0;
        for (char c : key.toCharArray()) {
            if (c == ' ') {
                spaces++;
            } else if ((c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x7E)) {
                noise++;
            } else if (c < '0' || c > '9') {
                return String.format("character U+%04X is neither digit, space nor allowed noise", (int) c);
            }
        }
        if (spaces < 1 || spaces > MAX_SPACES) {
            return spaces + " spaces (1 to " + MAX_SPACES + " expected)";
        }
        if (noise < 1 || noise > MAX_NOISE) {
            return noise + " noise characters (1 to " + MAX_NOISE + " expected)";
        }
        if (key.startsWith(" ") || key.endsWith(" ")) {
            return "a space first or last";
        }
        if (keyNumber(key) < 0) {
            return "its digits are not a multiple of its spaces, or the number is over 32 bits";
        }
        return null;
    }

    /** A key for {@code number} with {@code spaces} spaces: the product, then the spaces after its first digit. */
    static String keyFor(long number, int spaces) {
        String digits = Long.toString(number * spaces);
        StringBuilder key = new StringBuilder(digits.substring(0, 1));
        key.append(" ".repeat(spaces)).append(digits.substring(1));
        return key.toString();
    }

    /** A text frame: 0x00, the UTF-8 bytes, 0xFF. */
    static byte[] textFrame(String text) {
        return textFrame(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A text frame around raw bytes (which may be invalid UTF-8). */
    static byte[] textFrame(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 2);
        out.write(0x00);
        out.writeBytes(payload);
        out.write(0xFF);
        return out.toByteArray();
    }

    /** A sentinel frame of another type (below 0x80): the type, the bytes, 0xFF. */
    static byte[] sentinelFrame(int type, byte[] payload) {
        byte[] f = textFrame(payload);
        f[0] = (byte) type;
        return f;
    }

    /**
     * A length-prefixed frame (type with the high bit set): the type, the length in base 128 (seven bits a byte, the
     * high bit set on all but the last), the bytes.
     */
    static byte[] lengthFrame(int type, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.writeBytes(length(payload.length));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** A length in base 128, most significant digit first. */
    static byte[] length(long n) {
        ByteArrayOutputStream digits = new ByteArrayOutputStream();
        int shift = 0;
        while ((n >>> shift) >= 128) {
            shift += 7;
        }
        for (; shift > 0; shift -= 7) {
            digits.write((int) ((n >>> shift) & 0x7F) | 0x80);
        }
        digits.write((int) (n & 0x7F));
        return digits.toByteArray();
    }

    /** The close frame. */
    static byte[] closeFrame() {
        return new byte[] {(byte) 0xFF, 0x00};
    }

    /** Byte arrays one after the other. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Bytes as hex, for messages. */
    static String hex(byte[] bytes, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < bytes.length && i < max; i++) {
            b.append(i == 0 ? "" : " ").append(String.format("%02x", bytes[i] & 0xFF));
        }
        return b.append(bytes.length > max ? " ... (" + bytes.length + " bytes)" : "").toString();
    }
}
