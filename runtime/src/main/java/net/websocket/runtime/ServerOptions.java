package net.websocket.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import net.websocket.api.HandshakeHook;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.ExtensionFactory;

/**
 * How a server listens and what it allows. Immutable; build with {@link #builder()}. Every limit has a default
 * suited to a public-facing server.
 *
 * <h2>Refusals</h2>
 * Each refusal answers one handshake with a clear HTTP status and disturbs nothing else: a request head over
 * {@link #maxRequestHeadSize()} gets 431, a handshake beyond {@link #maxConnections()} gets 503, an origin the
 * {@link #originPolicy()} refuses gets {@link #accessDeniedStatus()} (403), a client too slow to send its head
 * within {@link #handshakeTimeout()} is dropped. Frames and messages over {@link #maxFrameSize()} and
 * {@link #maxMessageSize()} close that connection with 1009.
 */
public final class ServerOptions {

    /** Default port when none is given (as rfc6455's examples). */
    public static final int DEFAULT_PORT = 8081;

    /**
     * Default keepalive interval: well below the idle timeouts of common proxies and load balancers (often 30 to
     * 60 s), so that a quiet but healthy connection is not cut by them, and a dead peer is noticed within 30 s.
     */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(15);

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
    private final Supplier<List<ExtensionFactory>> extensions;
    private final Duration pingInterval;
    private final Duration pongTimeout;
    private final OriginPolicy originPolicy;
    private final int accessDeniedStatus;
    private final String accessDeniedBody;
    private final boolean propagateProtocolErrors;
    private final SSLContext tls;

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
        this.extensions = b.extensions;
        this.pingInterval = b.pingInterval;
        this.pongTimeout = b.pongTimeout;
        this.originPolicy = b.originPolicy;
        this.accessDeniedStatus = b.accessDeniedStatus;
        this.accessDeniedBody = b.accessDeniedBody;
        this.propagateProtocolErrors = b.propagateProtocolErrors;
        this.tls = b.tls;
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
        b.extensions = extensions;
        b.pingInterval = pingInterval;
        b.pongTimeout = pongTimeout;
        b.originPolicy = originPolicy;
        b.accessDeniedStatus = accessDeniedStatus;
        b.accessDeniedBody = accessDeniedBody;
        b.propagateProtocolErrors = propagateProtocolErrors;
        b.tls = tls;
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
     * How long a connection may receive nothing from the peer before it is closed (rfc6455's {@code ws-idle-timeout};
     * 300 s by default): the server then starts a closing handshake with 1001 "idle timeout". Any frame the peer
     * sends counts as activity, its pings included, but not the pongs answering our keepalive pings
     * ({@link #pingInterval()}), so keepalive does not keep an otherwise idle connection open. Time during which the
     * server itself stops reading (its handler is behind) does not count. {@link Duration#ZERO} disables it.
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * How long to wait for the peer's answer to our close frame before dropping the connection (5 s by default); also
     * how long the answer to the peer's close frame waits for an endpoint that does not take the messages that came
     * before it.
     */
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

    /**
     * Where the extensions (e.g. permessage-deflate) this server may negotiate come from: consulted at every handshake
     * and passed to the protocol variant in {@link EngineConfig#extensions()}, in order of preference. By default
     * the factories {@link java.util.ServiceLoader} finds (those of the {@code net.websocket.deflate} module, when it
     * is present); none when turned off with {@code Builder.extensions()} without arguments.
     */
    public Supplier<List<ExtensionFactory>> extensions() {
        return extensions;
    }

    /**
     * Keepalive: when nothing has been received for this long, the server sends a ping (15 s by default;
     * {@link Duration#ZERO} disables keepalive). If nothing at all (a pong or any other frame) arrives within
     * {@link #pongTimeout()} after it, the connection is considered dead: a close frame with 1001 "ping timeout" is
     * sent and the TCP connection dropped at once; the endpoint sees {@link net.websocket.api.CloseCodes#ABNORMAL}
     * "ping timeout". Time during which the server itself does not read (its endpoint is behind) or the peer is still
     * taking data we sent does not count against the peer. Only for variants that have ping frames (not hybi-00).
     * Pongs answering these pings are not reported to listeners.
     */
    public Duration pingInterval() {
        return pingInterval;
    }

    /** How long to wait for any sign of life after a keepalive ping; by default the {@link #pingInterval()}. */
    public Duration pongTimeout() {
        return pongTimeout != null ? pongTimeout : pingInterval;
    }

    /** Whether {@link #pongTimeout()} follows the ping interval because none was set. */
    public boolean pongTimeoutFollowsPingInterval() {
        return pongTimeout == null;
    }

    /**
     * Which origins may open connections, checked on every handshake before routing and the handshake hook; all by
     * default. A refused handshake is answered {@link #accessDeniedStatus()} with {@link #accessDeniedBody()}.
     */
    public OriginPolicy originPolicy() {
        return originPolicy;
    }

    /** The HTTP status a handshake from a refused origin gets; 403 by default. */
    public int accessDeniedStatus() {
        return accessDeniedStatus;
    }

    /** The plain-text body of the answer to a refused origin. */
    public String accessDeniedBody() {
        return accessDeniedBody;
    }

    /**
     * Whether protocol errors of the peer are reported to the endpoint ({@code false} by default: the runtime answers
     * them with the right close frame and closes, and the endpoint only sees the close). When {@code true}, a
     * {@link net.websocket.api.Listener} gets a {@link net.websocket.api.ProtocolException} in {@code onError} before
     * {@code onClose}, and a {@link net.websocket.api.Handler}'s blocking receive throws it (once the messages that
     * arrived before the error are taken) instead of returning {@code null}.
     */
    public boolean propagateProtocolErrors() {
        return propagateProtocolErrors;
    }

    /** The TLS context of a {@code wss://} server, if it serves TLS. */
    public Optional<SSLContext> tls() {
        return Optional.ofNullable(tls);
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
        private Supplier<List<ExtensionFactory>> extensions = ServiceLoaded.EXTENSIONS;
        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private Duration pongTimeout;
        private OriginPolicy originPolicy = OriginPolicy.any();
        private int accessDeniedStatus = 403;
        private String accessDeniedBody = "origin not allowed";
        private boolean propagateProtocolErrors;
        private SSLContext tls;

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
            this.pongTimeout = d == null ? null : positive(d, "pongTimeout");
            return this;
        }

        /** Decides which origins may connect. */
        public Builder originPolicy(OriginPolicy policy) {
            this.originPolicy = Objects.requireNonNull(policy);
            return this;
        }

        /** Lets only these origins connect (see {@link OriginPolicy#allowing}), on every path. */
        public Builder allowedOrigins(String... origins) {
            return originPolicy(OriginPolicy.allowing(List.of(origins)));
        }

        /** How a refused origin is answered: a 4xx status and a plain-text body. */
        public Builder accessDenied(int status, String body) {
            if (status < 400 || status > 499) {
                throw new IllegalArgumentException("access denied needs a 4xx status, not " + status);
            }
            this.accessDeniedStatus = status;
            this.accessDeniedBody = Objects.requireNonNull(body);
            return this;
        }

        /** Reports the peer's protocol errors to endpoints (see {@link ServerOptions#propagateProtocolErrors()}). */
        public Builder propagateProtocolErrors(boolean propagate) {
            this.propagateProtocolErrors = propagate;
            return this;
        }

        /** Serves TLS ({@code wss://}) with this context's key material; {@code null} for plain {@code ws://}. */
        public Builder tls(SSLContext context) {
            this.tls = context;
            return this;
        }

        /**
         * Serves TLS with the first key entry of a key store file (PKCS12 or JKS, recognised by its content),
         * whose store and key share {@code password}.
         *
         * @throws IOException if the file cannot be read or holds no usable key
         */
        public Builder tls(Path keyStore, char[] password) throws IOException {
            return tls(keyStoreContext(keyStore, password));
        }

        public ServerOptions build() {
            return new ServerOptions(this);
        }

        private static SSLContext keyStoreContext(Path file, char[] password) throws IOException {
            try {
                KeyStore ks = KeyStore.getInstance(file.toFile(), password); // detects PKCS12 or JKS
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, password);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(kmf.getKeyManagers(), null, null);
                return ctx;
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot use key store " + file + ": " + e.getMessage(), e);
            }
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
