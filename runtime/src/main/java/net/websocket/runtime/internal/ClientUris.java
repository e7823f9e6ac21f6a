package net.websocket.runtime.internal;

import java.net.URI;
import java.util.Locale;

/**
 * The parts of a {@code ws://} or {@code wss://} URI a client needs to reach its server, and its {@code http}/
 * {@code https} form, with which proxy selectors, cookie stores and authenticators are asked (they know HTTP's
 * schemes, not WebSocket's: RFC 6455 section 3 makes the two correspond).
 */
final class ClientUris {

    private ClientUris() {
    }

    /** Whether the URI's scheme is {@code wss} (or {@code https}). */
    static boolean secure(URI uri) {
        String s = uri.getScheme().toLowerCase(Locale.ROOT);
        return s.equals("wss") || s.equals("https");
    }

    /** The URI's port, or the scheme's default (443 when secure, 80 otherwise). */
    static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : secure(uri) ? 443 : 80;
    }

    /** The URI's host, without the brackets of an IPv6 literal. */
    static String host(URI uri) {
        String h = uri.getHost();
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    /** {@code host:port} as a {@code CONNECT} request names it (an IPv6 literal in brackets), the port explicit. */
    static String authority(URI uri) {
        String h = host(uri);
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + port(uri);
    }

    /** The same URI with {@code http} for {@code ws} and {@code https} for {@code wss}; others as they are. */
    static URI httpForm(URI uri) {
        String s = uri.getScheme().toLowerCase(Locale.ROOT);
        String to = s.equals("ws") ? "http" : s.equals("wss") ? "https" : null;
        if (to == null) {
            return uri;
        }
        return URI.create(to + uri.toString().substring(uri.getScheme().length()));
    }

    /** The same URI with {@code ws} for {@code http} and {@code wss} for {@code https}; others as they are. */
    static URI wsForm(URI uri) {
        String s = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String to = s.equals("http") ? "ws" : s.equals("https") ? "wss" : null;
        if (to == null) {
            return uri;
        }
        return URI.create(to + uri.toString().substring(uri.getScheme().length()));
    }
}
