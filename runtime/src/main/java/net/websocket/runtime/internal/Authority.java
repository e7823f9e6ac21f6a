package net.websocket.runtime.internal;

import java.util.Locale;

/**
 * The authority of a URI or a {@code Host} field (RFC 3986 section 3.2, RFC 9110 section 7.2): a host and an
 * optional port, without user information. Parsed strictly: a reg-name or IPv4 address of unreserved characters,
 * percent-escapes and sub-delims, or an IP literal in brackets; a port of at most five digits.
 *
 * @param host the host, lower case (an IP literal keeps its brackets)
 * @param port the port, or -1 when none is given
 */
record Authority(String host, int port) {

    /** The authority {@code text} stands for, or {@code null} if it is not one (empty, user information, ...). */
    static Authority parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String host;
        String port;
        if (text.charAt(0) == '[') {
            int close = text.indexOf(']');
            if (close < 2 || !literal(text, 1, close)) {
                return null;
            }
            host = text.substring(0, close + 1);
            String rest = text.substring(close + 1);
            if (rest.isEmpty()) {
                port = "";
            } else if (rest.charAt(0) == ':') {
                port = rest.substring(1);
            } else {
                return null;
            }
        } else {
            int colon = text.indexOf(':');
            if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) {
                return null;
            }
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? "" : text.substring(colon + 1);
            if (host.isEmpty() || !regName(host)) {
                return null;
            }
        }
        if (port.length() > 5) {
            return null;
        }
        for (int i = 0; i < port.length(); i++) {
            if (port.charAt(i) < '0' || port.charAt(i) > '9') {
                return null;
            }
        }
        int p = port.isEmpty() ? -1 : Integer.parseInt(port);
        if (p > 65535) {
            return null;
        }
        return new Authority(host.toLowerCase(Locale.ROOT), p);
    }

    /** Whether both name the same host and port, a missing port standing for {@code defaultPort}. */
    boolean sameAs(Authority other, int defaultPort) {
        int mine = port < 0 ? defaultPort : port;
        int theirs = other.port < 0 ? defaultPort : other.port;
        return host.equals(other.host) && mine == theirs;
    }

    /** reg-name / IPv4address: unreserved, pct-encoded, sub-delims. */
    private static boolean regName(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || !hex(s.charAt(i + 1)) || !hex(s.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (!unreserved(c) && "!$&'()*+,;=".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** What may stand between the brackets of an IP literal (IPv6 address or IPvFuture). */
    private static boolean literal(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!unreserved(c) && c != ':' && "!$&'()*+,;=".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                || c == '_' || c == '~';
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
