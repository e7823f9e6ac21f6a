package net.websocket.api.spi;

import java.net.URI;
import java.util.List;
import java.util.Objects;

import net.websocket.api.Headers;

/**
 * What the client side of a handshake asks for.
 *
 * @param uri          the {@code ws://} or {@code wss://} URI
 * @param headers      extra request headers (e.g. {@code Origin}, cookies)
 * @param subprotocols subprotocols to offer, in order of preference
 */
public record ClientHandshakeRequest(URI uri, Headers headers, List<String> subprotocols) {
    public ClientHandshakeRequest {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(headers, "headers");
        subprotocols = List.copyOf(subprotocols);
    }

    /** Whether the URI asks for TLS. */
    public boolean secure() {
        return "wss".equalsIgnoreCase(uri.getScheme());
    }

    /** The {@code Host} header value: host, and the port unless it is the scheme's default. */
    public String hostHeader() {
        String host = uri.getHost();
        if (host != null && host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        int port = uri.getPort();
        boolean dflt = port < 0 || (secure() ? port == 443 : port == 80);
        return dflt ? host : host + ":" + port;
    }

    /** The request target: the raw path (or {@code /}) and the raw query. */
    public String target() {
        String path = uri.getRawPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        String q = uri.getRawQuery();
        return q == null ? path : path + "?" + q;
    }
}
