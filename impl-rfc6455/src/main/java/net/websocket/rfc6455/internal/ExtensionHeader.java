package net.websocket.rfc6455.internal;

import java.util.ArrayList;
import java.util.List;

import net.websocket.api.codec.HttpTokens;
import net.websocket.api.spi.ExtensionParameters;

/**
 * Parses {@code Sec-WebSocket-Extensions} values (RFC 6455 section 9.1) into their elements:
 *
 * <pre>
 * extension-list = 1#extension
 * extension      = extension-token *( ";" extension-param )
 * extension-param = token [ "=" (token | quoted-string) ]
 * </pre>
 *
 * with optional whitespace around the separators, empty list elements ignored (RFC 9110 section 5.6.1), and
 * several header lines read as one list in order. A quoted value is unquoted and must then be a token (section 9.1).
 */
final class ExtensionHeader {

    /** The most elements accepted over all lines: far more than any real client offers; bounds the work. */
    static final int MAX_ELEMENTS = 64;

    /** The most parameters accepted in one element, for the same reason. */
    static final int MAX_PARAMETERS = 32;

    private final String s;
    private int i;

    private ExtensionHeader(String s) {
        this.s = s;
    }

    /**
     * The elements of all the header's values, in order.
     *
     * @throws IllegalArgumentException if a value does not follow the grammar, or there are too many elements or
     *                                  parameters
     */
    static List<ExtensionParameters> parse(List<String> values) {
        List<ExtensionParameters> out = new ArrayList<>();
        for (String v : values) {
            new ExtensionHeader(v).list(out);
        }
        return out;
    }

    /** The header value of a list of elements. */
    static String format(List<ExtensionParameters> elements) {
        StringBuilder b = new StringBuilder();
        for (ExtensionParameters e : elements) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(e.headerValue());
        }
        return b.toString();
    }

    private void list(List<ExtensionParameters> out) {
        while (true) {
            // empty elements and the separators between elements
            while (i < s.length() && (isWhitespace(s.charAt(i)) || s.charAt(i) == ',')) {
                i++;
            }
            if (i == s.length()) {
                return;
            }
            if (out.size() == MAX_ELEMENTS) {
                throw new IllegalArgumentException("more than " + MAX_ELEMENTS + " extensions");
            }
            out.add(element());
            skipWhitespace();
            if (i < s.length() && s.charAt(i) != ',') {
                throw error("expected ',' or ';'");
            }
        }
    }

    private ExtensionParameters element() {
        String name = token("an extension name");
        List<ExtensionParameters.Parameter> params = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (i == s.length() || s.charAt(i) != ';') {
                return new ExtensionParameters(name, params);
            }
            i++;
            skipWhitespace();
            String p = token("a parameter name");
            skipWhitespace();
            String value = null;
            if (i < s.length() && s.charAt(i) == '=') {
                i++;
                skipWhitespace();
                value = i < s.length() && s.charAt(i) == '"' ? quoted() : token("a parameter value");
            }
            if (params.size() == MAX_PARAMETERS) {
                throw new IllegalArgumentException("more than " + MAX_PARAMETERS + " parameters in one extension");
            }
            params.add(new ExtensionParameters.Parameter(p, value));
        }
    }

    private String token(String what) {
        int start = i;
        while (i < s.length() && HttpTokens.isTokenChar(s.charAt(i))) {
            i++;
        }
        if (i == start) {
            throw error("expected " + what);
        }
        return s.substring(start, i);
    }

    /** A quoted-string, unquoted; its content must be a token. */
    private String quoted() {
        i++; // the opening quote
        StringBuilder b = new StringBuilder();
        while (true) {
            if (i == s.length()) {
                throw error("unterminated quoted-string");
            }
            char c = s.charAt(i++);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                if (i == s.length()) {
                    throw error("unterminated quoted-string");
                }
                c = s.charAt(i++);
            }
            b.append(c);
        }
        String v = b.toString();
        if (!ExtensionParameters.isToken(v)) {
            throw error("a quoted value must be a token once unquoted (RFC 6455 section 9.1)");
        }
        return v;
    }

    private void skipWhitespace() {
        while (i < s.length() && isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("malformed Sec-WebSocket-Extensions \"" + s + "\" at " + i + ": "
                + what);
    }
}
