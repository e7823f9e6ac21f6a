package net.websocket.api.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The UTF-8 automaton both variants use, checked by hand-picked cases and against the JDK's strict decoder: whole,
 * split in two, in pieces of every size and byte by byte.
 */
class Utf8Test {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }

    private static int run(byte[] b) {
        return Utf8.validate(ByteBuffer.wrap(b), 0, b.length, Utf8.ACCEPT);
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
            assertEquals(Utf8.ACCEPT, run(hex(v)), v);
        }
        String[] invalid = {"80", "bf", "c0 80", "c1 bf", "e0 80 80", "e0 9f bf", "ed a0 80", "ed bf bf",
            "f0 80 80 80", "f0 8f bf bf", "f4 90 80 80", "f5 80 80 80", "f7 bf bf bf", "f8", "fc", "fe", "ff",
            "c2 c2", "e1 80 c0", "f1 80 80 7f"};
        for (String v : invalid) {
            assertEquals(Utf8.REJECT, run(hex(v)), v);
        }
        String[] incomplete = {"c2", "e0 a0", "e1", "f0 90 80", "f4 8f", "f1"};
        for (String v : incomplete) {
            int s = run(hex(v));
            assertNotEquals(Utf8.ACCEPT, s, v);
            assertNotEquals(Utf8.REJECT, s, v);
        }
    }

    @Test
    void rejectsAtTheFirstImpossibleByte() {
        // once rejected, the state stays rejected whatever follows
        int s = Utf8.ACCEPT;
        for (byte b : hex("41 ed a0")) {
            s = Utf8.step(s, b);
        }
        assertEquals(Utf8.REJECT, s);
        for (byte b : hex("41 80 80")) {
            s = Utf8.step(s, b);
        }
        assertEquals(Utf8.REJECT, s);
        assertEquals(Utf8.REJECT, run(hex("f4 90")));
        assertEquals(Utf8.REJECT, run(hex("e0 9f")));
        assertEquals(Utf8.REJECT, run(hex("f0 8f")));
    }

    @Test
    void everyTwoByteSequenceAgreesWithTheJdk() {
        byte[] b = new byte[2];
        for (int i = 0; i < 65536; i++) {
            b[0] = (byte) (i >>> 8);
            b[1] = (byte) i;
            assertEquals(jdkValid(b), run(b) == Utf8.ACCEPT, () -> hex(b));
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
                    assertEquals(jdkValid(b), run(b) == Utf8.ACCEPT, () -> hex(b));
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
            assertEquals(expected, run(b) == Utf8.ACCEPT, () -> hex(b));
            int split = random.nextInt(b.length + 1);
            ByteBuffer buf = ByteBuffer.wrap(b);
            int s = Utf8.validate(buf, 0, split, Utf8.ACCEPT);
            s = Utf8.validate(buf, split, b.length - split, s);
            assertEquals(expected, s == Utf8.ACCEPT, () -> hex(b) + " split at " + split);
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
                        int expected = bad >= 0 ? Utf8.REJECT : Utf8.ACCEPT;
                        assertEquals(expected, Utf8.validate(buf, offset, length, Utf8.ACCEPT),
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
            int s = Utf8.ACCEPT;
            for (int i = 0; i < b.length; i += piece) {
                s = Utf8.validate(buf, i, Math.min(piece, b.length - i), s);
                assertNotEquals(Utf8.REJECT, s);
            }
            assertEquals(Utf8.ACCEPT, s);
        }
        assertEquals(Utf8.ACCEPT, Utf8.validate(b, 0, b.length, Utf8.ACCEPT));
    }

    @Test
    void surrogatesAndCodePointsAboveTheMaximumAreRejectedAtTheirSecondByte() {
        for (int second = 0xA0; second <= 0xBF; second++) {
            assertEquals(Utf8.REJECT, Utf8.step(Utf8.step(Utf8.ACCEPT, (byte) 0xED), (byte) second));
        }
        for (int second = 0x90; second <= 0xBF; second++) {
            assertEquals(Utf8.REJECT, Utf8.step(Utf8.step(Utf8.ACCEPT, (byte) 0xF4), (byte) second));
        }
        for (int lead = 0xF5; lead <= 0xFF; lead++) {
            assertEquals(Utf8.REJECT, Utf8.step(Utf8.ACCEPT, (byte) lead));
        }
        // U+D7FF and U+E000 on either side of the surrogates, U+10FFFF the last code point
        assertEquals(Utf8.ACCEPT, run("\uD7FF\uE000\uDBFF\uDFFF".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void overlongFormsOfEveryLengthAreRejected() {
        // '/' (U+002F) written in two, three and four bytes; U+07FF in three; U+FFFF in four
        for (String v : new String[] {"c0 af", "e0 80 af", "f0 80 80 af", "e0 9f bf", "f0 8f bf bf"}) {
            assertEquals(Utf8.REJECT, run(hex(v)), v);
        }
    }

    @Test
    void aCharacterCutAtAPieceEndIsPendingUntilTheNextPiece() {
        byte[] euro = hex("e2 82 ac");
        for (int cut = 1; cut < euro.length; cut++) {
            int s = Utf8.validate(euro, 0, cut, Utf8.ACCEPT);
            assertNotEquals(Utf8.ACCEPT, s, "cut after " + cut);
            assertNotEquals(Utf8.REJECT, s, "cut after " + cut);
            assertEquals(Utf8.ACCEPT, Utf8.validate(euro, cut, euro.length - cut, s), "cut after " + cut);
        }
        // a message that ends there is incomplete: what follows in the next message cannot finish it
        int pending = Utf8.validate(hex("f0 9f 98"), 0, 3, Utf8.ACCEPT);
        assertNotEquals(Utf8.ACCEPT, pending);
        assertEquals(Utf8.REJECT, Utf8.validate(hex("41"), 0, 1, pending));
    }

    @Test
    void byteByByteAgreesWithWholeForRandomInput() {
        Random random = new Random(76);
        byte[] alphabet = hex("00 7f 80 9f a0 bf c2 df e0 ed ef f0 f4 f5");
        for (int n = 0; n < 20_000; n++) {
            byte[] b = new byte[random.nextInt(10)];
            for (int i = 0; i < b.length; i++) {
                b[i] = alphabet[random.nextInt(alphabet.length)];
            }
            int s = Utf8.ACCEPT;
            for (byte x : b) {
                s = Utf8.step(s, x);
            }
            assertEquals(run(b), s, () -> hex(b));
            assertEquals(jdkValid(b), s == Utf8.ACCEPT, () -> hex(b));
        }
    }

    @Test
    void everyFourByteSequenceWithAFourByteLeadAgreesWithTheJdk() {
        byte[] b = new byte[4];
        for (int lead = 0xF0; lead <= 0xF7; lead++) {
            for (int second = 0x78; second < 0xC8; second++) {
                for (int third : new int[] {0x7f, 0x80, 0xbf, 0xc0}) {
                    for (int fourth : new int[] {0x7f, 0x80, 0xa5, 0xbf, 0xc0}) {
                        b[0] = (byte) lead;
                        b[1] = (byte) second;
                        b[2] = (byte) third;
                        b[3] = (byte) fourth;
                        assertEquals(jdkValid(b), run(b) == Utf8.ACCEPT, () -> hex(b));
                    }
                }
            }
        }
    }

    @Test
    void isValidLooksAtPositionToLimitOnly() {
        ByteBuffer buf = ByteBuffer.wrap(hex("ff 41 c3 a9 ff"));
        buf.position(1).limit(4);
        assertTrue(Utf8.isValid(buf));
        assertEquals(1, buf.position());
        buf.limit(3);
        assertFalse(Utf8.isValid(buf));
    }
}
