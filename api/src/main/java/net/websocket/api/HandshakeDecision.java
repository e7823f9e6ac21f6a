package net.websocket.api;

import java.util.Objects;

/** What a {@link HandshakeHook} decided. Make one with the static methods. */
public sealed interface HandshakeDecision {

    /**
     * Accept, adding {@code headers} to the 101 response, give the connection {@code state}, and give it these
     * settings instead of its route's or the server's.
     *
     * <p>A final class rather than a record, so that what an acceptance can carry can grow without changing its
     * shape for those who read it.
     */
    final class Accept implements HandshakeDecision {

        private final Headers headers;
        private final Object state;
        private final ConnectionOverrides overrides;

        /**
         * An acceptance.
         *
         * @param headers   headers to add to the 101 response
         * @param state     the connection's state object ({@code Connection.state()}), or {@code null}
         * @param overrides the settings the connection gets instead of its route's or the server's
         */
        public Accept(Headers headers, Object state, ConnectionOverrides overrides) {
            this.headers = Objects.requireNonNull(headers, "headers");
            this.state = state;
            this.overrides = Objects.requireNonNull(overrides, "overrides");
        }

        /**
         * An acceptance that overrides no settings.
         *
         * @param headers headers to add to the 101 response
         * @param state   the connection's state object, or {@code null}
         */
        public Accept(Headers headers, Object state) {
            this(headers, state, ConnectionOverrides.none());
        }

        /** @return the headers to add to the 101 response */
        public Headers headers() {
            return headers;
        }

        /** @return the connection's state object, or {@code null} */
        public Object state() {
            return state;
        }

        /** @return the settings the connection gets instead of its route's or the server's */
        public ConnectionOverrides overrides() {
            return overrides;
        }

        /**
         * This acceptance with these settings for the connection (replacing the overrides it had).
         *
         * @param overrides the settings
         * @return the new acceptance
         */
        public Accept with(ConnectionOverrides overrides) {
            return new Accept(headers, state, overrides);
        }

        /** Equal when headers, state and overrides are equal. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Accept a && headers.equals(a.headers) && Objects.equals(state, a.state)
                    && overrides.equals(a.overrides);
        }

        @Override
        public int hashCode() {
            return Objects.hash(headers, state, overrides);
        }

        @Override
        public String toString() {
            return "Accept[headers=" + headers + ", state=" + state + ", overrides=" + overrides + "]";
        }
    }

    /**
     * Refuse with this HTTP status (4xx or 5xx), extra response headers and a plain-text body (which may be empty).
     */
    record Reject(int status, Headers headers, String body) implements HandshakeDecision {
        /**
         * A rejection.
         *
         * @param status  the HTTP status, 400 to 599
         * @param headers headers to add to the response
         * @param body    the plain-text body, possibly empty
         * @throws IllegalArgumentException if {@code status} is not 4xx or 5xx
         * @throws NullPointerException     if {@code headers} or {@code body} is {@code null}
         */
        public Reject {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("a rejection needs a 4xx or 5xx status, not " + status);
            }
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(body, "body");
        }
    }

    /** {@return an acceptance with no extra headers, no state and no overrides} */
    static HandshakeDecision accept() {
        return new Accept(Headers.empty(), null);
    }

    /**
     * {@return an acceptance that gives the connection {@code state}, with no extra headers and no overrides}
     *
     * @param state the connection's state object ({@code Connection.state()}), or {@code null}
     */
    static HandshakeDecision accept(Object state) {
        return new Accept(Headers.empty(), state);
    }

    /**
     * {@return an acceptance that adds {@code headers} to the 101 response and gives the connection {@code state}}
     *
     * @param headers headers to add to the 101 response; not {@code null}
     * @param state   the connection's state object ({@code Connection.state()}), or {@code null}
     */
    static HandshakeDecision accept(Headers headers, Object state) {
        return new Accept(headers, state);
    }

    /**
     * Accept, giving the connection these settings instead of its route's or the server's.
     *
     * @param overrides the settings; not {@code null}
     * @return an acceptance with no extra headers and no state
     */
    static HandshakeDecision accept(ConnectionOverrides overrides) {
        return new Accept(Headers.empty(), null, overrides);
    }

    /**
     * {@return a rejection with this status and body and no extra headers}
     *
     * @param status the HTTP status, 400 to 599
     * @param body   the plain-text body, possibly empty; not {@code null}
     * @throws IllegalArgumentException if {@code status} is not 4xx or 5xx
     */
    static HandshakeDecision reject(int status, String body) {
        return new Reject(status, Headers.empty(), body);
    }

    /**
     * {@return a rejection with this status, extra response headers and body}
     *
     * @param status  the HTTP status, 400 to 599
     * @param headers headers to add to the response (e.g. {@code WWW-Authenticate}); not {@code null}
     * @param body    the plain-text body, possibly empty; not {@code null}
     * @throws IllegalArgumentException if {@code status} is not 4xx or 5xx
     */
    static HandshakeDecision reject(int status, Headers headers, String body) {
        return new Reject(status, headers, body);
    }
}
