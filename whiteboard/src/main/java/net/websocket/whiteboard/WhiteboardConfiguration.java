package net.websocket.whiteboard;

/**
 * The Config Admin PIDs, configuration keys and service properties of the WebSocket whiteboard.
 *
 * <h2>Servers</h2>
 * Every factory configuration of {@value #SERVER_FACTORY_PID} starts one server, whose endpoints come from the
 * whiteboard (see {@link net.websocket.api.whiteboard.WebSocketWhiteboard}). Its keys are those below; absent keys
 * take the defaults of {@code net.websocket.runtime.ServerOptions}; times are in milliseconds. Besides the keys
 * named here, a server or client configuration takes every connection setting by its name in
 * {@link net.websocket.api.ConnectionSettings#SETTINGS} (e.g. {@code idleTimeout}, {@code maxMessageSize}; a pong
 * timeout of 0 follows the ping interval). The Metatype service describes both. A changed
 * configuration rebinds the server (its connections get 1001), a deleted one stops it. While it runs, the server is
 * a {@link net.websocket.api.WebSocketServer} service with the properties
 * {@value net.websocket.api.whiteboard.WebSocketWhiteboard#SERVER} (its name), {@value #SERVER_PORT},
 * {@value #SERVER_HOST}, {@value #SERVER_TLS} and, for a configured one, {@value #SERVER_PID}.
 *
 * <h2>Servers on the OSGi HTTP whiteboard's port</h2>
 * A server configured with {@value #HTTP_WHITEBOARD} {@code = true} opens no socket of its own: the whiteboard
 * registers it as a {@code net.websocket.upgrade.UpgradeServer} service with the properties
 * {@value net.websocket.api.whiteboard.WebSocketWhiteboard#SERVER}, {@value #SERVER_PID},
 * {@value #HTTP_WHITEBOARD_PATTERN} and {@value #HTTP_WHITEBOARD_CONTEXT_SELECT} (the configured values), and the
 * bundle {@code net.websocket.whiteboard.http}, if present, publishes each such service as a servlet on the OSGi
 * Servlet Whiteboard (the framework's HTTP service), whose port, TLS and filters then carry its handshakes. Its
 * endpoints, hooks, variants, extensions and connection settings are the whiteboard's as for any server; the keys
 * that concern sockets ({@value #HOST}, {@value #PORT}, {@value #BACKLOG}, {@value #MAX_REQUEST_HEAD_SIZE},
 * {@value #MAX_HANDSHAKES_IN_PROGRESS}, {@value #MAX_CONNECTIONS_PER_ADDRESS} and TLS) are the HTTP service's
 * business and are not used. The server
 * {@value net.websocket.api.whiteboard.WebSocketWhiteboard#HTTP_WHITEBOARD_SERVER}, which endpoints ask for with
 * {@value net.websocket.api.whiteboard.WebSocketWhiteboard#HTTP_WHITEBOARD}, runs on demand with the default options
 * and no configuration; a configuration of that name (in which {@value #HTTP_WHITEBOARD} defaults to {@code true})
 * replaces it while it exists.
 *
 * <h2>The client</h2>
 * The optional configuration {@value #CLIENT_PID} sets the limits, timeouts and policies of the
 * {@link net.websocket.api.WebSocketClient} service, with the keys below that apply to a client.
 */
public final class WhiteboardConfiguration {

    // ------------------------------------------------------------------------------------------------ PIDs

    /** The factory PID of server configurations: each factory configuration is one running server. */
    public static final String SERVER_FACTORY_PID = "net.websocket.server";

    /** The PID of the optional configuration of the {@link net.websocket.api.WebSocketClient} service. */
    public static final String CLIENT_PID = "net.websocket.client";

    // ------------------------------------------------------------------------ properties of server services

    /** Server service property: the port the server actually listens on (an Integer). */
    public static final String SERVER_PORT = "websocket.server.port";

    /** Server service property: the address the server actually listens on (a String). */
    public static final String SERVER_HOST = "websocket.server.host";

    /** Server service property: whether the server serves TLS, {@code wss://} (a Boolean). */
    public static final String SERVER_TLS = "websocket.server.tls";

    /** Server service property: the PID of the configuration that started the server. */
    public static final String SERVER_PID = "websocket.server.pid";

    // ------------------------------------------------------------------------------- configuration keys

    /**
     * Server: the name endpoints select and the {@code ws:} commands show; empty for the configuration's name (after
     * '~' in its PID), else the alias of the file it came from ({@code net.websocket.server-ALIAS.cfg}, as Karaf's
     * {@code config:edit --factory --alias ALIAS} and File Install write it), else its PID.
     */
    public static final String NAME = "name";

    /** Server: the address to listen on; '*' for every address. */
    public static final String HOST = "host";

    /** Server: the port to listen on; 0 picks a free one. */
    public static final String PORT = "port";

    /** Server: the listen backlog. */
    public static final String BACKLOG = "backlog";

    /** Server: the largest HTTP request head accepted, in bytes. */
    public static final String MAX_REQUEST_HEAD_SIZE = "maxRequestHeadSize";

    /** Client: the largest HTTP response head to an opening handshake, in bytes. */
    public static final String MAX_RESPONSE_HEAD_SIZE = "maxResponseHeadSize";

    /** Server: the most connections open at once. */
    public static final String MAX_CONNECTIONS = "maxConnections";

    /** Server: the most handshakes in progress at once; sockets accepted beyond it get 503 with Retry-After. */
    public static final String MAX_HANDSHAKES_IN_PROGRESS = "maxHandshakesInProgress";

    /** Server: the most sockets (connections and handshakes) from one source address; beyond it 503. */
    public static final String MAX_CONNECTIONS_PER_ADDRESS = "maxConnectionsPerAddress";

    /**
     * Server: the budget of bytes queued on all of its connections together, both ways.
     *
     * @since 1.1
     */
    public static final String MAX_QUEUED_BYTES = "maxQueuedBytes";

    /** Server: milliseconds a client has to send its whole handshake. */
    public static final String HANDSHAKE_TIMEOUT = "handshakeTimeout";

    /** Server: milliseconds a stopping server waits for closing handshakes. */
    public static final String SHUTDOWN_TIMEOUT = "shutdownTimeout";

    /** Server and client: the number of selector threads (server: 0 lets the runtime pick). */
    public static final String IO_THREADS = "ioThreads";

    /** Server: the origins whose pages may connect (String[]); empty for every origin. */
    public static final String ALLOWED_ORIGINS = "allowedOrigins";

    /** Server: the HTTP status (4xx) a handshake from an origin not allowed gets. */
    public static final String ACCESS_DENIED_STATUS = "accessDeniedStatus";

    /** Server: the plain-text body of that answer. */
    public static final String ACCESS_DENIED_BODY = "accessDeniedBody";

    /** Server and client: negotiate the extensions of the extension services present; off: plain frames. */
    public static final String EXTENSIONS = "extensions";

    /**
     * Server: a key store file whose key the server serves TLS with; empty for plain ws://. The server reads it (and
     * the trust store) again when it changes on disk ({@value #TLS_RELOAD_INTERVAL}): new connections get the new
     * certificate, open ones keep theirs, nothing restarts.
     */
    public static final String KEY_STORE = "keyStore";

    /** Server: the password of the key store and its key. */
    public static final String KEY_STORE_PASSWORD = "keyStorePassword";

    /** Server: the key store's type, PKCS12 or JKS; empty to recognise it by its content. */
    public static final String KEY_STORE_TYPE = "keyStoreType";

    /**
     * Server: a trust store file whose certificates vouch for client certificates (with {@value #CLIENT_AUTH});
     * empty for the JVM's default trust store.
     */
    public static final String TRUST_STORE = "trustStore";

    /** Server: the password of the trust store; empty for none. */
    public static final String TRUST_STORE_PASSWORD = "trustStorePassword";

    /** Server: the trust store's type, PKCS12 or JKS; empty to recognise it by its content. */
    public static final String TRUST_STORE_TYPE = "trustStoreType";

    /**
     * Server: whether clients are asked for a certificate: {@code none} (the default), {@code want} (asked, not
     * required) or {@code need} (required; a client without one fails the TLS handshake).
     */
    public static final String CLIENT_AUTH = "clientAuth";

    /** Server: the TLS protocol versions enabled (String[], e.g. TLSv1.3); empty for TLS 1.3 and 1.2. */
    public static final String TLS_PROTOCOLS = "tlsProtocols";

    /** Server: the TLS cipher suites enabled (String[]), in order of preference; empty for the JVM's defaults. */
    public static final String TLS_CIPHER_SUITES = "tlsCipherSuites";

    /**
     * Server: the least milliseconds between two looks at the key store and trust store files for a change, made as
     * new connections arrive; 0 looks at every new connection, a negative value never (no reloading).
     */
    public static final String TLS_RELOAD_INTERVAL = "tlsReloadInterval";

    /**
     * Server: serve on the OSGi HTTP whiteboard's port (through the bundle {@code net.websocket.whiteboard.http})
     * instead of a socket of its own (a Boolean, default false; true for the server named
     * {@value net.websocket.api.whiteboard.WebSocketWhiteboard#HTTP_WHITEBOARD_SERVER}).
     *
     * @since 1.2
     */
    public static final String HTTP_WHITEBOARD = "httpWhiteboard";

    /**
     * Server on the HTTP whiteboard: the servlet patterns its handshakes arrive by (String[], as
     * {@code osgi.http.whiteboard.servlet.pattern}); default {@code /*}, but for the server
     * {@value net.websocket.api.whiteboard.WebSocketWhiteboard#HTTP_WHITEBOARD_SERVER} the patterns covering its
     * endpoints' paths, which follow them (a path expression without regex metacharacters exactly, else its literal
     * beginning up to its last '/' as a prefix pattern; relative to a context at the root). The endpoints' paths are
     * matched against the whole request path, context path included.
     *
     * @since 1.2
     */
    public static final String HTTP_WHITEBOARD_PATTERN = "httpWhiteboardPattern";

    /**
     * Server on the HTTP whiteboard: the filter selecting the servlet context (as
     * {@code osgi.http.whiteboard.context.select}); empty for the default context.
     *
     * @since 1.2
     */
    public static final String HTTP_WHITEBOARD_CONTEXT_SELECT = "httpWhiteboardContextSelect";

    /** Client: check that a {@code wss://} server's certificate names the host connected to. */
    public static final String HOSTNAME_VERIFICATION = "hostnameVerification";

    private WhiteboardConfiguration() {
    }
}
