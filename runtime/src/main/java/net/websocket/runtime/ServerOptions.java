package net.websocket.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import net.websocket.api.ConnectionOverrides;
import net.websocket.api.ConnectionSetting;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.HandshakeHook;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.ExtensionFactory;

/**
 * How a server listens and what it allows. Immutable; build with {@link #builder()}. The defaults bound what each
 * connection may cost (sizes, queues, timeouts); what depends on the deployment is left open: the server listens on
 * the loopback address, accepts every origin and up to 100 000 connections. A public-facing server sets its
 * address, its {@link #originPolicy()} (for browser clients) and a {@link #maxConnections()} its memory and file
 * descriptors allow.
 *
 * <h2>Refusals</h2>
 * Each refusal answers one handshake with a clear HTTP status and disturbs nothing else: a request head over
 * {@link #maxRequestHeadSize()} gets 431, a handshake beyond {@link #maxConnections()} gets 503 with
 * {@code Retry-After}, a socket accepted beyond {@link #maxHandshakesInProgress()} or
 * {@link #maxConnectionsPerAddress()} gets 503 with {@code Retry-After} before anything is read from it, an origin the
 * {@link #originPolicy()} refuses gets {@link #accessDeniedStatus()} (403), a client too slow to send its head
 * within {@link #handshakeTimeout()} is dropped. Frames and messages over the {@link #connection()} settings'
 * {@link ConnectionSettings#maxFrameSize()} and {@link ConnectionSettings#maxMessageSize()} close that connection
 * with 1009.
 *
 * <h2>Memory</h2>
 * Each connection's queues are bounded by its settings ({@link ConnectionSettings#outboundQueueLimit()},
 * {@link ConnectionSettings#inboundQueueLimit()}); {@link #maxQueuedBytes()} bounds them all together, so that the
 * number of connections, which peers choose, does not set the total.
 *
 * <h2>Connection settings</h2>
 * The limits, timeouts, keepalive, queues and policies of each connection are one {@link ConnectionSettings}
 * ({@link #connection()}); the builder takes each of them directly ({@code builder().idleTimeout(...)}, the setters
 * of {@link ConnectionSettings.Setters}) or all at once ({@link Builder#connection(ConnectionSettings)}). Routes,
 * route entries and the handshake hook can override them per connection ({@link ConnectionOverrides}).
 */
public final class ServerOptions {

    /** Default port when none is given. */
    public static final int DEFAULT_PORT = 8081;

    /** The default of {@link #maxHandshakesInProgress()}. */
    public static final int DEFAULT_MAX_HANDSHAKES_IN_PROGRESS = 1024;

    /** The default of {@link #maxConnectionsPerAddress()}. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 512;

    private final InetSocketAddress address;
    private final ConnectionSettings connection;
    private final int backlog;
    private final int maxRequestHeadSize;
    private final int maxConnections;
    private final int maxHandshakesInProgress;
    private final int maxConnectionsPerAddress;
    private final long maxQueuedBytes;
    private final Duration handshakeTimeout;
    private final Duration shutdownTimeout;
    private final int ioThreads;
    private final HandshakeHook handshakeHook;
    private final ConnectionObserver observer;
    private final Supplier<List<ExtensionFactory>> extensions;
    private final OriginPolicy originPolicy;
    private final int accessDeniedStatus;
    private final String accessDeniedBody;
    private final TlsOptions tls;

    private ServerOptions(Builder b) {
        this.address = b.address;
        this.connection = b.connection.build();
        this.backlog = b.backlog;
        this.maxRequestHeadSize = b.maxRequestHeadSize;
        this.maxConnections = b.maxConnections;
        this.maxHandshakesInProgress = b.maxHandshakesInProgress;
        this.maxConnectionsPerAddress = b.maxConnectionsPerAddress;
        this.maxQueuedBytes = b.maxQueuedBytes;
        this.handshakeTimeout = b.handshakeTimeout;
        this.shutdownTimeout = b.shutdownTimeout;
        this.ioThreads = b.ioThreads;
        this.handshakeHook = b.handshakeHook;
        this.observer = b.observer;
        this.extensions = b.extensions;
        this.originPolicy = b.originPolicy;
        this.accessDeniedStatus = b.accessDeniedStatus;
        this.accessDeniedBody = b.accessDeniedBody;
        this.tls = b.tls;
    }

    /** {@return a new builder, set to the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the default options: those of a builder left as it is} */
    public static ServerOptions defaults() {
        return builder().build();
    }

    /** {@return a new builder set to these options, to change some of them} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.address = address;
        b.connection.from(connection);
        b.backlog = backlog;
        b.maxRequestHeadSize = maxRequestHeadSize;
        b.maxConnections = maxConnections;
        b.maxHandshakesInProgress = maxHandshakesInProgress;
        b.maxConnectionsPerAddress = maxConnectionsPerAddress;
        b.maxQueuedBytes = maxQueuedBytes;
        b.handshakeTimeout = handshakeTimeout;
        b.shutdownTimeout = shutdownTimeout;
        b.ioThreads = ioThreads;
        b.handshakeHook = handshakeHook;
        b.observer = observer;
        b.extensions = extensions;
        b.originPolicy = originPolicy;
        b.accessDeniedStatus = accessDeniedStatus;
        b.accessDeniedBody = accessDeniedBody;
        b.tls = tls;
        return b;
    }

    /** {@return the address and port to listen on} Port 0 picks a free port (see {@code WebSocketServer.port()}). */
    public InetSocketAddress address() {
        return address;
    }

    /** {@return the limits, timeouts, keepalive, queues and policies of each connection, unless overridden} */
    public ConnectionSettings connection() {
        return connection;
    }

    /** {@return the listen backlog} The operating system may cap it. */
    public int backlog() {
        return backlog;
    }

    /** {@return the largest HTTP request head (request line and headers) accepted, in bytes} Larger ones get 431. */
    public int maxRequestHeadSize() {
        return maxRequestHeadSize;
    }

    /** {@return the most WebSocket connections open at once} More handshakes get 503 with {@code Retry-After}. */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * The most handshakes in progress at once on the whole server: sockets accepted and neither upgraded to a
     * connection nor closed yet (a refused one counts until it is closed). A socket accepted beyond it is answered
     * {@code 503 Service Unavailable} with {@code Retry-After} and closed at once, before anything is read from it
     * (on a TLS server closed without an answer, which would need the TLS handshake first).
     *
     * <p>{@value #DEFAULT_MAX_HANDSHAKES_IN_PROGRESS} by default. A handshake is short (one request and one answer,
     * a millisecond or so on the server), so honest clients, even thousands arriving each second after a restart,
     * keep far fewer in progress; what holds many open is a client that connects and then sends slowly or nothing,
     * each of which would otherwise hold a socket and a request buffer for up to {@link #handshakeTimeout()}. The
     * limit bounds that memory (this many request heads of at most {@link #maxRequestHeadSize()} each) and leaves
     * the server's time to its established connections.
     *
     * @return the limit, at least 1
     */
    public int maxHandshakesInProgress() {
        return maxHandshakesInProgress;
    }

    /**
     * The most sockets from one source IP address at once: its connections and its handshakes in progress together.
     * A socket accepted beyond it is answered {@code 503 Service Unavailable} with {@code Retry-After} and closed at
     * once, before anything is read from it (on a TLS server closed without an answer); other addresses are not
     * affected.
     *
     * <p>{@value #DEFAULT_MAX_CONNECTIONS_PER_ADDRESS} by default: enough for an office or a mobile carrier's NAT,
     * where many users (each with a few tabs) share one public address, while one host cannot take all of
     * {@link #maxHandshakesInProgress()} or run up the server's connections alone. Behind a reverse proxy every
     * connection comes from the proxy's address: raise it to {@link #maxConnections()} there.
     *
     * @return the limit, at least 1
     */
    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    /**
     * The budget of bytes queued on all of the server's connections together, both ways (received and not yet taken
     * by the endpoints, and waiting to be sent), 256 MiB by default. The total is measured every 200 ms. When it is
     * over the budget, no connection is read (nothing new arrives to be queued or answered) until it is down to three
     * quarters of it. Meanwhile, at each measure, the connections whose peer took none of our bytes since the
     * measure before (stalled) are dropped, largest queues first, until the total is down to three quarters of the
     * budget: they end with 1006 "queued bytes budget" and their queues are freed. Peers that still read are not
     * dropped: their queues drain.
     *
     * @return the budget in bytes, at least 1
     * @since 1.2
     */
    public long maxQueuedBytes() {
        return maxQueuedBytes;
    }

    /**
     * How long a client has to send its whole handshake request, body included (slowloris guard); a client that is
     * too slow has its socket closed without an answer. On a TLS server the TLS handshake counts against it too.
     *
     * @return the timeout, positive; 10 s by default
     */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** {@return how long {@code close()} waits for closing handshakes before it drops the connections still open} */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** {@return the number of selector (I/O) threads} The first also accepts; accepted sockets go round-robin. */
    public int ioThreads() {
        return ioThreads;
    }

    /** {@return the hook that sees each handshake} {@link HandshakeHook#ACCEPT_ALL} (accepts all) by default. */
    public HandshakeHook handshakeHook() {
        return handshakeHook;
    }

    /** {@return what is told of every connection that opens or closes} {@link ConnectionObserver#NONE} by default. */
    public ConnectionObserver observer() {
        return observer;
    }

    /**
     * Where the extensions (e.g. permessage-deflate) this server may negotiate come from: consulted at every handshake
     * and passed to the protocol variant in {@link EngineConfig#extensions()}, in order of preference. By default
     * the factories {@link java.util.ServiceLoader} finds (those of the {@code net.websocket.deflate} module, when it
     * is present); none when turned off with {@code Builder.extensions()} without arguments.
     *
     * @return the source of the extension factories, asked at every handshake
     */
    public Supplier<List<ExtensionFactory>> extensions() {
        return extensions;
    }

    /**
     * Which origins may open connections, checked on every handshake before routing and the handshake hook; all by
     * default. A refused handshake is answered {@link #accessDeniedStatus()} with {@link #accessDeniedBody()}.
     *
     * @return the policy, {@link OriginPolicy#any()} by default
     */
    public OriginPolicy originPolicy() {
        return originPolicy;
    }

    /** {@return the HTTP status a handshake from a refused origin gets, 400 to 499} 403 by default. */
    public int accessDeniedStatus() {
        return accessDeniedStatus;
    }

    /** {@return the plain-text body of the answer to a refused origin} {@code "origin not allowed"} by default. */
    public String accessDeniedBody() {
        return accessDeniedBody;
    }

    /** {@return the TLS context for a new connection (see {@link #tlsOptions()}); empty for plain {@code ws://}} */
    public Optional<SSLContext> tls() {
        return tlsOptions().map(TlsOptions::context);
    }

    /** {@return the TLS settings of a {@code wss://} server; empty for a plain {@code ws://} one (the default)} */
    public Optional<TlsOptions> tlsOptions() {
        return Optional.ofNullable(tls);
    }

    /**
     * Builds {@link ServerOptions}. Every setter throws {@link IllegalArgumentException} for a value out of the range
     * its parameter names, and {@link NullPointerException} for a {@code null} that its parameter does not allow.
     */
    public static final class Builder extends ConnectionSettings.Setters<Builder> {
        private InetSocketAddress address = new InetSocketAddress(loopback(), DEFAULT_PORT);
        private final ConnectionSettings.Builder connection = ConnectionSettings.builder();
        private int backlog = 1024;
        private int maxRequestHeadSize = 8192;
        private int maxConnections = 100_000;
        private int maxHandshakesInProgress = DEFAULT_MAX_HANDSHAKES_IN_PROGRESS;
        private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
        private long maxQueuedBytes = 256L << 20;
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private Duration shutdownTimeout = Duration.ofSeconds(5);
        private int ioThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        private HandshakeHook handshakeHook = HandshakeHook.ACCEPT_ALL;
        private ConnectionObserver observer = ConnectionObserver.NONE;
        private Supplier<List<ExtensionFactory>> extensions = ServiceLoaded.EXTENSIONS;
        private OriginPolicy originPolicy = OriginPolicy.any();
        private int accessDeniedStatus = 403;
        private String accessDeniedBody = "origin not allowed";
        private TlsOptions tls;

        private Builder() {
        }

        @Override
        @SuppressWarnings("unchecked")
        protected void store(ConnectionSetting<?> setting, Object value) {
            connection.set((ConnectionSetting<Object>) setting, value);
        }

        /**
         * Sets every connection setting at once.
         *
         * @param settings the settings to copy
         * @return this builder
         */
        public Builder connection(ConnectionSettings settings) {
            connection.from(settings);
            return this;
        }

        /**
         * Listens on this address and port.
         *
         * @param address the address and port; port 0 picks a free port
         * @return this builder
         */
        public Builder address(InetSocketAddress address) {
            this.address = Objects.requireNonNull(address);
            return this;
        }

        /**
         * Listens on this host (name or literal; {@code null} or {@code "*"} for every interface) and port.
         *
         * @param host the host name or address literal, {@code null} or {@code "*"} for the wildcard address
         * @param port the port, 0 to 65535; 0 picks a free port
         * @return this builder
         * @throws IllegalArgumentException if {@code host} cannot be resolved or {@code port} is out of range
         */
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

        /**
         * Keeps the host, changes the port (0 = any free port).
         *
         * @param port the port, 0 to 65535; {@value ServerOptions#DEFAULT_PORT} by default
         * @return this builder
         */
        public Builder port(int port) {
            this.address = new InetSocketAddress(address.getAddress(), port);
            return this;
        }

        /**
         * @param backlog the listen backlog (see {@link ServerOptions#backlog()}), at least 1; 1024 by default
         * @return this builder
         */
        public Builder backlog(int backlog) {
            this.backlog = positive(backlog, "backlog");
            return this;
        }

        /**
         * @param bytes the largest request head, line ends included, at least 1; 8192 by default
         * @return this builder
         */
        public Builder maxRequestHeadSize(int bytes) {
            this.maxRequestHeadSize = positive(bytes, "maxRequestHeadSize");
            return this;
        }

        /**
         * @param count the most connections open at once, at least 1; 100 000 by default
         * @return this builder
         */
        public Builder maxConnections(int count) {
            this.maxConnections = positive(count, "maxConnections");
            return this;
        }

        /**
         * @param count the limit, at least 1 (see {@link ServerOptions#maxHandshakesInProgress()})
         * @return this builder
         */
        public Builder maxHandshakesInProgress(int count) {
            this.maxHandshakesInProgress = positive(count, "maxHandshakesInProgress");
            return this;
        }

        /**
         * @param count the limit, at least 1 (see {@link ServerOptions#maxConnectionsPerAddress()})
         * @return this builder
         */
        public Builder maxConnectionsPerAddress(int count) {
            this.maxConnectionsPerAddress = positive(count, "maxConnectionsPerAddress");
            return this;
        }

        /**
         * @param bytes the budget, at least 1; 256 MiB by default (see {@link ServerOptions#maxQueuedBytes()})
         * @return this builder
         * @since 1.2
         */
        public Builder maxQueuedBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxQueuedBytes must be positive: " + bytes);
            }
            this.maxQueuedBytes = bytes;
            return this;
        }

        /**
         * @param d how long a client has to send its handshake, more than zero; 10 s by default
         * @return this builder
         */
        public Builder handshakeTimeout(Duration d) {
            this.handshakeTimeout = positive(d, "handshakeTimeout");
            return this;
        }

        /**
         * @param d how long to wait for closing handshakes, zero (drop at once) or more; 5 s by default
         * @return this builder
         */
        public Builder shutdownTimeout(Duration d) {
            this.shutdownTimeout = notNegative(d, "shutdownTimeout");
            return this;
        }

        /**
         * @param threads the number of selector threads, at least 1; by default the number of processors, at most 4
         * @return this builder
         */
        public Builder ioThreads(int threads) {
            this.ioThreads = positive(threads, "ioThreads");
            return this;
        }

        /**
         * @param hook the hook that sees each handshake; {@link HandshakeHook#ACCEPT_ALL} by default
         * @return this builder
         */
        public Builder handshakeHook(HandshakeHook hook) {
            this.handshakeHook = Objects.requireNonNull(hook);
            return this;
        }

        /**
         * Tells {@code observer} of every connection of the server as it opens and closes.
         *
         * @param observer the observer; {@link ConnectionObserver#NONE} for none
         * @return this builder
         */
        public Builder observer(ConnectionObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * Negotiates these extensions, in order of preference; with no arguments, none (this turns compression
         * off).
         *
         * @param factories the extension factories, none of them {@code null}
         * @return this builder
         */
        public Builder extensions(ExtensionFactory... factories) {
            List<ExtensionFactory> list = List.of(factories);
            this.extensions = () -> list;
            return this;
        }

        /**
         * Negotiates the extensions {@code source} lists at each handshake (e.g. the services present in OSGi).
         *
         * @param source supplies the extension factories, in order of preference; asked at every handshake
         * @return this builder
         */
        public Builder extensions(Supplier<List<ExtensionFactory>> source) {
            this.extensions = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * Decides which origins may connect.
         *
         * @param policy the policy; {@link OriginPolicy#any()} by default
         * @return this builder
         */
        public Builder originPolicy(OriginPolicy policy) {
            this.originPolicy = Objects.requireNonNull(policy);
            return this;
        }

        /**
         * Lets only these origins connect (see {@link OriginPolicy#allowing}), on every path.
         *
         * @param origins the origins allowed, such as {@code https://example.com}; none of them {@code null}
         * @return this builder
         */
        public Builder allowedOrigins(String... origins) {
            return originPolicy(OriginPolicy.allowing(List.of(origins)));
        }

        /**
         * How a refused origin is answered: a 4xx status and a plain-text body.
         *
         * @param status the HTTP status, 400 to 499; 403 by default
         * @param body   the body, sent as UTF-8 plain text; {@code "origin not allowed"} by default
         * @return this builder
         */
        public Builder accessDenied(int status, String body) {
            if (status < 400 || status > 499) {
                throw new IllegalArgumentException("access denied needs a 4xx status, not " + status);
            }
            this.accessDeniedStatus = status;
            this.accessDeniedBody = Objects.requireNonNull(body);
            return this;
        }

        /**
         * @param context the TLS context to serve {@code wss://} with, or {@code null} for plain {@code ws://}
         * @return this builder
         */
        public Builder tls(SSLContext context) {
            return tlsOptions(context == null ? null : TlsOptions.of(context));
        }

        /**
         * Serves TLS with a key store file: {@code tlsOptions(TlsOptions.builder().keyStore(keyStore, password))}.
         *
         * @param keyStore the key store file (PKCS12 or JKS), whose store and key share {@code password}
         * @param password the password of the store and of its key
         * @return this builder
         * @throws IOException if the file cannot be read or holds no usable key
         */
        public Builder tls(Path keyStore, char[] password) throws IOException {
            return tlsOptions(TlsOptions.builder().keyStore(keyStore, password).build());
        }

        /**
         * @param options the TLS settings (key material, protocols, cipher suites, client certificates) to serve
         *                {@code wss://} with, or {@code null} for plain {@code ws://}
         * @return this builder
         */
        public Builder tlsOptions(TlsOptions options) {
            this.tls = options;
            return this;
        }

        /** {@return new options with the values set so far} The builder may go on to build others. */
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
