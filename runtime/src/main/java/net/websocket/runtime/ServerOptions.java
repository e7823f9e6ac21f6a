package net.websocket.runtime;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

import net.websocket.api.HandshakeHook;
import net.websocket.api.spi.EngineConfig;

/**
 * How a server listens and what it allows. Immutable; build with {@link #builder()}. Every limit has a default
 * suited to a public-facing server.
 */
public final class ServerOptions {

    /** Default port when none is given (as rfc6455's examples). */
    public static final int DEFAULT_PORT = 8081;

    private final InetSocketAddress address;
    private final int backlog;
    private final long maxFrameSize;
    private final long maxMessageSize;
    private final int maxRequestHeadSize;
    private final int maxConnections;
    private final Duration handshakeTimeout;
    private final Duration idleTimeout;
    private final Duration closeTimeout;
    private final Duration shutdownTimeout;
    private final int streamFragmentSize;
    private final int outboundQueueLimit;
    private final int inboundQueueLimit;
    private final int ioThreads;
    private final HandshakeHook handshakeHook;
    private final boolean dropIncomingPings;

    private ServerOptions(Builder b) {
        this.address = b.address;
        this.backlog = b.backlog;
        this.maxFrameSize = b.maxFrameSize;
        this.maxMessageSize = b.maxMessageSize;
        this.maxRequestHeadSize = b.maxRequestHeadSize;
        this.maxConnections = b.maxConnections;
        this.handshakeTimeout = b.handshakeTimeout;
        this.idleTimeout = b.idleTimeout;
        this.closeTimeout = b.closeTimeout;
        this.shutdownTimeout = b.shutdownTimeout;
        this.streamFragmentSize = b.streamFragmentSize;
        this.outboundQueueLimit = b.outboundQueueLimit;
        this.inboundQueueLimit = b.inboundQueueLimit;
        this.ioThreads = b.ioThreads;
        this.handshakeHook = b.handshakeHook;
        this.dropIncomingPings = b.dropIncomingPings;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ServerOptions defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.address = address;
        b.backlog = backlog;
        b.maxFrameSize = maxFrameSize;
        b.maxMessageSize = maxMessageSize;
        b.maxRequestHeadSize = maxRequestHeadSize;
        b.maxConnections = maxConnections;
        b.handshakeTimeout = handshakeTimeout;
        b.idleTimeout = idleTimeout;
        b.closeTimeout = closeTimeout;
        b.shutdownTimeout = shutdownTimeout;
        b.streamFragmentSize = streamFragmentSize;
        b.outboundQueueLimit = outboundQueueLimit;
        b.inboundQueueLimit = inboundQueueLimit;
        b.ioThreads = ioThreads;
        b.handshakeHook = handshakeHook;
        b.dropIncomingPings = dropIncomingPings;
        return b;
    }

    /** The address and port to listen on; port 0 picks a free port (see {@code WebSocketServer.port()}). */
    public InetSocketAddress address() {
        return address;
    }

    /** The listen backlog (net/websocket's {@code #:max-waiting}). */
    public int backlog() {
        return backlog;
    }

    /** The largest frame payload accepted; larger frames are refused with 1009 before they are read. */
    public long maxFrameSize() {
        return maxFrameSize;
    }

    /** The largest reassembled message accepted; refused with 1009 before the frame that exceeds it is read. */
    public long maxMessageSize() {
        return maxMessageSize;
    }

    /** The largest HTTP request head (request line and headers) accepted; larger ones get 431. */
    public int maxRequestHeadSize() {
        return maxRequestHeadSize;
    }

    /** The most WebSocket connections open at once; more handshakes get 503. */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * How long a client has to send its whole handshake request, body included (slowloris guard); a client that is
     * too slow has its socket closed without an answer.
     */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /**
     * How long a connection may receive nothing before it is closed (rfc6455's {@code ws-idle-timeout}): the server
     * then starts a closing handshake with 1001 "idle timeout". Time during which the server itself stops reading
     * (its handler is behind) does not count. {@link Duration#ZERO} disables it.
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** How long to wait for the peer's answer to our close frame before dropping the connection. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** How long {@code close()} waits for closing handshakes when the server stops. */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** The fragment size of streamed sends (rfc6455's {@code rfc6455-stream-buffer-size}). */
    public int streamFragmentSize() {
        return streamFragmentSize;
    }

    /** Bytes queued for sending per connection beyond which blocking sends wait. */
    public int outboundQueueLimit() {
        return outboundQueueLimit;
    }

    /** Bytes received and not yet taken by the handler beyond which the socket is no longer read. */
    public int inboundQueueLimit() {
        return inboundQueueLimit;
    }

    /** The number of selector (I/O) threads; the first also accepts, and accepted sockets go round-robin. */
    public int ioThreads() {
        return ioThreads;
    }

    /** The hook that sees each handshake ({@code #:conn-headers}); accepts all by default. */
    public HandshakeHook handshakeHook() {
        return handshakeHook;
    }

    /**
     * Whether received pings are left unanswered ({@code false} by default: every ping is answered with a pong
     * carrying its payload, as RFC 6455 section 5.5.2 requires). Listeners see pings either way.
     */
    public boolean dropIncomingPings() {
        return dropIncomingPings;
    }

    /** Builds {@link ServerOptions}. */
    public static final class Builder {
        private InetSocketAddress address = new InetSocketAddress(loopback(), DEFAULT_PORT);
        private int backlog = 1024;
        private long maxFrameSize = EngineConfig.DEFAULT_LIMIT;
        private long maxMessageSize = EngineConfig.DEFAULT_LIMIT;
        private int maxRequestHeadSize = 8192;
        private int maxConnections = 100_000;
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofSeconds(300);
        private Duration closeTimeout = Duration.ofSeconds(5);
        private Duration shutdownTimeout = Duration.ofSeconds(5);
        private int streamFragmentSize = 64 * 1024;
        private int outboundQueueLimit = 4 * 1024 * 1024;
        private int inboundQueueLimit = 4 * 1024 * 1024;
        private int ioThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        private HandshakeHook handshakeHook = HandshakeHook.ACCEPT_ALL;
        private boolean dropIncomingPings;

        private Builder() {
        }

        /** Listens on this address and port. */
        public Builder address(InetSocketAddress address) {
            this.address = Objects.requireNonNull(address);
            return this;
        }

        /** Listens on this host (name or literal; {@code null} or {@code "*"} for every interface) and port. */
        public Builder listen(String host, int port) {
            if (host == null || host.equals("*")) {
                return address(new InetSocketAddress(port));
            }
            try {
                return address(new InetSocketAddress(InetAddress.getByName(host), port));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("unknown host " + host, e);
            }
        }

        /** Keeps the host, changes the port (0 = any free port). */
        public Builder port(int port) {
            this.address = new InetSocketAddress(address.getAddress(), port);
            return this;
        }

        public Builder backlog(int backlog) {
            this.backlog = positive(backlog, "backlog");
            return this;
        }

        public Builder maxFrameSize(long bytes) {
            this.maxFrameSize = positive(bytes, "maxFrameSize");
            return this;
        }

        public Builder maxMessageSize(long bytes) {
            this.maxMessageSize = positive(bytes, "maxMessageSize");
            return this;
        }

        public Builder maxRequestHeadSize(int bytes) {
            this.maxRequestHeadSize = positive(bytes, "maxRequestHeadSize");
            return this;
        }

        public Builder maxConnections(int count) {
            this.maxConnections = positive(count, "maxConnections");
            return this;
        }

        public Builder handshakeTimeout(Duration d) {
            this.handshakeTimeout = positive(d, "handshakeTimeout");
            return this;
        }

        /** Idle timeout; {@link Duration#ZERO} disables it. */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = notNegative(d, "idleTimeout");
            return this;
        }

        /** Close timeout; {@link Duration#ZERO} disables it (wait for the peer forever). */
        public Builder closeTimeout(Duration d) {
            this.closeTimeout = notNegative(d, "closeTimeout");
            return this;
        }

        public Builder shutdownTimeout(Duration d) {
            this.shutdownTimeout = notNegative(d, "shutdownTimeout");
            return this;
        }

        public Builder streamFragmentSize(int bytes) {
            this.streamFragmentSize = positive(bytes, "streamFragmentSize");
            return this;
        }

        public Builder outboundQueueLimit(int bytes) {
            this.outboundQueueLimit = positive(bytes, "outboundQueueLimit");
            return this;
        }

        public Builder inboundQueueLimit(int bytes) {
            this.inboundQueueLimit = positive(bytes, "inboundQueueLimit");
            return this;
        }

        public Builder ioThreads(int threads) {
            this.ioThreads = positive(threads, "ioThreads");
            return this;
        }

        public Builder handshakeHook(HandshakeHook hook) {
            this.handshakeHook = Objects.requireNonNull(hook);
            return this;
        }

        /** Leaves received pings unanswered (for tests and special peers; off by default). */
        public Builder dropIncomingPings(boolean drop) {
            this.dropIncomingPings = drop;
            return this;
        }

        public ServerOptions build() {
            return new ServerOptions(this);
        }

        private static InetAddress loopback() {
            return InetAddress.getLoopbackAddress();
        }

        private static int positive(int v, String what) {
            if (v <= 0) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return v;
        }

        private static long positive(long v, String what) {
            if (v <= 0) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return v;
        }

        private static Duration positive(Duration d, String what) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return d;
        }

        private static Duration notNegative(Duration d, String what) {
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative");
            }
            return d;
        }
    }
}
