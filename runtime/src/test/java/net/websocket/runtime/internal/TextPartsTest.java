package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** {@link TextParts}: parts of whole characters, whatever the split of the bytes. */
class TextPartsTest {

    /** One, two, three and four bytes a character. */
    private static final String TEXT = "a\u00e9\u20ac\ud834\udd1ez";

    @Test
    void everySplitIntoTwoPiecesGivesWholeCharactersThatJoinToTheMessage() {
        byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            TextParts parts = new TextParts();
            String a = parts.next(ByteBuffer.wrap(bytes, 0, cut), true, false);
            String b = parts.next(ByteBuffer.wrap(bytes, cut, bytes.length - cut), false, true);
            String joined = (a == null ? "" : a) + b;
            assertEquals(TEXT, joined, "cut at " + cut);
            assertFalse(joined.contains("\ufffd"), "cut at " + cut);
        }
    }

    @Test
    void byteByByteEachPartIsAWholeCharacterOrNothing() {
        byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
        TextParts parts = new TextParts();
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            String part = parts.next(ByteBuffer.wrap(bytes, i, 1), i == 0, i == bytes.length - 1);
            if (part != null) {
                assertEquals(1, part.codePointCount(0, part.length()), "byte " + i);
                assertEquals(part.getBytes(StandardCharsets.UTF_8).length, parts.byteLength());
                joined.append(part);
            }
        }
        assertEquals(TEXT, joined.toString());
        assertEquals(0, parts.carried());
    }

    @Test
    void anIncompleteCharacterWaitsAndAnEmptyLastPartIsGiven() {
        TextParts parts = new TextParts();
        byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);
        assertNull(parts.next(ByteBuffer.wrap(euro, 0, 2), true, false));
        assertEquals(2, parts.carried());
        assertEquals("\u20ac", parts.next(ByteBuffer.wrap(euro, 2, 1), false, false));
        assertEquals("", parts.next(ByteBuffer.allocate(0), false, true));
    }

    @Test
    void aNewMessageDropsWhatAnUnfinishedOneLeft() {
        TextParts parts = new TextParts();
        byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);
        assertNull(parts.next(ByteBuffer.wrap(euro, 0, 1), true, false));
        assertEquals("x", parts.next(ByteBuffer.wrap(new byte[] {'x'}), true, true));
    }

    @Test
    void theBytesOfThePieceAreNotConsumed() {
        ByteBuffer piece = ByteBuffer.wrap("abc".getBytes(StandardCharsets.UTF_8));
        new TextParts().next(piece, true, true);
        assertEquals(3, piece.remaining());
    }
}
