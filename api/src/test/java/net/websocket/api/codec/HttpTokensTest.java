package net.websocket.api.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The token rule of RFC 9110 section 5.6.2, character by character. */
class HttpTokensTest {

    /** tchar, spelled out as in the RFC. */
    private static final String TCHARS = "!#$%&'*+-.^_`|~0123456789"
            + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    @Test
    void exactlyTheRfcsCharactersAreTokenCharacters() {
        for (int c = 0; c < 256; c++) {
            assertEquals(TCHARS.indexOf(c) >= 0, HttpTokens.isTokenChar(c), "character " + c);
        }
        assertFalse(HttpTokens.isTokenChar(0x100 + 'a'), "beyond Latin-1");
        assertFalse(HttpTokens.isTokenChar(-1));
    }

    @Test
    void tokens() {
        assertTrue(HttpTokens.isToken("websocket"));
        assertTrue(HttpTokens.isToken("permessage-deflate"));
        assertTrue(HttpTokens.isToken("x!#$%&'*+-.^_`|~9"));
        assertFalse(HttpTokens.isToken(""));
        assertFalse(HttpTokens.isToken(null));
        assertFalse(HttpTokens.isToken("two words"));
        assertFalse(HttpTokens.isToken("a,b"));
        assertFalse(HttpTokens.isToken("a;b=c"));
        assertFalse(HttpTokens.isToken("\"quoted\""));
        assertFalse(HttpTokens.isToken("tab\there"));
        assertFalse(HttpTokens.isToken("caf\u00e9"));
        assertFalse(HttpTokens.isToken("del\u007f"));
        for (char d : "\"(),/:;<=>?@[\\]{}".toCharArray()) {
            assertFalse(HttpTokens.isToken("a" + d + "b"), String.valueOf(d));
        }
    }
}
