package net.websocket.api;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.net.ssl.SSLSession;

/**
 * The opening handshake request as the server received it: request line, headers and where it came from.
 * Immutable. The runtime builds it; variants and {@link HandshakeHook}s read it.
 *
 * <p>A final class rather than a record, so that what is known of a request can grow without changing its shape for
 * those who read it.
 */
public final class HandshakeRequest {

    private final String method;
    private final String target;
    private final String httpVersion;
    private final Headers headers;
    private final InetSocketAddress remoteAddress;
    private final InetSocketAddress localAddress;
    private final boolean secure;
    private final SSLSession sslSession;

    /**
     * A request as received.
     *
     * @param method        the request method, e.g. {@code GET}
     * @param target        the request target as sent, e.g. {@code /chat?room=1}
     * @param httpVersion   e.g. {@code HTTP/1.1}
     * @param headers       the header fields
     * @param remoteAddress the peer's address, or {@code null} if unknown
     * @param localAddress  the address the request arrived at, or {@code null} if unknown
     * @param secure        whether it arrived over TLS (wss)
     */
    public HandshakeRequest(String method, String target, String httpVersion, Headers headers,
            InetSocketAddress remoteAddress, InetSocketAddress localAddress, boolean secure) {
        this.method = Objects.requireNonNull(method, "method");
        this.target = Objects.requireNonNull(target, "target");
        this.httpVersion = Objects.requireNonNull(httpVersion, "httpVersion");
        this.headers = Objects.requireNonNull(headers, "headers");
        this.remoteAddress = remoteAddress;
        this.localAddress = localAddress;
        this.secure = secure;
        this.sslSession = null;
    }

    private HandshakeRequest(HandshakeRequest r, SSLSession sslSession) {
        this.method = r.method;
        this.target = r.target;
        this.httpVersion = r.httpVersion;
        this.headers = r.headers;
        this.remoteAddress = r.remoteAddress;
        this.localAddress = r.localAddress;
        this.secure = r.secure;
        this.sslSession = sslSession;
    }

    /**
     * {@return this request with the TLS session it arrived over} The runtime gives it to requests that arrived
     * over TLS, so that a {@link HandshakeHook} can decide by the client's certificate.
     *
     * @param session the TLS session, or {@code null} for none
     * @since 1.3
     */
    public HandshakeRequest withSslSession(SSLSession session) {
        return new HandshakeRequest(this, session);
    }

    /**
     * The TLS session the request arrived over, as {@link Connection#sslSession()} will give it once the connection
     * is open: the client's certificates ({@link SSLSession#getPeerCertificates()}) when the server asked for them,
     * the protocol and cipher suite.
     *
     * @return the TLS session; empty for a request over plain TCP, or one built without it
     * @since 1.3
     */
    public Optional<SSLSession> sslSession() {
        return Optional.ofNullable(sslSession);
    }

    /** @return the request method, e.g. {@code GET} */
    public String method() {
        return method;
    }

    /** @return the request target as sent, e.g. {@code /chat?room=1} */
    public String target() {
        return target;
    }

    /** @return the HTTP version, e.g. {@code HTTP/1.1} */
    public String httpVersion() {
        return httpVersion;
    }

    /** @return the header fields */
    public Headers headers() {
        return headers;
    }

    /** @return the peer's address, or {@code null} if unknown */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** @return the address the request arrived at, or {@code null} if unknown */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** @return whether it arrived over TLS (wss) */
    public boolean secure() {
        return secure;
    }

    /** {@return the request line, e.g. {@code GET /chat HTTP/1.1}} */
    public String requestLine() {
        return method + " " + target + " " + httpVersion;
    }

    /**
     * {@return the path part of the target (before any {@code ?}); for an absolute-form target, its path} Not
     * percent-decoded; a fragment ({@code #...}) is left out.
     */
    public String path() {
        String t = target;
        int scheme = t.indexOf("://");
        if (!t.startsWith("/") && scheme > 0) {
            int slash = t.indexOf('/', scheme + 3);
            t = slash < 0 ? "/" : t.substring(slash);
        }
        int q = t.indexOf('?');
        String p = q < 0 ? t : t.substring(0, q);
        int hash = p.indexOf('#');
        return hash < 0 ? p : p.substring(0, hash);
    }

    /** {@return the query part of the target after its first {@code ?}, without a fragment; empty if there is none} */
    public Optional<String> query() {
        int q = target.indexOf('?');
        if (q < 0) {
            return Optional.empty();
        }
        String s = target.substring(q + 1);
        int hash = s.indexOf('#');
        return Optional.of(hash < 0 ? s : s.substring(0, hash));
    }

    /** {@return the {@code Origin} header (RFC 6455) or, failing that, {@code Sec-WebSocket-Origin} (older drafts)} */
    public Optional<String> origin() {
        Optional<String> o = headers.first("Origin");
        return o.isPresent() ? o : headers.first("Sec-WebSocket-Origin");
    }

    /** {@return the {@code Host} header, if present} */
    public Optional<String> host() {
        return headers.first("Host");
    }

    /** {@return the tokens of {@code Sec-WebSocket-Protocol}, in the client's order; empty if the header is absent} */
    public List<String> offeredSubprotocols() {
        return headers.tokens("Sec-WebSocket-Protocol");
    }

    /** Equal when every part of the request is equal (the TLS session, a connection's state, aside). */
    @Override
    public boolean equals(Object o) {
        return o instanceof HandshakeRequest r && method.equals(r.method) && target.equals(r.target)
                && httpVersion.equals(r.httpVersion) && headers.equals(r.headers)
                && Objects.equals(remoteAddress, r.remoteAddress) && Objects.equals(localAddress, r.localAddress)
                && secure == r.secure;
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, target, httpVersion, headers, remoteAddress, localAddress, secure);
    }

    @Override
    public String toString() {
        return "HandshakeRequest[method=" + method + ", target=" + target + ", httpVersion=" + httpVersion
                + ", headers=" + headers + ", remoteAddress=" + remoteAddress + ", localAddress=" + localAddress
                + ", secure=" + secure + "]";
    }
}
