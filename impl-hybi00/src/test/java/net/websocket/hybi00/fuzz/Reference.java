package net.websocket.hybi00.fuzz;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hybi-00 key arithmetic (draft-ietf-hybi-thewebsocketprotocol-00 section 5.2), written here independently of
 * the variant so that the fuzz tests can judge it: a key stands for its decimal digits read as one number, divided
 * by its count of spaces; the division must be exact and the quotient fit 32 bits. Arbitrary precision, so no digit
 * count is too large to judge.
 */
final class Reference {

    /** A key's quotient must fit an unsigned 32-bit integer (it is hashed as 4 bytes). */
    private static final BigInteger MAX_NUMBER = BigInteger.valueOf(0xFFFF_FFFFL);

    private Reference() {
    }

    /** The number a key value stands for, or -1 if it is not a valid key. */
    static long keyNumber(String value) {
        StringBuilder digits = new StringBuilder();
        int spaces = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == ' ') {
                spaces++;
            }
        }
        if (digits.length() == 0 || spaces == 0) {
            return -1;
        }
        BigInteger[] qr = new BigInteger(digits.toString()).divideAndRemainder(BigInteger.valueOf(spaces));
        if (qr[1].signum() != 0 || qr[0].compareTo(MAX_NUMBER) > 0) {
            return -1;
        }
        return qr[0].longValueExact();
    }

    /** The challenge answer: MD5 of both numbers as big-endian 32-bit integers and the 8-byte third key. */
    static byte[] answer(long number1, long number2, byte[] key3) {
        ByteBuffer challenge = ByteBuffer.allocate(16).putInt((int) number1).putInt((int) number2).put(key3);
        try {
            return MessageDigest.getInstance("MD5").digest(challenge.array());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
