package net.websocket.api;

import java.util.Objects;

/**
 * An HTTP response head as a client received it in the opening handshake.
 *
 * @param httpVersion e.g. {@code HTTP/1.1}
 * @param status      the status code, 101 on success
 * @param reason      the reason phrase, possibly empty
 * @param headers     the header fields
 */
public record HandshakeResponse(String httpVersion, int status, String reason, Headers headers) {
    /**
     * A response head.
     *
     * @param httpVersion e.g. {@code HTTP/1.1}
     * @param status      the status code, 101 on success
     * @param reason      the reason phrase, possibly empty, not {@code null}
     * @param headers     the header fields
     * @throws NullPointerException if {@code httpVersion}, {@code reason} or {@code headers} is {@code null}
     */
    public HandshakeResponse {
        Objects.requireNonNull(httpVersion, "httpVersion");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(headers, "headers");
    }

    /**
     * {@return the status line, e.g. {@code HTTP/1.1 101 Switching Protocols}} Without the reason phrase when it is
     * empty ({@code HTTP/1.1 101}).
     */
    public String statusLine() {
        return httpVersion + " " + status + (reason.isEmpty() ? "" : " " + reason);
    }
}
