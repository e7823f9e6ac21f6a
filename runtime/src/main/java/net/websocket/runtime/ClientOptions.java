package net.websocket.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

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

    private final ConnectionSettings connection;
    private final int maxResponseHeadSize;
    private final int ioThreads;
    private final Supplier<List<ExtensionFactory>> extensions;
    private final TlsOptions tls;
    private final ConnectionObserver observer;

    private ClientOptions(Builder b) {
        this.connection = b.connection.build();
        this.maxResponseHeadSize = b.maxResponseHeadSize;
        this.ioThreads = b.ioThreads;
        this.extensions = b.extensions;
        this.tls = b.tls;
        this.observer = b.observer;
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

        private Builder() {
        }

        @Override
        @SuppressWarnings("unchecked")
        protected void store(ConnectionSettings.Setting<?> setting, Object value) {
            connection.set((ConnectionSettings.Setting<Object>) setting, value);
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
