package net.websocket.rfc6455.internal;

import static net.websocket.rfc6455.internal.Wire.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The UTF-8 automaton, checked by hand-picked cases and against the JDK's strict decoder. */
class Utf8ValidatorTest {

    private static int run(byte[] b) {
        return Utf8Validator.validate(ByteBuffer.wrap(b), 0, b.length, Utf8Validator.ACCEPT);
    }

    private final CharsetDecoder jdk = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    private boolean jdkValid(byte[] b) {
        try {
            jdk.reset().decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void boundaries() {
        String[] valid = {"", "00", "7f", "c2 80", "df bf", "e0 a0 80", "e1 80 80", "ec bf bf", "ed 80 80",
            "ed 9f bf", "ee 80 80", "ef bf bf", "f0 90 80 80", "f1 80 80 80", "f3 bf bf bf", "f4 80 80 80",
            "f4 8f bf bf", "ef bb bf"};
        for (String v : valid) {
            assertEquals(Utf8Validator.ACCEPT, run(hex(v)), v);
        }
        String[] invalid = {"80", "bf", "c0 80", "c1 bf", "e0 80 80", "e0 9f bf", "ed a0 80", "ed bf bf",
            "f0 80 80 80", "f0 8f bf bf", "f4 90 80 80", "f5 80 80 80", "f7 bf bf bf", "f8", "fc", "fe", "ff",
            "c2 c2", "e1 80 c0", "f1 80 80 7f"};
        for (String v : invalid) {
            assertEquals(Utf8Validator.REJECT, run(hex(v)), v);
        }
        String[] incomplete = {"c2", "e0 a0", "e1", "f0 90 80", "f4 8f", "f1"};
        for (String v : incomplete) {
            int s = run(hex(v));
            assertNotEquals(Utf8Validator.ACCEPT, s, v);
            assertNotEquals(Utf8Validator.REJECT, s, v);
        }
    }

    @Test
    void rejectsAtTheFirstImpossibleByte() {
        // once rejected, the state stays rejected whatever follows
        int s = Utf8Validator.ACCEPT;
        for (byte b : hex("41 ed a0")) {
            s = Utf8Validator.step(s, b);
        }
        assertEquals(Utf8Validator.REJECT, s);
        for (byte b : hex("41 80 80")) {
            s = Utf8Validator.step(s, b);
        }
        assertEquals(Utf8Validator.REJECT, s);
        assertEquals(Utf8Validator.REJECT, run(hex("f4 90")));
        assertEquals(Utf8Validator.REJECT, run(hex("e0 9f")));
        assertEquals(Utf8Validator.REJECT, run(hex("f0 8f")));
    }

    @Test
    void everyTwoByteSequenceAgreesWithTheJdk() {
        byte[] b = new byte[2];
        for (int i = 0; i < 65536; i++) {
            b[0] = (byte) (i >>> 8);
            b[1] = (byte) i;
            assertEquals(jdkValid(b), run(b) == Utf8Validator.ACCEPT, () -> Wire.hex(b));
        }
    }

    @Test
    void everyThreeByteSequenceWithAThreeByteLeadAgreesWithTheJdk() {
        // second and third bytes over 0x70..0xCF: all continuation bytes and their neighbours on both sides
        byte[] b = new byte[3];
        for (int lead = 0xE0; lead <= 0xEF; lead++) {
            for (int second = 0x70; second < 0xD0; second++) {
                for (int third = 0x70; third < 0xD0; third++) {
                    b[0] = (byte) lead;
                    b[1] = (byte) second;
                    b[2] = (byte) third;
                    assertEquals(jdkValid(b), run(b) == Utf8Validator.ACCEPT, () -> Wire.hex(b));
                }
            }
        }
    }

    @Test
    void randomSequencesAgreeWithTheJdkWholeAndInPieces() {
        Random random = new Random(6455);
        byte[] alphabet = hex("00 41 7f 80 8f 90 9f a0 bf c0 c1 c2 df e0 e1 ec ed ee ef f0 f1 f3 f4 f5 ff");
        for (int n = 0; n < 100_000; n++) {
            byte[] b = new byte[1 + random.nextInt(12)];
            for (int i = 0; i < b.length; i++) {
                b[i] = alphabet[random.nextInt(alphabet.length)];
            }
            boolean expected = jdkValid(b);
            assertEquals(expected, run(b) == Utf8Validator.ACCEPT, () -> Wire.hex(b));
            int split = random.nextInt(b.length + 1);
            ByteBuffer buf = ByteBuffer.wrap(b);
            int s = Utf8Validator.validate(buf, 0, split, Utf8Validator.ACCEPT);
            s = Utf8Validator.validate(buf, split, b.length - split, s);
            assertEquals(expected, s == Utf8Validator.ACCEPT, () -> Wire.hex(b) + " split at " + split);
        }
    }

    @Test
    void asciiFastPathAtEveryAlignmentAndOffset() {
        for (boolean direct : new boolean[] {false, true}) {
            for (int length = 0; length < 40; length++) {
                for (int bad = -1; bad < length; bad++) {
                    for (int offset = 0; offset < 9; offset++) {
                        ByteBuffer buf = direct ? ByteBuffer.allocateDirect(offset + length + 8)
                                : ByteBuffer.allocate(offset + length + 8);
                        buf.order(offset % 2 == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                        for (int i = 0; i < buf.capacity(); i++) {
                            buf.put(i, (byte) 0xFF); // invalid bytes around the range must not be read
                        }
                        for (int i = 0; i < length; i++) {
                            buf.put(offset + i, (byte) ('a' + i % 26));
                        }
                        if (bad >= 0) {
                            buf.put(offset + bad, (byte) 0x80);
                        }
                        int expected = bad >= 0 ? Utf8Validator.REJECT : Utf8Validator.ACCEPT;
                        assertEquals(expected, Utf8Validator.validate(buf, offset, length, Utf8Validator.ACCEPT),
                                "length " + length + " bad " + bad + " offset " + offset);
                    }
                }
            }
        }
    }

    @Test
    void longMixedTextAcrossPieces() {
        StringBuilder sb = new StringBuilder();
        Random random = new Random(13);
        for (int i = 0; i < 5000; i++) {
            int kind = random.nextInt(10);
            sb.appendCodePoint(kind < 6 ? 0x20 + random.nextInt(0x5f) : kind < 8 ? 0x80 + random.nextInt(0x780)
                    : kind < 9 ? 0x4e00 + random.nextInt(0x1000) : 0x1F600 + random.nextInt(0x50));
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.wrap(b);
        for (int piece = 1; piece < 20; piece++) {
            int s = Utf8Validator.ACCEPT;
            for (int i = 0; i < b.length; i += piece) {
                s = Utf8Validator.validate(buf, i, Math.min(piece, b.length - i), s);
                assertNotEquals(Utf8Validator.REJECT, s);
            }
            assertEquals(Utf8Validator.ACCEPT, s);
        }
        assertEquals(Utf8Validator.ACCEPT, Utf8Validator.validate(b, 0, b.length, Utf8Validator.ACCEPT));
    }
}
