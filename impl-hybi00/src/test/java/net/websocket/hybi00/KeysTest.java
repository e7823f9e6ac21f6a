package net.websocket.hybi00;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import net.websocket.api.HandshakeException;
import net.websocket.hybi00.internal.Hybi00Keys;

import org.junit.jupiter.api.Test;

/** Key numbers, key generation and the challenge answer, checked against the draft's worked examples. */
class KeysTest {

    @Test
    void readsTheDraftsKeys() throws Exception {
        // digits 3626341780 over 4 spaces, and 1799227390 over 10 spaces
        assertEquals(906_585_445L, Hybi00Keys.parse("k", "3e6b263  4 17 80"));
        assertEquals(179_922_739L, Hybi00Keys.parse("k", "17  9 G`ZD9   2 2b 7X 3 /r90"));
        // digits 4146546015 over 5 spaces, 1299853100 over 5 spaces (the draft's opening example)
        assertEquals(829_309_203L, Hybi00Keys.parse("k", "4 @1  46546xW%0l 1 5"));
        assertEquals(259_970_620L, Hybi00Keys.parse("k", "12998 5 Y3 1  .P00"));
    }

    @Test
    void answersTheDraftsChallenges() {
        assertAnswer("4 @1  46546xW%0l 1 5", "12998 5 Y3 1  .P00", "^n:ds[4U", "8jKS'y:G*Co,Wxa-");
        assertAnswer("18x 6]8vM;54 *(5:  {   U1]8  z [  8", "1_ tx7X d  <  nw  334J702) 7]o}` 0", "Tm[K T2u",
                "fQJ,fN/4F4!~K~MH");
        assertAnswer("3e6b263  4 17 80", "17  9 G`ZD9   2 2b 7X 3 /r90", "WjN}|M(6", "n`9eBk9z$R8pOtVb");
    }

    private static void assertAnswer(String key1, String key2, String key3, String expected) {
        try {
            byte[] answer = Hybi00Keys.answer(Hybi00Keys.parse("k1", key1), Hybi00Keys.parse("k2", key2),
                    Wire.latin1(key3));
            assertArrayEquals(Wire.latin1(expected), answer);
            assertArrayEquals(Wire.challenge(key1, key2, Wire.latin1(key3)), answer);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void rejectsKeysWithoutSpaces() {
        HandshakeException e = assertThrows(HandshakeException.class, () -> Hybi00Keys.parse("Key1", "3e6b263417x80"));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("no spaces"), e.getMessage());
    }

    @Test
    void rejectsDigitsThatAreNotAMultipleOfTheSpaces() {
        // 1799227391 is not a multiple of 10
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> Hybi00Keys.parse("Key2", "17  9 G`ZD9   2 2b 7X 3 /r91"));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("not a multiple"), e.getMessage());
    }

    @Test
    void rejectsNumbersAbove32Bits() throws Exception {
        HandshakeException e = assertThrows(HandshakeException.class, () -> Hybi00Keys.parse("Key1", "42949 67296"));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("32 bits"), e.getMessage());
        // exactly 2^32-1 is fine
        assertEquals(4_294_967_295L, Hybi00Keys.parse("Key1", "42949 67295"));
        // digits that would overflow a long
        e = assertThrows(HandshakeException.class,
                () -> Hybi00Keys.parse("Key1", "9999999999 9999999999 9999999999"));
        assertEquals(400, e.status());
        // leading zeros do not count towards the size
        assertEquals(7, Hybi00Keys.parse("Key1", "0000000000000000000000000000 7"));
    }

    @Test
    void rejectsKeysWithoutDigits() {
        assertEquals(400, assertThrows(HandshakeException.class, () -> Hybi00Keys.parse("Key1", "a b c")).status());
    }

    @Test
    void generatedKeysFollowTheDraft() throws Exception {
        Random random = new SecureRandom();
        Set<Integer> spaceCounts = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            Hybi00Keys.Key key = Hybi00Keys.generate(random);
            String v = key.value();
            int spaces = 0;
            int noise = 0;
            for (char c : v.toCharArray()) {
                if (c == ' ') {
                    spaces++;
                } else if (c < '0' || c > '9') {
                    noise++;
                    assertTrue((c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x7E), "noise char " + (int) c);
                }
            }
            assertTrue(spaces >= 1 && spaces <= 12, v);
            assertTrue(noise >= 1 && noise <= 12, v);
            assertNotEquals(' ', v.charAt(0), v);
            assertNotEquals(' ', v.charAt(v.length() - 1), v);
            assertEquals(key.number(), Wire.keyNumber(v), v);
            assertEquals(key.number(), Hybi00Keys.parse("k", v), v);
            assertTrue(key.number() * spaces <= 0xFFFF_FFFFL, v);
            spaceCounts.add(spaces);

            byte[] key3 = new byte[8];
            random.nextBytes(key3);
            Hybi00Keys.Key other = Hybi00Keys.generate(random);
            assertArrayEquals(Wire.challenge(v, other.value(), key3),
                    Hybi00Keys.answer(key.number(), other.number(), key3));
        }
        assertTrue(spaceCounts.size() > 6, "space counts vary: " + spaceCounts);
    }
}
