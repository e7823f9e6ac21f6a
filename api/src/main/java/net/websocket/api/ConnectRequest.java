package net.websocket.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.net.ssl.SSLContext;

/**
 * What a client asks for when it connects: extra headers, subprotocols and extensions to offer, the protocol
 * variant, a timeout, optionally a TLS context of its own for {@code wss://}, and optionally a {@link Listener} to
 * receive events instead of the blocking receive methods. Immutable; build with {@link #builder()}.
 */
public final class ConnectRequest {
    /** The name of the standard variant. */
    public static final String RFC6455 = "rfc6455";
    /** The name of the draft variant. */
    public static final String HYBI00 = "hybi00";

    private static final ConnectRequest DEFAULTS = builder().build();

    private final Headers headers;
    private final List<String> subprotocols;
    private final String variant;
    private final Duration timeout;
    private final Listener listener;
    private final ConnectionOverrides overrides;
    private final List<String> extensions;
    private final SSLContext sslContext;

    private ConnectRequest(Builder b) {
        this.headers = b.headers;
        this.subprotocols = List.copyOf(b.subprotocols);
        this.variant = b.variant;
        this.timeout = b.timeout;
        this.listener = b.listener;
        this.overrides = b.overrides;
        this.extensions = b.extensions;
        this.sslContext = b.sslContext;
    }

    /** {@return the default request: RFC 6455, no extra headers, no subprotocols, 30 s, no listener, no overrides} */
    public static ConnectRequest defaults() {
        return DEFAULTS;
    }

    /** {@return a builder starting from the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the extra request headers, empty by default} */
    public Headers headers() {
        return headers;
    }

    /** {@return the subprotocols to offer, in order of preference; unmodifiable, empty by default} */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /** {@return the variant's name, {@link #RFC6455} by default} */
    public String variant() {
        return variant;
    }

    /** {@return how long the TCP connect plus opening handshake may take; 30 s by default} */
    public Duration timeout() {
        return timeout;
    }

    /** {@return the listener to deliver events to, or {@code null} for the blocking receive methods} */
    public Listener listener() {
        return listener;
    }

    /**
     * {@return the settings this connection has instead of the client's (limits, timeouts, keepalive, queues, error
     * policy); none by default}
     */
    public ConnectionOverrides overrides() {
        return overrides;
    }

    /**
     * {@return the names of the extensions to offer, in order of preference, when the request chooses them; empty
     * (the default) to offer every extension the client has, in the client's order}
     */
    public Optional<List<String>> extensions() {
        return Optional.ofNullable(extensions);
    }

    /**
     * {@return the TLS context of this connection, when the request has one of its own: for a {@code wss://} URI it
     * decides, instead of the client's, which server certificates are trusted and which client certificate is shown;
     * empty (the default) for the client's}
     */
    public Optional<SSLContext> sslContext() {
        return Optional.ofNullable(sslContext);
    }

    /** {@return a builder starting from this request} */
    public Builder toBuilder() {
        Builder b = new Builder().headers(headers).subprotocols(subprotocols).variant(variant).timeout(timeout)
                .listener(listener).overrides(overrides).sslContext(sslContext);
        b.extensions = extensions;
        return b;
    }

    /** Builds a {@link ConnectRequest}. */
    public static final class Builder {
        private Headers headers = Headers.empty();
        private List<String> subprotocols = List.of();
        private String variant = RFC6455;
        private Duration timeout = Duration.ofSeconds(30);
        private Listener listener;
        private ConnectionOverrides overrides = ConnectionOverrides.none();
        private List<String> extensions;
        private SSLContext sslContext;

        private Builder() {
        }

        /**
         * Sets the extra request headers, replacing those set before.
         *
         * @param headers the headers; not {@code null}
         * @return this builder
         */
        public Builder headers(Headers headers) {
            this.headers = Objects.requireNonNull(headers);
            return this;
        }

        /**
         * Adds one extra request header after those set before.
         *
         * @param name  the field name; not empty
         * @param value the field value
         * @return this builder
         * @throws IllegalArgumentException if the name is empty, or the name or value contains CR, LF or NUL
         */
        public Builder header(String name, String value) {
            this.headers = headers.toBuilder().add(name, value).build();
            return this;
        }

        /**
         * Sets the subprotocols to offer, replacing those set before.
         *
         * @param subprotocols the subprotocols, in order of preference; may be empty, no element {@code null}
         * @return this builder
         */
        public Builder subprotocols(List<String> subprotocols) {
            this.subprotocols = List.copyOf(subprotocols);
            return this;
        }

        /**
         * Sets the subprotocols to offer, replacing those set before.
         *
         * @param subprotocols the subprotocols, in order of preference; none {@code null}
         * @return this builder
         */
        public Builder subprotocols(String... subprotocols) {
            return subprotocols(List.of(subprotocols));
        }

        /**
         * Sets the protocol variant to connect with.
         *
         * @param variant the variant's name, e.g. {@link #RFC6455} or {@link #HYBI00}; not {@code null}. A name no
         *                present variant has fails the connect, not this call
         * @return this builder
         */
        public Builder variant(String variant) {
            this.variant = Objects.requireNonNull(variant);
            return this;
        }

        /**
         * Sets how long the TCP connect plus opening handshake may take.
         *
         * @param timeout the time; positive
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Sets the listener to deliver the connection's events to.
         *
         * @param listener the listener, or {@code null} for the blocking receive methods
         * @return this builder
         */
        public Builder listener(Listener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Sets the settings this connection has instead of the client's, replacing those set before.
         *
         * @param overrides the settings; {@link ConnectionOverrides#none()} for the client's own
         * @return this builder
         */
        public Builder overrides(ConnectionOverrides overrides) {
            this.overrides = Objects.requireNonNull(overrides, "overrides");
            return this;
        }

        /**
         * Chooses the extensions this connection offers, by name (such as {@code permessage-deflate}), in order of
         * preference: of the extension factories the client has (its options'), those named here, in this order,
         * each with the offers its factory makes. A name the client has no factory for is not offered; an empty
         * list offers none. Without this call every extension of the client is offered.
         *
         * @param names the extensions' names (RFC 6455 extension tokens, compared without regard to case); none
         *              {@code null}
         * @return this builder
         */
        public Builder extensions(List<String> names) {
            this.extensions = List.copyOf(names);
            return this;
        }

        /**
         * Gives the connection a TLS context of its own for a {@code wss://} URI, in place of the client's: its trust
         * managers judge the server's certificate and its key managers choose the client certificate. The client's
         * other TLS settings (host name verification, protocol versions, cipher suites) still apply, and a redirect
         * the client follows keeps it. No effect on a {@code ws://} URI (nor on the TLS of a proxy's own address:
         * proxies are reached in plain TCP).
         *
         * @param context the context, or {@code null} (the default) for the client's
         * @return this builder
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        /** {@return a request with what was set, and the defaults for the rest} */
        public ConnectRequest build() {
            return new ConnectRequest(this);
        }
    }
}
