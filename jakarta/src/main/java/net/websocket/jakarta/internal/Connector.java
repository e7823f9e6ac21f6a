package net.websocket.jakarta.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import net.websocket.api.CloseCodes;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.ConnectionOverrides;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.WebSocketClient;

/**
 * The client side of a container (Jakarta WebSocket 2.1, sections 2.1, 3.2 and 4.x, the Javadoc of
 * {@link WebSocketContainer#connectToServer}): it reads a {@code @ClientEndpoint} class or takes a programmatic
 * {@link Endpoint} with its {@link ClientEndpointConfig}, lets the configurator's {@code beforeRequest} see and
 * change the request headers (the preferred subprotocols among them, as {@code Sec-WebSocket-Protocol}), connects
 * with the runtime's {@link WebSocketClient} and returns the session once the endpoint's {@code onOpen} has run. An
 * endpoint that is not valid is a {@link DeploymentException}; a connection that cannot be made or a handshake the
 * server refuses is the runtime's {@link IOException}. It keeps the open sessions of each endpoint class. TLS is
 * the client's, or the configuration's own {@code SSLContext} for its connections (the client's host name
 * verification, protocols and cipher suites still apply).
 */
public final class Connector {

    /** Request headers the runtime's variant writes itself, which {@code beforeRequest} may not set. */
    private static final Set<String> RESERVED = Set.of("host", "upgrade", "connection", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-extensions", "content-length", "transfer-encoding");
    private static final String PROTOCOL = "Sec-WebSocket-Protocol";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final WebSocketContainer container;
    private final WebSocketClient client;
    private final Map<Class<?>, Set<JakartaSession>> open = new ConcurrentHashMap<>();

    /**
     * A connector for a container.
     *
     * @param container the container its sessions belong to, whose defaults they take
     * @param client    the runtime's client that connects
     */
    public Connector(WebSocketContainer container, WebSocketClient client) {
        this.container = container;
        this.client = client;
    }

    /**
     * Connects an instance of a {@code @ClientEndpoint} class.
     *
     * @throws DeploymentException if its class is not a valid annotated client endpoint
     * @throws IOException         if the connection cannot be made or the server refuses it
     */
    public Session connectAnnotated(Object instance, URI uri) throws DeploymentException, IOException {
        Class<?> type = instance.getClass();
        ClientEndpointConfig config = annotatedConfig(type);
        AnnotatedModel model = AnnotatedModel.of(type, config.getDecoders());
        return connect(new AnnotatedEndpoint(model, instance), type, config, model, uri);
    }

    /**
     * Connects a new instance of a {@code @ClientEndpoint} class, made with its public no-argument constructor.
     *
     * @throws DeploymentException if the class is not a valid annotated client endpoint or cannot be made
     * @throws IOException         if the connection cannot be made or the server refuses it
     */
    public Session connectAnnotated(Class<?> type, URI uri) throws DeploymentException, IOException {
        annotatedConfig(type);
        return connectAnnotated(instantiate(type), uri);
    }

    /**
     * Connects a programmatic endpoint.
     *
     * @throws DeploymentException if the configuration's encoders or decoders are not valid
     * @throws IOException         if the connection cannot be made or the server refuses it
     */
    public Session connect(Endpoint endpoint, ClientEndpointConfig config, URI uri)
            throws DeploymentException, IOException {
        ClientEndpointConfig c = config == null ? ClientEndpointConfig.Builder.create().build() : config;
        return connect(endpoint, endpoint.getClass(), c, null, uri);
    }

    /**
     * Connects a new instance of a programmatic endpoint class, made with its public no-argument constructor.
     *
     * @throws DeploymentException if the class cannot be made
     * @throws IOException         if the connection cannot be made or the server refuses it
     */
    public Session connect(Class<? extends Endpoint> type, ClientEndpointConfig config, URI uri)
            throws DeploymentException, IOException {
        return connect((Endpoint) instantiate(type), config, uri);
    }

    /** Closes every open session with 1001 (going away). */
    public void closeAll() {
        for (Set<JakartaSession> sessions : open.values()) {
            for (JakartaSession s : sessions) {
                s.connection().close(CloseCodes.GOING_AWAY, "");
            }
        }
    }

    private static ClientEndpointConfig annotatedConfig(Class<?> type) throws DeploymentException {
        ClientEndpoint a = type.getAnnotation(ClientEndpoint.class);
        if (a == null) {
            throw new DeploymentException(type.getName() + " has no @ClientEndpoint annotation; a programmatic"
                    + " endpoint is connected with a ClientEndpointConfig");
        }
        ClientEndpointConfig.Configurator configurator;
        try {
            configurator = a.configurator().getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new DeploymentException("cannot make the configurator " + a.configurator().getName(), e);
        }
        return ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(Arrays.asList(a.subprotocols()))
                .encoders(Arrays.asList(a.encoders()))
                .decoders(Arrays.asList(a.decoders()))
                .configurator(configurator)
                .build();
    }

    private static Object instantiate(Class<?> type) throws DeploymentException {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new DeploymentException("cannot make an instance of " + type.getName(), e);
        }
    }

    private Session connect(Endpoint endpoint, Class<?> type, ClientEndpointConfig config, AnnotatedModel model,
            URI uri) throws DeploymentException, IOException {
        long maxText = container.getDefaultMaxTextMessageBufferSize();
        long maxBinary = container.getDefaultMaxBinaryMessageBufferSize();
        if (model != null) {
            long t = model.maxMessageSize(MessageHandlers.Kind.TEXT);
            long b = model.maxMessageSize(MessageHandlers.Kind.BINARY);
            maxText = t > 0 ? t : maxText;
            maxBinary = b > 0 ? b : maxBinary;
        }
        ConnectionOverrides.Builder overrides = ConnectionOverrides.builder()
                .set(ConnectionSettings.MAX_MESSAGE_SIZE, Math.max(maxText, maxBinary));
        if (container.getDefaultMaxSessionIdleTimeout() > 0) {
            overrides.set(ConnectionSettings.IDLE_TIMEOUT,
                    Duration.ofMillis(container.getDefaultMaxSessionIdleTimeout()));
        }
        // the configuration's own TLS context (2.1), if any, for this connection; else the client's
        ConnectRequest.Builder request = ConnectRequest.builder().overrides(overrides.build()).timeout(TIMEOUT)
                .sslContext(config.getSSLContext());
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (!config.getPreferredSubprotocols().isEmpty()) {
            headers.put(PROTOCOL, new ArrayList<>(config.getPreferredSubprotocols()));
        }
        config.getConfigurator().beforeRequest(headers);
        List<String> subprotocols = new ArrayList<>();
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getValue() == null) {
                continue;
            }
            for (String v : h.getValue()) {
                if (PROTOCOL.equalsIgnoreCase(h.getKey())) {
                    for (String p : v.split(",")) {
                        if (!p.isBlank()) {
                            subprotocols.add(p.trim());
                        }
                    }
                } else if (!RESERVED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                    request.header(h.getKey(), v);
                }
            }
        }
        request.subprotocols(subprotocols);
        // the configuration's extensions, by name, of those the client has (3.2.1); none when it lists none
        request.extensions(config.getExtensions().stream().map(jakarta.websocket.Extension::getName).toList());
        Set<JakartaSession> sessions = open.computeIfAbsent(type, t -> ConcurrentHashMap.newKeySet());
        ClientSessionListener listener = new ClientSessionListener(container, endpoint, config,
                new Origin(config, uri, maxText, maxBinary, sessions, type.getName()));
        Connection connection = client.connect(uri, request.listener(listener).build());
        try {
            return listener.opened().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.abort();
            throw new InterruptedIOException("interrupted while the session opened");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("the session did not open",
                    e.getCause());
        } catch (TimeoutException e) {
            connection.abort();
            throw new IOException("the session did not open within " + TIMEOUT, e);
        }
    }

    /** A client session's origin: its configuration, the URI it connected to, its limits and siblings. */
    private record Origin(EndpointConfig config, URI requestUri, long maxTextMessageSize, long maxBinaryMessageSize,
            Set<JakartaSession> openSessions, String endpointName) implements SessionOrigin {

        @Override
        public String query() {
            return requestUri.getRawQuery();
        }

        @Override
        public Map<String, String> pathParameters() {
            return Map.of();
        }

        @Override
        public boolean secure() {
            return "wss".equalsIgnoreCase(requestUri.getScheme());
        }

        @Override
        public Principal userPrincipal() {
            return null;
        }
    }
}
