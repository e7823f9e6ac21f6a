package net.websocket.hybi00.internal;

/**
 * Checks UTF-8 one byte at a time, so a text message can be validated as its pieces arrive and rejected at its first
 * bad byte. Rejects overlong forms, surrogates (U+D800-U+DFFF), code points above U+10FFFF and stray continuation
 * bytes. Not thread-safe.
 */
final class Utf8Validator {

    private static final int CONTINUATION_MIN = 0x80;
    private static final int CONTINUATION_MAX = 0xBF;

    /** Continuation bytes still expected in the current character. */
    private int needed;
    /** The range the next continuation byte must fall in (narrower after some lead bytes). */
    private int lower = CONTINUATION_MIN;
    private int upper = CONTINUATION_MAX;

    /**
     * Takes the next byte.
     *
     * @param b the byte, 0-255
     * @return false if the byte cannot continue valid UTF-8
     */
    boolean accept(int b) {
        if (needed == 0) {
            if (b < 0x80) {
                return true;
            }
            if (b >= 0xC2 && b <= 0xDF) {
                needed = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                needed = 2;
                if (b == 0xE0) {
                    lower = 0xA0; // below this the 3-byte form is overlong
                } else if (b == 0xED) {
                    upper = 0x9F; // above this it encodes a surrogate
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                needed = 3;
                if (b == 0xF0) {
                    lower = 0x90; // below this the 4-byte form is overlong
                } else if (b == 0xF4) {
                    upper = 0x8F; // above this the code point exceeds U+10FFFF
                }
            } else {
                return false; // a continuation byte without a lead, or 0xC0, 0xC1, 0xF5-0xFF
            }
            return true;
        }
        if (b < lower || b > upper) {
            return false;
        }
        lower = CONTINUATION_MIN;
        upper = CONTINUATION_MAX;
        needed--;
        return true;
    }

    /** Whether the bytes so far end on a character boundary. */
    boolean atBoundary() {
        return needed == 0;
    }

    /** Forgets any partial character, for the next message. */
    void reset() {
        needed = 0;
        lower = CONTINUATION_MIN;
        upper = CONTINUATION_MAX;
    }
}
