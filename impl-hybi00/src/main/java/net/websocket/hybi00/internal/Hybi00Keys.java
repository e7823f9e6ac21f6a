package net.websocket.hybi00.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

import net.websocket.api.HandshakeException;

/**
 * The key arithmetic of the hybi-00 handshake: reading a {@code Sec-WebSocket-Key1}/{@code Key2} value as a number,
 * making such values, and the MD5 challenge answer both sides compute.
 *
 * <p>A key hides a number: the decimal digits it contains, read as one integer, divided by the number of spaces it
 * contains. The digits are the product of the number and the space count, so the division is exact; the other
 * characters are noise.
 */
public final class Hybi00Keys {

    /** The largest number a key may stand for: an unsigned 32-bit integer, since it is hashed as 4 bytes. */
    public static final long MAX_KEY_NUMBER = 0xFFFF_FFFFL;

    /** The length of the third key, sent as the request body. */
    public static final int KEY3_LENGTH = 8;

    /** The length of the challenge answer, an MD5 digest, sent as the response body. */
    public static final int ANSWER_LENGTH = 16;

    /** Space and noise counts the draft asks a client to choose from: 1 to 12 of each. */
    private static final int MAX_SPACES = 12;
    private static final int MAX_NOISE = 12;

    /**
     * Digits beyond this many cannot make a valid key (the largest product is 4294967295, 10 digits); stopping here
     * keeps the accumulated value far from overflowing a {@code long}.
     */
    private static final int MAX_SIGNIFICANT_DIGITS = 18;

    private Hybi00Keys() {
    }

    /**
     * The number a key stands for.
     *
     * @param name  the header name, for messages
     * @param value the header value
     * @throws HandshakeException (400) if the key has no spaces, its digits are not an exact multiple of the space
     *                            count, or the quotient does not fit 32 bits
     */
    public static long parse(String name, String value) throws HandshakeException {
        long digits = 0;
        int significant = 0;
        int spaces = 0;
        boolean sawDigit = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ') {
                spaces++;
            } else if (c >= '0' && c <= '9') {
                sawDigit = true;
                if (digits != 0 || c != '0') {
                    if (++significant > MAX_SIGNIFICANT_DIGITS) {
                        throw new HandshakeException(400, name + " holds a number too large for a hybi-00 key");
                    }
                }
                digits = digits * 10 + (c - '0');
            }
        }
        if (!sawDigit) {
            throw new HandshakeException(400, name + " holds no digits");
        }
        if (spaces == 0) {
            throw new HandshakeException(400, name + " holds no spaces (a hybi-00 key divides its digits by them)");
        }
        if (digits % spaces != 0) {
            throw new HandshakeException(400,
                    name + " is malformed: its digits " + digits + " are not a multiple of its " + spaces + " spaces");
        }
        long number = digits / spaces;
        if (number > MAX_KEY_NUMBER) {
            throw new HandshakeException(400, name + " stands for " + number + ", more than 32 bits");
        }
        return number;
    }

    /** A generated key: its header value and the number it stands for. */
    public record Key(String value, long number) {
    }

    /**
     * Makes a key as a hybi-00 client does: a random space count from 1 to 12, a random number whose product with it
     * fits 32 bits, the product in decimal, 1 to 12 random noise characters (U+0021 to U+002F, U+003A to U+007E) at
     * random places, then the spaces at random places other than the first and last.
     */
    public static Key generate(Random random) {
        int spaces = 1 + random.nextInt(MAX_SPACES);
        long max = MAX_KEY_NUMBER / spaces;
        long number = random.nextLong(max + 1);
        StringBuilder key = new StringBuilder(Long.toString(number * spaces));
        int noise = 1 + random.nextInt(MAX_NOISE);
        for (int i = 0; i < noise; i++) {
            key.insert(random.nextInt(key.length() + 1), noiseChar(random));
        }
        for (int i = 0; i < spaces; i++) {
            // positions 1 .. length-1: never at either end, so header parsing cannot trim a space away
            key.insert(1 + random.nextInt(key.length() - 1), ' ');
        }
        return new Key(key.toString(), number);
    }

    /** A random character from U+0021-U+002F or U+003A-U+007E: printable, neither digit nor space. */
    private static char noiseChar(Random random) {
        int lowRange = 0x2F - 0x21 + 1; // 15 characters
        int highRange = 0x7E - 0x3A + 1; // 69 characters
        int pick = random.nextInt(lowRange + highRange);
        return (char) (pick < lowRange ? 0x21 + pick : 0x3A + pick - lowRange);
    }

    /**
     * The challenge answer: the MD5 digest of the first number and the second as big-endian 32-bit integers followed
     * by the 8 bytes of the third key.
     */
    public static byte[] answer(long number1, long number2, byte[] key3) {
        if (key3.length != KEY3_LENGTH) {
            throw new IllegalArgumentException("key3 must be " + KEY3_LENGTH + " bytes");
        }
        ByteBuffer challenge = ByteBuffer.allocate(2 * Integer.BYTES + KEY3_LENGTH);
        challenge.putInt((int) number1).putInt((int) number2).put(key3);
        return md5().digest(challenge.array());
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide MD5 (java.security.MessageDigest)
            throw new IllegalStateException("MD5 is not available", e);
        }
    }
}
