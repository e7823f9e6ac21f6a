package net.websocket.runtime;

import java.time.Duration;

import net.websocket.api.spi.EngineConfig;

/**
 * Limits and timeouts of a {@link net.websocket.api.WebSocketClient} and its connections. Immutable; build with
 * {@link #builder()}. What a single connection asks for (headers, subprotocols, variant, connect timeout, listener)
 * is in {@link net.websocket.api.ConnectRequest} instead.
 */
public final class ClientOptions {

    private final long maxFrameSize;
    private final long maxMessageSize;
    private final int maxResponseHeadSize;
    private final Duration idleTimeout;
    private final Duration closeTimeout;
    private final int streamFragmentSize;
    private final int outboundQueueLimit;
    private final int inboundQueueLimit;
    private final int ioThreads;
    private final boolean dropIncomingPings;

    private ClientOptions(Builder b) {
        this.maxFrameSize = b.maxFrameSize;
        this.maxMessageSize = b.maxMessageSize;
        this.maxResponseHeadSize = b.maxResponseHeadSize;
        this.idleTimeout = b.idleTimeout;
        this.closeTimeout = b.closeTimeout;
        this.streamFragmentSize = b.streamFragmentSize;
        this.outboundQueueLimit = b.outboundQueueLimit;
        this.inboundQueueLimit = b.inboundQueueLimit;
        this.ioThreads = b.ioThreads;
        this.dropIncomingPings = b.dropIncomingPings;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ClientOptions defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxFrameSize = maxFrameSize;
        b.maxMessageSize = maxMessageSize;
        b.maxResponseHeadSize = maxResponseHeadSize;
        b.idleTimeout = idleTimeout;
        b.closeTimeout = closeTimeout;
        b.streamFragmentSize = streamFragmentSize;
        b.outboundQueueLimit = outboundQueueLimit;
        b.inboundQueueLimit = inboundQueueLimit;
        b.ioThreads = ioThreads;
        b.dropIncomingPings = dropIncomingPings;
        return b;
    }

    /** The largest frame payload accepted; larger frames are refused with 1009 before they are read. */
    public long maxFrameSize() {
        return maxFrameSize;
    }

    /** The largest reassembled message accepted; refused with 1009 before the frame that exceeds it is read. */
    public long maxMessageSize() {
        return maxMessageSize;
    }

    /** The largest HTTP response head (status line and headers) accepted from a server. */
    public int maxResponseHeadSize() {
        return maxResponseHeadSize;
    }

    /** How long a connection may receive nothing before it is closed; {@link Duration#ZERO} never. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** How long to wait for the server's part of the closing handshake before dropping the connection. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** The fragment size of streamed sends. */
    public int streamFragmentSize() {
        return streamFragmentSize;
    }

    /** Bytes queued for sending per connection beyond which blocking sends wait. */
    public int outboundQueueLimit() {
        return outboundQueueLimit;
    }

    /** Bytes received and not yet taken by the application beyond which the socket is no longer read. */
    public int inboundQueueLimit() {
        return inboundQueueLimit;
    }

    /** The number of selector (I/O) threads; they are daemon threads and stop by themselves when idle. */
    public int ioThreads() {
        return ioThreads;
    }

    /** Whether received pings are left unanswered ({@code false} by default). */
    public boolean dropIncomingPings() {
        return dropIncomingPings;
    }

    /** Builds {@link ClientOptions}. */
    public static final class Builder {
        private long maxFrameSize = EngineConfig.DEFAULT_LIMIT;
        private long maxMessageSize = EngineConfig.DEFAULT_LIMIT;
        // as large as common server limits on request heads; a 101 response is far smaller
        private int maxResponseHeadSize = 8192;
        private Duration idleTimeout = Duration.ofSeconds(300);
        private Duration closeTimeout = Duration.ofSeconds(5);
        private int streamFragmentSize = 64 * 1024;
        private int outboundQueueLimit = 4 * 1024 * 1024;
        private int inboundQueueLimit = 4 * 1024 * 1024;
        private int ioThreads = 1;
        private boolean dropIncomingPings;

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

        public Builder maxResponseHeadSize(int bytes) {
            this.maxResponseHeadSize = (int) positive(bytes, "maxResponseHeadSize");
            return this;
        }

        /** Idle timeout; {@link Duration#ZERO} disables it. */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = notNegative(d, "idleTimeout");
            return this;
        }

        /** Close timeout; {@link Duration#ZERO} disables it (wait for the server forever). */
        public Builder closeTimeout(Duration d) {
            this.closeTimeout = notNegative(d, "closeTimeout");
            return this;
        }

        public Builder streamFragmentSize(int bytes) {
            this.streamFragmentSize = (int) positive(bytes, "streamFragmentSize");
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

        public Builder ioThreads(int threads) {
            this.ioThreads = (int) positive(threads, "ioThreads");
            return this;
        }

        /** Leaves received pings unanswered (off by default). */
        public Builder dropIncomingPings(boolean drop) {
            this.dropIncomingPings = drop;
            return this;
        }

        public ClientOptions build() {
            return new ClientOptions(this);
        }

        private static long positive(long v, String what) {
            if (v <= 0) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return v;
        }

        private static Duration notNegative(Duration d, String what) {
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative");
            }
            return d;
        }
    }
}
