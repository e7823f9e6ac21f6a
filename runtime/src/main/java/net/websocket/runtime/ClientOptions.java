package net.websocket.runtime;

import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import net.websocket.api.ConnectionSetting;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.ExtensionFactory;

/**
 * Limits and timeouts of a {@link net.websocket.api.WebSocketClient} and its connections. Immutable; build with
 * {@link #builder()}. What a single connection asks for (headers, subprotocols, variant, connect timeout, listener)
 * is in {@link net.websocket.api.ConnectRequest} instead.
 *
 * <p>The limits, timeouts, keepalive, queues and policies of each connection are one {@link ConnectionSettings}
 * ({@link #connection()}), the same type and defaults as a server's; the builder takes each of them directly
 * ({@code builder().idleTimeout(...)}, the setters of {@link ConnectionSettings.Setters}) or all at once
 * ({@link Builder#connection(ConnectionSettings)}); a {@link net.websocket.api.ConnectRequest} can override them for
 * one connection.
 */
public final class ClientOptions {

    /** The largest {@link #maxRedirects()} accepted (browsers stop at about 20). */
    public static final int REDIRECTS_LIMIT = 20;

    private final ConnectionSettings connection;
    private final int maxResponseHeadSize;
    private final int ioThreads;
    private final Supplier<List<ExtensionFactory>> extensions;
    private final TlsOptions tls;
    private final ConnectionObserver observer;
    private final ProxySelector proxy;
    private final Authenticator authenticator;
    private final CookieHandler cookieHandler;
    private final int maxRedirects;
    private final boolean redirectToPlainAllowed;

    private ClientOptions(Builder b) {
        this.connection = b.connection.build();
        this.maxResponseHeadSize = b.maxResponseHeadSize;
        this.ioThreads = b.ioThreads;
        this.extensions = b.extensions;
        this.tls = b.tls;
        this.observer = b.observer;
        this.proxy = b.proxy;
        this.authenticator = b.authenticator;
        this.cookieHandler = b.cookieHandler;
        this.maxRedirects = b.maxRedirects;
        this.redirectToPlainAllowed = b.redirectToPlainAllowed;
    }

    /** {@return a new builder, set to the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the default options: those of a builder left as it is} */
    public static ClientOptions defaults() {
        return builder().build();
    }

    /** {@return a new builder set to these options, to change some of them} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.connection.from(connection);
        b.maxResponseHeadSize = maxResponseHeadSize;
        b.ioThreads = ioThreads;
        b.extensions = extensions;
        b.tls = tls;
        b.observer = observer;
        b.proxy = proxy;
        b.authenticator = authenticator;
        b.cookieHandler = cookieHandler;
        b.maxRedirects = maxRedirects;
        b.redirectToPlainAllowed = redirectToPlainAllowed;
        return b;
    }

    /**
     * {@return the limits, timeouts, keepalive, queues and policies of each connection, unless a request overrides
     * them}
     */
    public ConnectionSettings connection() {
        return connection;
    }

    /**
     * {@return the largest HTTP response head (status line and headers) accepted from a server, in bytes} A larger
     * one fails the connection attempt with a {@link net.websocket.api.HandshakeException}.
     */
    public int maxResponseHeadSize() {
        return maxResponseHeadSize;
    }

    /**
     * {@return the number of selector (I/O) threads} They are daemon threads and stop by themselves when idle.
     */
    public int ioThreads() {
        return ioThreads;
    }

    /**
     * Where the extensions (e.g. permessage-deflate) this client may negotiate come from: consulted at every handshake
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
     * The TLS context for {@code wss://} connections: its trust managers decide which server certificates are
     * accepted. The JVM's default context (the default trust store) unless set.
     *
     * @return the context set, or else the JVM's default
     * @throws IllegalStateException if none was set and the JVM has no default TLS context
     */
    public SSLContext sslContext() {
        return tls.context();
    }

    /**
     * Whether a {@code wss://} server's certificate must name the URI's host (endpoint identification "HTTPS", RFC 2818
     * and RFC 6125); {@code true} by default. Turn it off only when the trust managers pin the certificate itself.
     *
     * @return whether the host name is verified
     */
    public boolean hostnameVerification() {
        return tls.hostnameVerification();
    }

    /**
     * {@return the TLS settings of {@code wss://} connections: the context (trust material, and a client certificate
     * for servers that ask for one), protocols and cipher suites, host name verification} {@link TlsOptions#defaults()}
     * unless set.
     */
    public TlsOptions tlsOptions() {
        return tls;
    }

    /** {@return what is told of every connection that opens or closes} {@link ConnectionObserver#NONE} by default. */
    public ConnectionObserver observer() {
        return observer;
    }

    /**
     * The selector of the HTTP proxy each connection goes through. None by default: every connection is direct,
     * whatever the {@code http.proxyHost} properties say (a client does not change its way to the server because
     * of a setting made for others); set {@link ProxySelector#getDefault()} to follow the JVM's proxy settings, or
     * {@link Builder#httpProxy} for one proxy.
     *
     * <p>The selector is asked with the URI's {@code http}/{@code https} form ({@code ws://h/p} as {@code http://h/p},
     * {@code wss://} as {@code https://}), so that the JVM's {@code http.proxyHost}, {@code https.proxyHost} and
     * {@code http.nonProxyHosts} apply as they do to HTTP. The first proxy it lists is used: {@link
     * java.net.Proxy#NO_PROXY} (DIRECT) connects directly, an HTTP proxy is asked for a tunnel with {@code CONNECT
     * host:port} (for {@code ws://} and {@code wss://} alike; TLS then runs through the tunnel with the URI's host
     * for SNI and host name verification), and a SOCKS proxy fails the connect (not supported). When no address of
     * the proxy can be reached the selector is told ({@link ProxySelector#connectFailed}).
     *
     * @return the selector, or empty for direct connections
     */
    public Optional<ProxySelector> proxy() {
        return Optional.ofNullable(proxy);
    }

    /**
     * Where the credentials for a proxy that answers {@code 407 Proxy Authentication Required} come from: asked
     * ({@link Authenticator#requestPasswordAuthenticationInstance}, with {@link Authenticator.RequestorType#PROXY},
     * the proxy's host and port, scheme {@code Basic} and the realm as prompt) only after a 407 that offers Basic
     * authentication, on a handler thread; the {@code CONNECT} is then sent once more with them, and a second 407
     * fails the connect. Credentials are never sent to a proxy that has not asked for them. None by default: a 407
     * fails the connect.
     *
     * @return the authenticator, or empty for none
     */
    public Optional<Authenticator> authenticator() {
        return Optional.ofNullable(authenticator);
    }

    /**
     * The cookie store of the client: when set, the cookies it has for a connection's URI are sent in the opening
     * request ({@code Cookie}), and the {@code Set-Cookie} fields of the response (the {@code 101}, and each redirect
     * followed) are given back to it. It is asked with the URI's {@code http}/{@code https} form, so cookies set by
     * the web site of the same host, {@code HttpOnly} and {@code Secure} ones included, apply as in a browser. Asked
     * on the connecting thread or a handler thread, never on an I/O thread. None by default.
     *
     * @return the cookie handler, or empty for none
     */
    public Optional<CookieHandler> cookieHandler() {
        return Optional.ofNullable(cookieHandler);
    }

    /**
     * How many redirects an opening handshake follows: 0 (the default) fails the connect on any redirect with a
     * {@link net.websocket.api.HandshakeException} that carries the status and the {@code Location}. Otherwise a
     * {@code 301}, {@code 302}, {@code 303}, {@code 307} or {@code 308} answer with a {@code Location} is followed
     * with a new connection (and a new opening handshake, the same request) to that URI: {@code ws}/{@code wss} as
     * they are, {@code http} taken as {@code ws} and {@code https} as {@code wss}, a relative reference resolved
     * against the URI answered. A redirect from {@code wss://} to {@code ws://} (from encrypted to plain) is not
     * followed unless {@link #redirectToPlainAllowed()}, nor one to a URI already visited (a loop), nor one more
     * than this limit: each fails the connect.
     * An {@code Authorization} header of the request is not sent to another host or port. The request's timeout
     * covers the whole chain.
     *
     * @return the most redirects followed, 0 for none
     */
    public int maxRedirects() {
        return maxRedirects;
    }

    /**
     * Whether a redirect from {@code wss://} to {@code ws://} is followed. Off by default: such a redirect would
     * send the request (its cookies and headers) and every message after it unencrypted, so anyone on the way
     * could read and change them; turn it on only where the plain network is trusted.
     *
     * @return whether redirects from encrypted to plain are followed
     */
    public boolean redirectToPlainAllowed() {
        return redirectToPlainAllowed;
    }

    /**
     * Builds {@link ClientOptions}. Every setter throws {@link IllegalArgumentException} for a value out of the range
     * its parameter names, and {@link NullPointerException} for a {@code null} that its parameter does not allow.
     */
    public static final class Builder extends ConnectionSettings.Setters<Builder> {
        private final ConnectionSettings.Builder connection = ConnectionSettings.builder();
        // as large as common server limits on request heads; a 101 response is far smaller
        private int maxResponseHeadSize = 8192;
        private int ioThreads = 1;
        private Supplier<List<ExtensionFactory>> extensions = ServiceLoaded.EXTENSIONS;
        private TlsOptions tls = TlsOptions.defaults();
        private ConnectionObserver observer = ConnectionObserver.NONE;
        private ProxySelector proxy;
        private Authenticator authenticator;
        private CookieHandler cookieHandler;
        private int maxRedirects;
        private boolean redirectToPlainAllowed;

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
         * @param bytes the largest response head accepted, line ends included, at least 1; 8192 by default (see
         *              {@link ClientOptions#maxResponseHeadSize()})
         * @return this builder
         */
        public Builder maxResponseHeadSize(int bytes) {
            this.maxResponseHeadSize = (int) positive(bytes, "maxResponseHeadSize");
            return this;
        }

        /**
         * @param threads the number of selector threads, at least 1; 1 by default
         * @return this builder
         */
        public Builder ioThreads(int threads) {
            this.ioThreads = (int) positive(threads, "ioThreads");
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
         * The TLS context for {@code wss://}; {@code null} for the JVM's default.
         *
         * @param context the context whose trust managers judge server certificates, or {@code null} (the default)
         * @return this builder
         */
        public Builder sslContext(SSLContext context) {
            this.tls = tls.toBuilder().context(context).build();
            return this;
        }

        /**
         * Whether the server certificate must name the host; on by default.
         *
         * @param verify {@code true} (the default) to require it; {@code false} only when the trust managers pin the
         *               certificate itself
         * @return this builder
         */
        public Builder hostnameVerification(boolean verify) {
            this.tls = tls.toBuilder().hostnameVerification(verify).build();
            return this;
        }

        /**
         * The TLS settings of {@code wss://} connections: a client certificate ({@link TlsOptions.Builder#keyStore}),
         * the servers trusted, protocols, cipher suites; replaces what {@link #sslContext} and
         * {@link #hostnameVerification} set.
         *
         * @param options the TLS settings; {@link TlsOptions#defaults()} by default
         * @return this builder
         */
        public Builder tlsOptions(TlsOptions options) {
            this.tls = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Tells {@code observer} of every connection of the client as it opens and closes.
         *
         * @param observer the observer; {@link ConnectionObserver#NONE} for none
         * @return this builder
         */
        public Builder observer(ConnectionObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * Connects through the proxies {@code selector} chooses (see {@link ClientOptions#proxy()}); {@code null}
         * (the default) connects directly.
         *
         * @param selector the selector, e.g. {@code ProxySelector.of(new InetSocketAddress("proxy", 3128))} or
         *                 {@link ProxySelector#getDefault()}; {@code null} for none
         * @return this builder
         */
        public Builder proxy(ProxySelector selector) {
            this.proxy = selector;
            return this;
        }

        /**
         * Connects through the one HTTP proxy at {@code address}, for every URI: the same as
         * {@code proxy(ProxySelector.of(address))}; {@code null} connects directly.
         *
         * @param address the proxy's address, e.g. {@code new InetSocketAddress("proxy.example", 3128)} (resolved
         *                when connecting if it is not resolved), or {@code null} for none
         * @return this builder
         */
        public Builder httpProxy(InetSocketAddress address) {
            return proxy(address == null ? null : ProxySelector.of(address));
        }

        /**
         * Answers a proxy's {@code 407} with credentials from {@code authenticator} (see
         * {@link ClientOptions#authenticator()}); {@code null} (the default) for none.
         *
         * @param authenticator the source of proxy credentials, or {@code null}
         * @return this builder
         */
        public Builder authenticator(Authenticator authenticator) {
            this.authenticator = authenticator;
            return this;
        }

        /**
         * Sends and stores cookies with {@code handler} (see {@link ClientOptions#cookieHandler()}), e.g. a
         * {@link java.net.CookieManager}; {@code null} (the default) for none.
         *
         * @param handler the cookie handler, or {@code null}
         * @return this builder
         */
        public Builder cookieHandler(CookieHandler handler) {
            this.cookieHandler = handler;
            return this;
        }

        /**
         * Follows up to {@code max} redirects of an opening handshake (see {@link ClientOptions#maxRedirects()}).
         *
         * @param max the most redirects followed, 0 (the default) to follow none, at most
         *            {@value ClientOptions#REDIRECTS_LIMIT}
         * @return this builder
         */
        public Builder maxRedirects(int max) {
            if (max < 0 || max > REDIRECTS_LIMIT) {
                throw new IllegalArgumentException("maxRedirects must be 0 to " + REDIRECTS_LIMIT);
            }
            this.maxRedirects = max;
            return this;
        }

        /**
         * Follows redirects from {@code wss://} to {@code ws://} too (see
         * {@link ClientOptions#redirectToPlainAllowed()}); off by default.
         *
         * @param allowed whether such redirects are followed
         * @return this builder
         */
        public Builder redirectToPlainAllowed(boolean allowed) {
            this.redirectToPlainAllowed = allowed;
            return this;
        }

        /** {@return new options with the values set so far} The builder may go on to build others. */
        public ClientOptions build() {
            return new ClientOptions(this);
        }

        private static long positive(long v, String what) {
            if (v <= 0) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return v;
        }
    }
}
