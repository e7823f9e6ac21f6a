package net.websocket.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Settings of one connection that differ from those of its server or client: limits, timeouts, keepalive, queues
 * and the error policy. Each setting is either set here or left to the next level down. The levels, most specific
 * first:
 * <ol>
 * <li>the {@link HandshakeDecision.Accept} of the handshake hook (one connection), or the client's
 * {@link ConnectRequest#overrides()};</li>
 * <li>the {@link ServiceMapper} entry the handshake was routed to ({@link ServiceMapper.RouteEntry#with});</li>
 * <li>its route ({@link ServiceMapper.Builder#route(String, ConnectionOverrides, ServiceMapper.RouteEntry...)});</li>
 * <li>the server's or client's options.</li>
 * </ol>
 * Settings that apply before a request is routed (the handshake timeout, the request-head size, the connection
 * count) are the server's alone.
 *
 * <p>A duration of {@link Duration#ZERO} turns off what it times (the idle timeout, the close timeout, keepalive), as
 * it does in the options. Immutable and thread-safe; build with {@link #builder()}.
 */
public final class ConnectionOverrides {

    private static final ConnectionOverrides NONE = builder().build();

    private final Long maxFrameSize;
    private final Long maxMessageSize;
    private final Duration idleTimeout;
    private final Duration closeTimeout;
    private final Duration pingInterval;
    private final Duration pongTimeout;
    private final Boolean dropIncomingPings;
    private final Boolean propagateProtocolErrors;
    private final Integer outboundQueueLimit;
    private final Integer inboundQueueLimit;
    private final Integer streamFragmentSize;

    private ConnectionOverrides(Builder b) {
        this.maxFrameSize = b.maxFrameSize;
        this.maxMessageSize = b.maxMessageSize;
        this.idleTimeout = b.idleTimeout;
        this.closeTimeout = b.closeTimeout;
        this.pingInterval = b.pingInterval;
        this.pongTimeout = b.pongTimeout;
        this.dropIncomingPings = b.dropIncomingPings;
        this.propagateProtocolErrors = b.propagateProtocolErrors;
        this.outboundQueueLimit = b.outboundQueueLimit;
        this.inboundQueueLimit = b.inboundQueueLimit;
        this.streamFragmentSize = b.streamFragmentSize;
    }

    /** Overrides nothing. */
    public static ConnectionOverrides none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether this overrides nothing. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /**
     * These overrides, then {@code more} on top: each setting {@code more} has replaces this one's.
     */
    public ConnectionOverrides then(ConnectionOverrides more) {
        Objects.requireNonNull(more, "more");
        if (more.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return more;
        }
        Builder b = toBuilder();
        b.maxFrameSize = pick(more.maxFrameSize, maxFrameSize);
        b.maxMessageSize = pick(more.maxMessageSize, maxMessageSize);
        b.idleTimeout = pick(more.idleTimeout, idleTimeout);
        b.closeTimeout = pick(more.closeTimeout, closeTimeout);
        b.pingInterval = pick(more.pingInterval, pingInterval);
        b.pongTimeout = pick(more.pongTimeout, pongTimeout);
        b.dropIncomingPings = pick(more.dropIncomingPings, dropIncomingPings);
        b.propagateProtocolErrors = pick(more.propagateProtocolErrors, propagateProtocolErrors);
        b.outboundQueueLimit = pick(more.outboundQueueLimit, outboundQueueLimit);
        b.inboundQueueLimit = pick(more.inboundQueueLimit, inboundQueueLimit);
        b.streamFragmentSize = pick(more.streamFragmentSize, streamFragmentSize);
        return b.build();
    }

    private static <T> T pick(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    /** The largest frame payload accepted, in bytes. */
    public OptionalLong maxFrameSize() {
        return maxFrameSize == null ? OptionalLong.empty() : OptionalLong.of(maxFrameSize);
    }

    /** The largest message accepted, in bytes. */
    public OptionalLong maxMessageSize() {
        return maxMessageSize == null ? OptionalLong.empty() : OptionalLong.of(maxMessageSize);
    }

    /** How long the connection may receive nothing; zero for no limit. */
    public Optional<Duration> idleTimeout() {
        return Optional.ofNullable(idleTimeout);
    }

    /** How long to wait for the peer's close frame after ours; zero to wait forever. */
    public Optional<Duration> closeTimeout() {
        return Optional.ofNullable(closeTimeout);
    }

    /** The keepalive ping interval; zero for no keepalive. */
    public Optional<Duration> pingInterval() {
        return Optional.ofNullable(pingInterval);
    }

    /**
     * How long after a keepalive ping the peer must show a sign of life. When the ping interval is overridden and
     * this is not, it is the level below's explicit pong timeout if it has one, else the new ping interval.
     */
    public Optional<Duration> pongTimeout() {
        return Optional.ofNullable(pongTimeout);
    }

    /** Whether received pings go unanswered. */
    public Optional<Boolean> dropIncomingPings() {
        return Optional.ofNullable(dropIncomingPings);
    }

    /** Whether the peer's protocol errors reach the endpoint. */
    public Optional<Boolean> propagateProtocolErrors() {
        return Optional.ofNullable(propagateProtocolErrors);
    }

    /** How many bytes may wait to be written before blocking sends wait and reads pause. */
    public OptionalInt outboundQueueLimit() {
        return outboundQueueLimit == null ? OptionalInt.empty() : OptionalInt.of(outboundQueueLimit);
    }

    /** How many received bytes may wait for the endpoint before reading from the socket pauses. */
    public OptionalInt inboundQueueLimit() {
        return inboundQueueLimit == null ? OptionalInt.empty() : OptionalInt.of(inboundQueueLimit);
    }

    /** The fragment size of messages sent through streams. */
    public OptionalInt streamFragmentSize() {
        return streamFragmentSize == null ? OptionalInt.empty() : OptionalInt.of(streamFragmentSize);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxFrameSize = maxFrameSize;
        b.maxMessageSize = maxMessageSize;
        b.idleTimeout = idleTimeout;
        b.closeTimeout = closeTimeout;
        b.pingInterval = pingInterval;
        b.pongTimeout = pongTimeout;
        b.dropIncomingPings = dropIncomingPings;
        b.propagateProtocolErrors = propagateProtocolErrors;
        b.outboundQueueLimit = outboundQueueLimit;
        b.inboundQueueLimit = inboundQueueLimit;
        b.streamFragmentSize = streamFragmentSize;
        return b;
    }

    private Object[] values() {
        return new Object[] {maxFrameSize, maxMessageSize, idleTimeout, closeTimeout, pingInterval, pongTimeout,
            dropIncomingPings, propagateProtocolErrors, outboundQueueLimit, inboundQueueLimit, streamFragmentSize};
    }

    private static final String[] NAMES = {"maxFrameSize", "maxMessageSize", "idleTimeout", "closeTimeout",
        "pingInterval", "pongTimeout", "dropIncomingPings", "propagateProtocolErrors", "outboundQueueLimit",
        "inboundQueueLimit", "streamFragmentSize"};

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionOverrides other && java.util.Arrays.equals(values(), other.values());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(values());
    }

    /** Lists the settings overridden, e.g. {@code ConnectionOverrides[maxMessageSize=65536, idleTimeout=PT5S]}. */
    @Override
    public String toString() {
        Object[] v = values();
        List<String> set = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            if (v[i] != null) {
                set.add(NAMES[i] + "=" + v[i]);
            }
        }
        return "ConnectionOverrides" + set;
    }

    /** Builds {@link ConnectionOverrides}; a setting never called is not overridden. */
    public static final class Builder {
        private Long maxFrameSize;
        private Long maxMessageSize;
        private Duration idleTimeout;
        private Duration closeTimeout;
        private Duration pingInterval;
        private Duration pongTimeout;
        private Boolean dropIncomingPings;
        private Boolean propagateProtocolErrors;
        private Integer outboundQueueLimit;
        private Integer inboundQueueLimit;
        private Integer streamFragmentSize;

        private Builder() {
        }

        public Builder maxFrameSize(long bytes) {
            this.maxFrameSize = positive(bytes, "maxFrameSize");
            return this;
        }

        public Builder maxMessageSize(long bytes) {
            this.maxMessageSize = positive(bytes, "maxMessageSize");
            return this;
        }

        /** Idle timeout; {@link Duration#ZERO} turns it off. */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = notNegative(d, "idleTimeout");
            return this;
        }

        /** Close timeout; {@link Duration#ZERO} waits for the peer forever. */
        public Builder closeTimeout(Duration d) {
            this.closeTimeout = notNegative(d, "closeTimeout");
            return this;
        }

        /** Keepalive ping interval; {@link Duration#ZERO} turns keepalive off. */
        public Builder pingInterval(Duration d) {
            this.pingInterval = notNegative(d, "pingInterval");
            return this;
        }

        public Builder pongTimeout(Duration d) {
            if (notNegative(d, "pongTimeout").isZero()) {
                throw new IllegalArgumentException("pongTimeout must be positive");
            }
            this.pongTimeout = d;
            return this;
        }

        public Builder dropIncomingPings(boolean drop) {
            this.dropIncomingPings = drop;
            return this;
        }

        public Builder propagateProtocolErrors(boolean propagate) {
            this.propagateProtocolErrors = propagate;
            return this;
        }

        public Builder outboundQueueLimit(int bytes) {
            this.outboundQueueLimit = (int) positive(bytes, "outboundQueueLimit");
            return this;
        }

        public Builder inboundQueueLimit(int bytes) {
            this.inboundQueueLimit = (int) positive(bytes, "inboundQueueLimit");
            return this;
        }

        public Builder streamFragmentSize(int bytes) {
            this.streamFragmentSize = (int) positive(bytes, "streamFragmentSize");
            return this;
        }

        public ConnectionOverrides build() {
            return new ConnectionOverrides(this);
        }

        private static long positive(long v, String what) {
            if (v <= 0) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return v;
        }

        private static Duration notNegative(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative");
            }
            return d;
        }
    }
}
