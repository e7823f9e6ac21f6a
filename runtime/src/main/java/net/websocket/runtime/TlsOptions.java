package net.websocket.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;

/**
 * The TLS settings of a {@code wss://} server ({@link ServerOptions.Builder#tlsOptions}) or of a client's
 * {@code wss://} connections ({@link ClientOptions.Builder#tlsOptions}): where the TLS context comes from, the
 * protocol versions and cipher suites enabled, and, on a server, whether clients must present a certificate; on a
 * client, whether the server's certificate must name the host. Immutable; build with {@link #builder()}.
 *
 * <h2>The context</h2>
 * The key material (the certificate this side presents) and the trust material (which certificates of the peer are
 * accepted) come from one of:
 * <ul>
 * <li>a whole {@link SSLContext} ({@link Builder#context(SSLContext)}), or a source of contexts
 * ({@link Builder#context(Supplier)}), asked for each new connection, so that a server can change its certificate
 * while it runs;</li>
 * <li>a key store file and a trust store file ({@link Builder#keyStore(Path, char[])},
 * {@link Builder#trustStore(Path, char[])}), or key and trust managers ({@link Builder#keyManagers},
 * {@link Builder#trustManagers}), of which a context is made; with {@link Builder#reloadOnChange(Duration)} the files
 * are read again when they change on disk, and new connections use the new certificate while those already open
 * keep theirs;</li>
 * <li>nothing: the JVM's default context (the default trust store, and the key store of the
 * {@code javax.net.ssl.keyStore} system properties, if any).</li>
 * </ul>
 * A context (or source of contexts) and key or trust material replace each other, whichever is set last; key
 * material (a key store or key managers) and trust material (a trust store or trust managers) go together.
 *
 * <h2>The peer's certificates</h2>
 * Each connection's {@link SSLSession} ({@link net.websocket.api.Connection#sslSession()}) tells the protocol and
 * cipher suite negotiated, the peer's certificates ({@link SSLSession#getPeerCertificates()}: on a server, the
 * client's, when it presented one) and, on a server, the host name the client asked for (SNI, through
 * {@link javax.net.ssl.ExtendedSSLSession#getRequestedServerNames()}).
 */
public final class TlsOptions {

    /** The protocol versions enabled unless set: TLS 1.3 and 1.2 (older ones have known weaknesses). */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** Whether a server asks clients for a certificate. */
    public enum ClientAuth {
        /** Clients are not asked for a certificate (the default). */
        NONE,
        /** Clients are asked for a certificate; one without a certificate is accepted all the same. */
        WANT,
        /** Clients must present a certificate the trust material accepts; others fail the TLS handshake. */
        NEED
    }

    private static final TlsOptions DEFAULTS = builder().build();

    private final Supplier<SSLContext> contexts;
    /** What {@link #contexts} was made of, for {@link #toBuilder()}. */
    private final Builder parts;
    private final List<String> protocols;
    private final List<String> cipherSuites;
    private final ClientAuth clientAuth;
    private final boolean hostnameVerification;

    private TlsOptions(Builder b, Supplier<SSLContext> contexts) {
        this.contexts = contexts;
        this.parts = b.copy();
        this.protocols = b.protocols;
        this.cipherSuites = b.cipherSuites;
        this.clientAuth = b.clientAuth;
        this.hostnameVerification = b.hostnameVerification;
    }

    /** {@return a new builder, set to the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the defaults: the JVM's default context, TLS 1.3 and 1.2, no client certificate, host verified} */
    public static TlsOptions defaults() {
        return DEFAULTS;
    }

    /**
     * {@return the defaults with this context}
     *
     * @param context the TLS context
     */
    public static TlsOptions of(SSLContext context) {
        return builder().context(context).build();
    }

    /**
     * {@return a new builder set to these options, to change some of them} Unless the key or trust material is
     * changed, the options it builds share these options' contexts (the files are not read again).
     */
    public Builder toBuilder() {
        Builder b = parts.copy();
        b.built = contexts;
        return b;
    }

    /**
     * The TLS context for a new connection: the one set, the latest from its source, the one made of the key and
     * trust material (made again if the files changed and {@link Builder#reloadOnChange reloading} is on), or the
     * JVM's default.
     *
     * @return the context
     * @throws IllegalStateException if none was set and the JVM has no default TLS context
     */
    public SSLContext context() {
        return Objects.requireNonNull(contexts.get(), "the TLS context source gave null");
    }

    /**
     * {@return the protocol versions enabled, those of the JVM among them; {@link #DEFAULT_PROTOCOLS} unless set}
     */
    public List<String> protocols() {
        return protocols;
    }

    /** {@return the cipher suites enabled, those of the JVM among them; empty (the default) for the context's own} */
    public List<String> cipherSuites() {
        return cipherSuites;
    }

    /** {@return whether a server asks clients for a certificate ({@link ClientAuth#NONE} by default)} */
    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /**
     * Whether a client checks that the server's certificate names the host of the URI (endpoint identification
     * "HTTPS", RFC 2818 and RFC 6125); {@code true} by default, and turned off only by
     * {@link Builder#insecureNoHostnameVerification()}. Servers ignore it.
     *
     * @return whether the host name is verified
     */
    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /**
     * Builds {@link TlsOptions}. Every setter throws {@link NullPointerException} for a {@code null} that its
     * parameter does not allow.
     */
    public static final class Builder {
        private Supplier<SSLContext> source;
        private Supplier<SSLContext> built;
        private KeyStoreFile keyStore;
        private KeyStoreFile trustStore;
        private KeyManager[] keyManagers;
        private TrustManager[] trustManagers;
        private long checkNanos = -1;
        private List<String> protocols = DEFAULT_PROTOCOLS;
        private List<String> cipherSuites = List.of();
        private ClientAuth clientAuth = ClientAuth.NONE;
        private boolean hostnameVerification = true;

        private Builder() {
        }

        /**
         * Uses this TLS context (its key and trust managers) for every connection.
         *
         * @param context the context; {@code null} for the JVM's default
         * @return this builder
         */
        public Builder context(SSLContext context) {
            return context(context == null ? null : () -> context);
        }

        /**
         * Asks {@code source} for the TLS context of each new connection (on an I/O thread, so it should answer at
         * once): a server changes its certificate for the connections to come by changing what it answers.
         *
         * @param source the source of contexts, never answering {@code null}; {@code null} for the JVM's default
         * @return this builder
         */
        public Builder context(Supplier<SSLContext> source) {
            clearMaterial();
            this.source = source;
            return this;
        }

        /**
         * Presents the key (and its certificate chain) of a key store file: a server's certificate, or a client's
         * for servers that ask for one. The store and its keys share {@code password}.
         *
         * @param file     the key store, PKCS12 or JKS (recognised by its content)
         * @param password the password of the store and its keys
         * @return this builder
         * @throws IOException if the file cannot be read or holds no usable key (the message never names the
         *                     password)
         */
        public Builder keyStore(Path file, char[] password) throws IOException {
            return keyStore(file, password, null);
        }

        /**
         * Like {@link #keyStore(Path, char[])}, of a given type.
         *
         * @param file     the key store
         * @param password the password of the store and its keys
         * @param type     the store's type ({@code PKCS12}, {@code JKS}), or {@code null} to recognise it
         * @return this builder
         * @throws IOException if the file cannot be read or holds no usable key
         */
        public Builder keyStore(Path file, char[] password, String type) throws IOException {
            KeyStoreFile f = new KeyStoreFile(file, password, type);
            f.keyManagers(); // fails now, not at the first connection
            leaveContext();
            this.keyStore = f;
            this.keyManagers = null;
            return this;
        }

        /**
         * Accepts the peer certificates that the certificates of a trust store file vouch for (a server's clients,
         * or a client's servers) instead of the JVM's default trust store.
         *
         * @param file     the trust store, PKCS12 or JKS (recognised by its content)
         * @param password its password, or {@code null} if it has none
         * @return this builder
         * @throws IOException if the file cannot be read
         */
        public Builder trustStore(Path file, char[] password) throws IOException {
            return trustStore(file, password, null);
        }

        /**
         * Like {@link #trustStore(Path, char[])}, of a given type.
         *
         * @param file     the trust store
         * @param password its password, or {@code null}
         * @param type     the store's type ({@code PKCS12}, {@code JKS}), or {@code null} to recognise it
         * @return this builder
         * @throws IOException if the file cannot be read
         */
        public Builder trustStore(Path file, char[] password, String type) throws IOException {
            KeyStoreFile f = new KeyStoreFile(file, password, type);
            f.trustManagers();
            leaveContext();
            this.trustStore = f;
            this.trustManagers = null;
            return this;
        }

        /**
         * Presents the keys of these key managers (e.g. a client certificate held in memory or by a device).
         *
         * @param managers the key managers; none for no key
         * @return this builder
         */
        public Builder keyManagers(KeyManager... managers) {
            leaveContext();
            this.keyManagers = managers.clone();
            this.keyStore = null;
            return this;
        }

        /**
         * Judges the peer's certificates with these trust managers instead of the JVM's default ones.
         *
         * @param managers the trust managers
         * @return this builder
         */
        public Builder trustManagers(TrustManager... managers) {
            leaveContext();
            this.trustManagers = managers.clone();
            this.trustStore = null;
            return this;
        }

        /**
         * Reads the key store and trust store files again when they change: a new connection looks at them (their
         * time of change, size and identity; a cheap look) when {@code checkInterval} has passed since the last
         * look, and when one changed, it and the connections after it use a context made of the new files;
         * connections already open are not affected. A file that cannot be used (half written, wrong password)
         * is logged and the previous key material kept until the file changes again. Replace a file by moving the
         * new one over it, so that no connection sees it half written.
         *
         * @param checkInterval the least time between two looks, zero or more (zero: at every new connection);
         *                      {@code null} never looks again (the default)
         * @return this builder
         */
        public Builder reloadOnChange(Duration checkInterval) {
            if (checkInterval != null && checkInterval.isNegative()) {
                throw new IllegalArgumentException("checkInterval must not be negative");
            }
            this.built = null;
            this.checkNanos = checkInterval == null ? -1 : checkInterval.toNanos();
            return this;
        }

        /**
         * Enables only these protocol versions (those of them the JVM supports), e.g. {@code "TLSv1.3"}.
         *
         * @param versions the versions, at least one; {@link TlsOptions#DEFAULT_PROTOCOLS} by default
         * @return this builder
         */
        public Builder protocols(String... versions) {
            List<String> list = List.of(versions);
            if (list.isEmpty()) {
                throw new IllegalArgumentException("at least one protocol version is needed");
            }
            this.protocols = list;
            return this;
        }

        /**
         * Enables only these cipher suites (those of them the JVM supports), in order of preference.
         *
         * @param suites the suites' standard names; none for the context's defaults (the default)
         * @return this builder
         */
        public Builder cipherSuites(String... suites) {
            this.cipherSuites = List.of(suites);
            return this;
        }

        /**
         * Whether a server asks clients for a certificate, judged by the trust material.
         *
         * @param auth {@link ClientAuth#NONE} (the default), {@link ClientAuth#WANT} or {@link ClientAuth#NEED}
         * @return this builder
         */
        public Builder clientAuth(ClientAuth auth) {
            this.clientAuth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /**
         * Turns off the client's check that the server's certificate names the host of the URI. Insecure: any
         * server with a certificate the trust material accepts can then pose as any host. Only for trust managers
         * that pin the server's certificate itself.
         *
         * @return this builder
         */
        public Builder insecureNoHostnameVerification() {
            this.hostnameVerification = false;
            return this;
        }

        private Builder copy() {
            Builder b = new Builder();
            b.source = source;
            b.keyStore = keyStore;
            b.trustStore = trustStore;
            b.keyManagers = keyManagers;
            b.trustManagers = trustManagers;
            b.checkNanos = checkNanos;
            b.protocols = protocols;
            b.cipherSuites = cipherSuites;
            b.clientAuth = clientAuth;
            b.hostnameVerification = hostnameVerification;
            return b;
        }

        /** The check of host names on or off (for {@link ClientOptions.Builder#hostnameVerification}). */
        Builder hostnameVerification(boolean verify) {
            this.hostnameVerification = verify;
            return this;
        }

        /**
         * {@return new options with the values set so far}
         *
         * @throws IllegalArgumentException if the key material cannot be made into a TLS context, or if the context
         *                                  (unless it comes from a {@link #context(Supplier) source}) supports none of
         *                                  the protocol versions or cipher suites set
         */
        public TlsOptions build() {
            if (built == null) {
                built = contexts();
            }
            if (source == null && (!protocols.equals(DEFAULT_PROTOCOLS) || !cipherSuites.isEmpty())) {
                checkSupported(built.get().getSupportedSSLParameters());
            }
            return new TlsOptions(this, built);
        }

        /**
         * Fails now, rather than at every connection, when a misspelt or unknown version or suite leaves nothing
         * to enable; those of them the context knows are enabled (see {@link TlsOptions#protocols()}).
         */
        private void checkSupported(SSLParameters supported) {
            if (Collections.disjoint(protocols, List.of(supported.getProtocols()))) {
                throw new IllegalArgumentException("none of the TLS protocol versions " + protocols
                        + " is supported; supported: " + List.of(supported.getProtocols()));
            }
            if (!cipherSuites.isEmpty() && Collections.disjoint(cipherSuites, List.of(supported.getCipherSuites()))) {
                throw new IllegalArgumentException("none of the TLS cipher suites " + cipherSuites + " is supported");
            }
        }

        private Supplier<SSLContext> contexts() {
            if (source != null) {
                return source;
            }
            if (keyStore == null && trustStore == null && keyManagers == null && trustManagers == null) {
                return Builder::jvmDefault;
            }
            try {
                return new ReloadingContext(keyStore, trustStore, keyManagers, trustManagers, checkNanos);
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }

        private static SSLContext jvmDefault() {
            try {
                return SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("no default TLS context", e);
            }
        }

        private void clearMaterial() {
            this.built = null;
            this.keyStore = null;
            this.trustStore = null;
            this.keyManagers = null;
            this.trustManagers = null;
        }

        private void leaveContext() {
            this.built = null;
            this.source = null;
        }
    }
}
