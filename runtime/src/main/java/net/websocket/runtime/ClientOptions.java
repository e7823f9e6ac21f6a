package net.websocket.runtime;

import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.ExtensionFactory;

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
    private final Supplier<List<ExtensionFactory>> extensions;
    private final Duration pingInterval;
    private final Duration pongTimeout;
    private final boolean propagateProtocolErrors;
    private final SSLContext sslContext;
    private final boolean hostnameVerification;

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
        this.extensions = b.extensions;
        this.pingInterval = b.pingInterval;
        this.pongTimeout = b.pongTimeout;
        this.propagateProtocolErrors = b.propagateProtocolErrors;
        this.sslContext = b.sslContext;
        this.hostnameVerification = b.hostnameVerification;
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
        b.extensions = extensions;
        b.pingInterval = pingInterval;
        b.pongTimeout = pongTimeout;
        b.propagateProtocolErrors = propagateProtocolErrors;
        b.sslContext = sslContext;
        b.hostnameVerification = hostnameVerification;
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

    /**
     * How long a connection may receive nothing from the server before it is closed with 1001 "idle timeout" (300 s
     * by default; {@link Duration#ZERO} never); counted as {@link ServerOptions#idleTimeout()} is.
     */
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

    /**
     * Where the extensions (e.g. permessage-deflate) this client may negotiate come from: consulted at every handshake
     * and passed to the protocol variant in {@link EngineConfig#extensions()}, in order of preference. By default
     * the factories {@link java.util.ServiceLoader} finds (those of the {@code net.websocket.deflate} module, when it
     * is present); none when turned off with {@code Builder.extensions()} without arguments.
     */
    public Supplier<List<ExtensionFactory>> extensions() {
        return extensions;
    }

    /**
     * Keepalive ping interval, 15 s by default, {@link Duration#ZERO} for none; see
     * {@link ServerOptions#pingInterval()}, which works the same way.
     */
    public Duration pingInterval() {
        return pingInterval;
    }

    /** How long to wait for a sign of life after a keepalive ping; by default the {@link #pingInterval()}. */
    public Duration pongTimeout() {
        return pongTimeout != null ? pongTimeout : pingInterval;
    }

    /** Whether {@link #pongTimeout()} follows the ping interval because none was set. */
    public boolean pongTimeoutFollowsPingInterval() {
        return pongTimeout == null;
    }

    /**
     * Whether the server's protocol errors are reported to the application; see
     * {@link ServerOptions#propagateProtocolErrors()}, which works the same way.
     */
    public boolean propagateProtocolErrors() {
        return propagateProtocolErrors;
    }

    /**
     * The TLS context for {@code wss://} connections: its trust managers decide which server certificates are
     * accepted. The JVM's default context (the default trust store) unless set.
     */
    public SSLContext sslContext() {
        if (sslContext != null) {
            return sslContext;
        }
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    /**
     * Whether a {@code wss://} server's certificate must name the URI's host (endpoint identification "HTTPS", RFC 2818
     * and RFC 6125); {@code true} by default. Turn it off only when the trust managers pin the certificate itself.
     */
    public boolean hostnameVerification() {
        return hostnameVerification;
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
        private Supplier<List<ExtensionFactory>> extensions = ServiceLoaded.EXTENSIONS;
        private Duration pingInterval = ServerOptions.DEFAULT_PING_INTERVAL;
        private Duration pongTimeout;
        private boolean propagateProtocolErrors;
        private SSLContext sslContext;
        private boolean hostnameVerification = true;

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

        /**
         * Negotiates these extensions, in order of preference; with no arguments, none (this turns compression
         * off).
         */
        public Builder extensions(ExtensionFactory... factories) {
            List<ExtensionFactory> list = List.of(factories);
            this.extensions = () -> list;
            return this;
        }

        /** Negotiates the extensions {@code source} lists at each handshake (e.g. the services present in OSGi). */
        public Builder extensions(Supplier<List<ExtensionFactory>> source) {
            this.extensions = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Keepalive ping interval; {@link Duration#ZERO} disables keepalive. */
        public Builder pingInterval(Duration d) {
            this.pingInterval = notNegative(d, "pingInterval");
            return this;
        }

        /** How long to wait for a sign of life after a keepalive ping; {@code null} for the ping interval. */
        public Builder pongTimeout(Duration d) {
            if (d != null && (d.isNegative() || d.isZero())) {
                throw new IllegalArgumentException("pongTimeout must be positive");
            }
            this.pongTimeout = d;
            return this;
        }

        /** Reports the server's protocol errors to the application. */
        public Builder propagateProtocolErrors(boolean propagate) {
            this.propagateProtocolErrors = propagate;
            return this;
        }

        /** The TLS context for {@code wss://}; {@code null} for the JVM's default. */
        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        /** Whether the server certificate must name the host; on by default. */
        public Builder hostnameVerification(boolean verify) {
            this.hostnameVerification = verify;
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
