package net.websocket.api.codec;

/**
 * The HTTP token rule (RFC 9110 section 5.6.2), used wherever a header name, a subprotocol, an extension name or an
 * extension parameter must be a token: {@code tchar} is a visible ASCII character other than the delimiters
 * {@code "(),/:;<=>?@[\]{}}.
 */
public final class HttpTokens {

    private static final String DELIMITERS = "\"(),/:;<=>?@[\\]{}";

    private HttpTokens() {
    }

    /**
     * {@return whether {@code c} (a character, or a byte as 0-255) is a {@code tchar}}
     *
     * @param c a character or an unsigned byte value; anything outside 0x21-0x7E is not a {@code tchar}
     */
    public static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && DELIMITERS.indexOf(c) < 0;
    }

    /**
     * {@return whether {@code s} is a non-empty token; {@code false} for {@code null}}
     *
     * @param s the text to check, or {@code null}
     */
    public static boolean isToken(CharSequence s) {
        if (s == null || s.length() == 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
