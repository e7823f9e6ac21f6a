package net.websocket.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a client asks for when it connects: extra headers, subprotocols to offer, the protocol variant, a timeout, and optionally a {@link Listener} to receive events
 * instead of the blocking receive methods. Immutable; build with {@link #builder()}.
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

    private ConnectRequest(Builder b) {
        this.headers = b.headers;
        this.subprotocols = List.copyOf(b.subprotocols);
        this.variant = b.variant;
        this.timeout = b.timeout;
        this.listener = b.listener;
        this.overrides = b.overrides;
    }

    public static ConnectRequest defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Extra request headers. */
    public Headers headers() {
        return headers;
    }

    /** Subprotocols to offer, in order of preference. */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /** The variant's name, {@link #RFC6455} by default. */
    public String variant() {
        return variant;
    }

    /** How long the TCP connect plus opening handshake may take; 30 s by default. */
    public Duration timeout() {
        return timeout;
    }

    /** The listener to deliver events to, or {@code null} for the blocking receive methods. */
    public Listener listener() {
        return listener;
    }

    /**
     * The settings this connection has instead of the client's (limits, timeouts, keepalive, queues, error policy);
     * none by default.
     */
    public ConnectionOverrides overrides() {
        return overrides;
    }

    public Builder toBuilder() {
        return new Builder().headers(headers).subprotocols(subprotocols).variant(variant).timeout(timeout)
                .listener(listener).overrides(overrides);
    }

    /** Builds a {@link ConnectRequest}. */
    public static final class Builder {
        private Headers headers = Headers.empty();
        private List<String> subprotocols = List.of();
        private String variant = RFC6455;
        private Duration timeout = Duration.ofSeconds(30);
        private Listener listener;
        private ConnectionOverrides overrides = ConnectionOverrides.none();

        private Builder() {
        }

        public Builder headers(Headers headers) {
            this.headers = Objects.requireNonNull(headers);
            return this;
        }

        public Builder header(String name, String value) {
            this.headers = headers.toBuilder().add(name, value).build();
            return this;
        }

        public Builder subprotocols(List<String> subprotocols) {
            this.subprotocols = List.copyOf(subprotocols);
            return this;
        }

        public Builder subprotocols(String... subprotocols) {
            return subprotocols(List.of(subprotocols));
        }

        public Builder variant(String variant) {
            this.variant = Objects.requireNonNull(variant);
            return this;
        }

        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        public Builder listener(Listener listener) {
            this.listener = listener;
            return this;
        }

        public Builder overrides(ConnectionOverrides overrides) {
            this.overrides = Objects.requireNonNull(overrides, "overrides");
            return this;
        }

        public ConnectRequest build() {
            return new ConnectRequest(this);
        }
    }
}
