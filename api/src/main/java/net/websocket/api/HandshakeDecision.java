package net.websocket.api;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** What a {@link HandshakeHook} decided. Make one with the static methods. */
public sealed interface HandshakeDecision {

    /**
     * Accept, adding {@code headers} to the 101 response, give the connection {@code state}, and give it these
     * settings instead of its route's or the server's. An acceptance may also answer with another of the offered
     * subprotocols than the one the {@link ServiceMapper} chose ({@link #withSubprotocol}), and narrow the
     * extensions the connection may agree ({@link #withExtensions}): a hook that negotiates for a framework with
     * rules of its own (a Jakarta WebSocket configurator's {@code getNegotiatedSubprotocol} and
     * {@code getNegotiatedExtensions}) decides there.
     *
     * <p>A final class rather than a record, so that what an acceptance can carry can grow without changing its
     * shape for those who read it.
     */
    final class Accept implements HandshakeDecision {

        private final Headers headers;
        private final Object state;
        private final ConnectionOverrides overrides;
        /** {@code null}: the mapper's choice stands; {@code ""}: none. */
        private final String subprotocol;
        /** {@code null}: every extension the server has. */
        private final Set<String> extensions;

        /**
         * An acceptance.
         *
         * @param headers   headers to add to the 101 response
         * @param state     the connection's state object ({@code Connection.state()}), or {@code null}
         * @param overrides the settings the connection gets instead of its route's or the server's
         */
        public Accept(Headers headers, Object state, ConnectionOverrides overrides) {
            this(headers, state, overrides, null, null);
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

        private Accept(Headers headers, Object state, ConnectionOverrides overrides, String subprotocol,
                Set<String> extensions) {
            this.headers = Objects.requireNonNull(headers, "headers");
            this.state = state;
            this.overrides = Objects.requireNonNull(overrides, "overrides");
            this.subprotocol = subprotocol;
            this.extensions = extensions;
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
         * The subprotocol to answer with instead of the one the {@link ServiceMapper} chose.
         *
         * @return empty when the mapper's choice stands (the default); the empty string to answer with none; else
         *         the subprotocol, one the client offered
         */
        public Optional<String> subprotocol() {
            return Optional.ofNullable(subprotocol);
        }

        /**
         * The names of the extensions the connection may agree, of those the server has and the client offered.
         *
         * @return empty when every extension the server has may be agreed (the default); else the names, an empty
         *         set for none
         */
        public Optional<Set<String>> extensions() {
            return Optional.ofNullable(extensions);
        }

        /**
         * This acceptance with these settings for the connection (replacing the overrides it had).
         *
         * @param overrides the settings
         * @return the new acceptance
         */
        public Accept with(ConnectionOverrides overrides) {
            return new Accept(headers, state, overrides, subprotocol, extensions);
        }

        /**
         * This acceptance answering with {@code subprotocol} instead of the subprotocol the {@link ServiceMapper}
         * chose. It must be one the client offered in {@code Sec-WebSocket-Protocol}
         * ({@link HandshakeRequest#offeredSubprotocols()}); the server answers a handshake whose hook chose another
         * with 500, as it answers a hook that fails. The endpoint stays the one the mapper chose.
         *
         * @param subprotocol the subprotocol; the empty string for none
         * @return the new acceptance
         * @throws NullPointerException if {@code subprotocol} is {@code null}
         */
        public Accept withSubprotocol(String subprotocol) {
            return new Accept(headers, state, overrides, Objects.requireNonNull(subprotocol, "subprotocol"),
                    extensions);
        }

        /**
         * This acceptance letting the connection agree only the extensions of these names (e.g.
         * {@code permessage-deflate}): the server negotiates those of them it has and the client offered, with the
         * parameters it would have agreed anyway, and declines the others (it leaves them out of its answer).
         *
         * @param names the names of the extensions the connection may agree; empty for none
         * @return the new acceptance
         * @throws NullPointerException if {@code names} or one of them is {@code null}
         */
        public Accept withExtensions(Collection<String> names) {
            return new Accept(headers, state, overrides, subprotocol, Set.copyOf(names));
        }

        /** Equal when headers, state, overrides, subprotocol and extensions are equal. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Accept a && headers.equals(a.headers) && Objects.equals(state, a.state)
                    && overrides.equals(a.overrides) && Objects.equals(subprotocol, a.subprotocol)
                    && Objects.equals(extensions, a.extensions);
        }

        @Override
        public int hashCode() {
            return Objects.hash(headers, state, overrides, subprotocol, extensions);
        }

        @Override
        public String toString() {
            return "Accept[headers=" + headers + ", state=" + state + ", overrides=" + overrides
                    + (subprotocol == null ? "" : ", subprotocol=" + subprotocol)
                    + (extensions == null ? "" : ", extensions=" + extensions) + "]";
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
