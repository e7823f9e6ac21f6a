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
    public HandshakeResponse {
        Objects.requireNonNull(httpVersion, "httpVersion");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(headers, "headers");
    }

    /** The status line, e.g. {@code HTTP/1.1 101 Switching Protocols}. */
    public String statusLine() {
        return httpVersion + " " + status + (reason.isEmpty() ? "" : " " + reason);
    }
}
