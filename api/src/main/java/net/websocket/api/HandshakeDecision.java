package net.websocket.api;

import java.util.Objects;

/** What a {@link HandshakeHook} decided. Make one with the static methods. */
public sealed interface HandshakeDecision {

    /** Accept, adding {@code headers} to the 101 response, and give the connection {@code state}. */
    record Accept(Headers headers, Object state) implements HandshakeDecision {
        public Accept {
            Objects.requireNonNull(headers, "headers");
        }
    }

    /**
     * Refuse with this HTTP status (4xx or 5xx), extra response headers and a plain-text body (which may be empty).
     */
    record Reject(int status, Headers headers, String body) implements HandshakeDecision {
        public Reject {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("a rejection needs a 4xx or 5xx status, not " + status);
            }
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(body, "body");
        }
    }

    static HandshakeDecision accept() {
        return new Accept(Headers.empty(), null);
    }

    static HandshakeDecision accept(Object state) {
        return new Accept(Headers.empty(), state);
    }

    static HandshakeDecision accept(Headers headers, Object state) {
        return new Accept(headers, state);
    }

    static HandshakeDecision reject(int status, String body) {
        return new Reject(status, Headers.empty(), body);
    }

    static HandshakeDecision reject(int status, Headers headers, String body) {
        return new Reject(status, headers, body);
    }
}
