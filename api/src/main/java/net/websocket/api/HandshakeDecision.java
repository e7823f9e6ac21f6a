package net.websocket.api;

import java.util.Objects;

/** What a {@link HandshakeHook} decided. Make one with the static methods. */
public sealed interface HandshakeDecision {

    /**
     * Accept, adding {@code headers} to the 101 response, give the connection {@code state}, and give it these
     * settings instead of its route's or the server's.
     */
    record Accept(Headers headers, Object state, ConnectionOverrides overrides) implements HandshakeDecision {
        public Accept {
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(overrides, "overrides");
        }

        /** An acceptance that overrides no settings. */
        public Accept(Headers headers, Object state) {
            this(headers, state, ConnectionOverrides.none());
        }

        /**
         * This acceptance with these settings for the connection (replacing the overrides it had).
         */
        public Accept with(ConnectionOverrides overrides) {
            return new Accept(headers, state, overrides);
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

    /**
     * Accept, giving the connection these settings instead of its route's or the server's.
     */
    static HandshakeDecision accept(ConnectionOverrides overrides) {
        return new Accept(Headers.empty(), null, overrides);
    }

    static HandshakeDecision reject(int status, String body) {
        return new Reject(status, Headers.empty(), body);
    }

    static HandshakeDecision reject(int status, Headers headers, String body) {
        return new Reject(status, headers, body);
    }
}
