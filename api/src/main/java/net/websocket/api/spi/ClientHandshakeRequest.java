package net.websocket.api.spi;

import java.net.URI;
import java.util.List;
import java.util.Objects;

import net.websocket.api.Headers;

/**
 * What the client side of a handshake asks for. Immutable.
 *
 * <p>A final class rather than a record, so that what a client can ask for can grow without changing its shape for
 * the variants that read it.
 */
public final class ClientHandshakeRequest {

    private final URI uri;
    private final Headers headers;
    private final List<String> subprotocols;

    /**
     * A request.
     *
     * @param uri          the {@code ws://} or {@code wss://} URI
     * @param headers      extra request headers (e.g. {@code Origin}, cookies)
     * @param subprotocols subprotocols to offer, in order of preference
     */
    public ClientHandshakeRequest(URI uri, Headers headers, List<String> subprotocols) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.headers = Objects.requireNonNull(headers, "headers");
        this.subprotocols = List.copyOf(subprotocols);
    }

    /** @return the {@code ws://} or {@code wss://} URI */
    public URI uri() {
        return uri;
    }

    /** @return extra request headers (e.g. {@code Origin}, cookies) */
    public Headers headers() {
        return headers;
    }

    /** @return the subprotocols to offer, in order of preference; unmodifiable */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /** {@return whether the URI asks for TLS: its scheme is {@code wss}, in any case} */
    public boolean secure() {
        return "wss".equalsIgnoreCase(uri.getScheme());
    }

    /**
     * {@return the {@code Host} header value: host, and the port unless it is the scheme's default} An IPv6 address
     * is written in brackets.
     */
    public String hostHeader() {
        String host = uri.getHost();
        if (host != null && host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        int port = uri.getPort();
        boolean dflt = port < 0 || (secure() ? port == 443 : port == 80);
        return dflt ? host : host + ":" + port;
    }

    /** {@return the request target: the raw path (or {@code /}) and the raw query, e.g. {@code /chat?room=1}} */
    public String target() {
        String path = uri.getRawPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        String q = uri.getRawQuery();
        return q == null ? path : path + "?" + q;
    }

    /** Equal when URI, headers and subprotocols are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ClientHandshakeRequest r && uri.equals(r.uri) && headers.equals(r.headers)
                && subprotocols.equals(r.subprotocols);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, headers, subprotocols);
    }

    @Override
    public String toString() {
        return "ClientHandshakeRequest[uri=" + uri + ", headers=" + headers + ", subprotocols=" + subprotocols + "]";
    }
}
