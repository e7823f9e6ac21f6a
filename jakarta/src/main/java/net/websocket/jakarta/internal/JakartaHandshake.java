package net.websocket.jakarta.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.ServerEndpointConfig;

import net.websocket.api.ConnectionOverrides;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.HandshakeDecision;
import net.websocket.api.HandshakeHook;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.api.spi.ExtensionFactory;

/**
 * The server's handshake hook: the Jakarta part of each opening handshake (Jakarta WebSocket 2.1, section 4.1.x
 * and the Javadoc of {@link ServerEndpointConfig.Configurator}). It finds the endpoint by path, asks its configurator
 * {@code checkOrigin} (403 when refused), {@code getNegotiatedSubprotocol} and {@code getNegotiatedExtensions},
 * makes the session's own copy of the configuration, lets {@code modifyHandshake} see the request and change the
 * response's headers, and accepts with a {@link HandshakeState} as the connection's state and the endpoint's message
 * size as the connection's limit.
 *
 * <p>The configurator decides (sections 3.1.2 and 3.1.3): the acceptance answers with the subprotocol it chose
 * ({@link HandshakeDecision.Accept#withSubprotocol}; the route takes any offer, {@code ServiceMapper.any}), and lets
 * the runtime agree only the extensions it kept ({@link HandshakeDecision.Accept#withExtensions}: the runtime still
 * negotiates their parameters). A subprotocol the client did not offer is refused with 500. A hook of the server's
 * options runs first; its refusal stands.
 *
 * <p>The user principal, roles and HTTP session of the request are those the hosting server knows
 * ({@link CurrentHostRequest}, a servlet container's); on the runtime's own port the principal is that of the
 * client's TLS certificate, if it presented one, with no roles and no HTTP session.
 */
public final class JakartaHandshake implements HandshakeHook {

    /** Response headers the protocol variant writes itself, which {@code modifyHandshake} may not set. */
    private static final Set<String> RESERVED = Set.of("upgrade", "connection", "sec-websocket-accept",
            "sec-websocket-protocol", "sec-websocket-extensions", "sec-websocket-version");

    private final List<Registration> registrations;
    private final HandshakeHook before;
    private final ConnectionOverrides overrides;
    private final String contextPath;
    /** The server's extension factories; {@code null}: not known here, the requested ones are shown installed. */
    private final Supplier<List<ExtensionFactory>> installed;

    /**
     * A hook for these endpoints, on servers whose extensions are not known here (OSGi: every whiteboard server):
     * the configurator sees the requested extensions as the installed ones, and the server agrees those of them it
     * has.
     *
     * @param registrations the endpoints, in the order of precedence of their paths
     * @param before        the hook of the server's options, run first
     * @param overrides     settings every connection gets (the container's defaults)
     */
    public JakartaHandshake(List<Registration> registrations, HandshakeHook before, ConnectionOverrides overrides) {
        this(registrations, before, overrides, "", null);
    }

    /**
     * A hook for these endpoints.
     *
     * @param registrations the endpoints, in the order of precedence of their paths
     * @param before        the hook of the server's options, run first
     * @param overrides     settings every connection gets (the container's defaults)
     * @param contextPath   the context path the request paths start with ({@code ""} for the root), stripped before
     *                      the templates are matched
     * @param installed     the server's extension factories ({@code ServerOptions.extensions()})
     */
    public JakartaHandshake(List<Registration> registrations, HandshakeHook before, ConnectionOverrides overrides,
            String contextPath, Supplier<List<ExtensionFactory>> installed) {
        this.registrations = List.copyOf(registrations);
        this.before = Objects.requireNonNull(before, "before");
        this.overrides = overrides;
        this.contextPath = Objects.requireNonNull(contextPath, "contextPath");
        this.installed = installed;
    }

    /**
     * {@return the path relative to the context path, as the endpoints' templates see it, or {@code null} if it lies
     * outside the context}
     *
     * @param contextPath the context path ({@code ""} for the root)
     * @param path        the request's path
     */
    static String relative(String contextPath, String path) {
        if (contextPath.isEmpty()) {
            return path;
        }
        if (!path.startsWith(contextPath)) {
            return null;
        }
        String rest = path.substring(contextPath.length());
        return rest.isEmpty() ? "/" : rest.startsWith("/") ? rest : null;
    }

    @Override
    public HandshakeDecision onHandshake(HandshakeRequest request) throws Exception {
        HandshakeDecision.Accept first = null;
        if (before != HandshakeHook.ACCEPT_ALL) {
            HandshakeDecision d = before.onHandshake(request);
            if (d instanceof HandshakeDecision.Reject) {
                return d;
            }
            first = (HandshakeDecision.Accept) d;
        }
        Registration reg = null;
        Map<String, String> params = null;
        GivenEndpoint given = GivenEndpoint.current();
        String path = relative(contextPath, request.path());
        if (given != null) {
            reg = given.registration;
            params = given.pathParameters;
        } else if (path != null) {
            for (Registration r : registrations) {
                params = r.path.match(path);
                if (params != null) {
                    reg = r;
                    break;
                }
            }
        }
        if (reg == null) {
            return HandshakeDecision.reject(404, "no endpoint at this path");
        }
        ServerEndpointConfig.Configurator configurator = reg.configurator;
        if (!configurator.checkOrigin(request.origin().orElse(null))) {
            return HandshakeDecision.reject(403, "origin not allowed");
        }
        List<String> requested = request.offeredSubprotocols();
        String negotiated = configurator.getNegotiatedSubprotocol(reg.config.getSubprotocols(), requested);
        String chosen = negotiated == null ? "" : negotiated;
        if (!chosen.isEmpty() && !requested.contains(chosen)) {
            return HandshakeDecision.reject(500, "the endpoint chose a subprotocol the client did not offer");
        }
        List<Extension> offered = Extensions.parse(request.headers().all("Sec-WebSocket-Extensions"));
        List<Extension> kept = configurator.getNegotiatedExtensions(
                installed == null ? offered : List.copyOf(Extensions.installed(installed.get())), offered);
        SessionConfig config = new SessionConfig(reg.config);
        Response response = new Response();
        if (!chosen.isEmpty()) {
            response.headers.put("Sec-WebSocket-Protocol", new ArrayList<>(List.of(chosen)));
        }
        CurrentHostRequest host = CurrentHostRequest.current();
        Principal user = host != null ? host.userPrincipal() : peerPrincipal(request);
        configurator.modifyHandshake(config, new Request(request, params, host, user), response);
        Headers.Builder headers = first == null ? Headers.builder() : first.headers().toBuilder();
        for (Map.Entry<String, List<String>> h : response.headers.entrySet()) {
            if (h.getValue() != null && !RESERVED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                for (String v : h.getValue()) {
                    headers.add(h.getKey(), v);
                }
            }
        }
        ConnectionOverrides.Builder o = ConnectionOverrides.builder();
        if (reg.maxMessageSize() > 0) {
            o.set(ConnectionSettings.MAX_MESSAGE_SIZE, reg.maxMessageSize());
        }
        Set<String> allowed = Extensions.names(kept);
        if (first != null && first.extensions().isPresent()) {
            allowed.retainAll(first.extensions().get()); // the server's own hook narrowed them too
        }
        ConnectionOverrides all = (first == null ? overrides : first.overrides().then(overrides)).then(o.build());
        HandshakeState state = new HandshakeState(reg, config, params, request, user);
        return new HandshakeDecision.Accept(headers.build(), state, all).withSubprotocol(chosen)
                .withExtensions(allowed);
    }

    /**
     * {@return the principal of the client's TLS certificate, when the request came over TLS on the runtime's own
     * port and the client presented one; else {@code null}}
     *
     * @param request the request
     */
    static Principal peerPrincipal(HandshakeRequest request) {
        SSLSession tls = request.sslSession().orElse(null);
        if (tls == null) {
            return null;
        }
        try {
            return tls.getPeerPrincipal();
        } catch (SSLPeerUnverifiedException e) {
            return null; // no client certificate
        }
    }

    /** {@return the request URI as the endpoint sees it: scheme, host, path and query} */
    static URI requestUri(HandshakeRequest request) {
        String target = request.target();
        if (!target.startsWith("/")) {
            return URI.create(target);
        }
        String host = request.host().orElse(null);
        return URI.create(host == null ? target : (request.secure() ? "wss://" : "ws://") + host + target);
    }

    /** {@return the query's parameters, percent-decoded, each name with its values in order} */
    static Map<String, List<String>> parameters(String query) {
        if (query == null || query.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(out);
    }

    /** The opening handshake's request as {@code modifyHandshake} sees it. */
    private static final class Request implements jakarta.websocket.server.HandshakeRequest {
        private final HandshakeRequest request;
        private final Map<String, List<String>> headers;
        private final Map<String, List<String>> parameters;
        /** What the hosting server knows of the request, or {@code null} on the runtime's own port. */
        private final CurrentHostRequest host;
        private final Principal user;

        Request(HandshakeRequest request, Map<String, String> pathParameters, CurrentHostRequest host,
                Principal user) {
            this.request = request;
            this.host = host;
            this.user = user;
            Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (Headers.Field f : request.headers()) {
                h.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(f.value());
            }
            h.replaceAll((k, v) -> List.copyOf(v));
            this.headers = Collections.unmodifiableMap(h);
            Map<String, List<String>> p = new LinkedHashMap<>(parameters(request.query().orElse(null)));
            pathParameters.forEach((k, v) -> p.putIfAbsent(k, List.of(v)));
            this.parameters = Collections.unmodifiableMap(p);
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }

        @Override
        public Principal getUserPrincipal() {
            return user;
        }

        @Override
        public URI getRequestURI() {
            return requestUri(request);
        }

        @Override
        public boolean isUserInRole(String role) {
            return host != null && user != null && host.roles().test(role);
        }

        @Override
        public Object getHttpSession() {
            return host == null ? null : host.httpSession().get();
        }

        @Override
        public Map<String, List<String>> getParameterMap() {
            return parameters;
        }

        @Override
        public String getQueryString() {
            return request.query().orElse(null);
        }
    }

    /** The response's headers, for {@code modifyHandshake} to change. */
    private static final class Response implements HandshakeResponse {
        final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }
    }

    /**
     * A session's own view of its endpoint's configuration: everything as configured, but user properties of its
     * own, a copy of the configured ones, so what one handshake or session stores there no other sees.
     */
    static final class SessionConfig implements ServerEndpointConfig {
        private final ServerEndpointConfig config;
        private final Map<String, Object> userProperties;

        SessionConfig(ServerEndpointConfig config) {
            this.config = config;
            this.userProperties = Collections.synchronizedMap(new java.util.HashMap<>(config.getUserProperties()));
        }

        @Override
        public Class<?> getEndpointClass() {
            return config.getEndpointClass();
        }

        @Override
        public String getPath() {
            return config.getPath();
        }

        @Override
        public List<String> getSubprotocols() {
            return config.getSubprotocols();
        }

        @Override
        public List<Extension> getExtensions() {
            return config.getExtensions();
        }

        @Override
        public Configurator getConfigurator() {
            return config.getConfigurator();
        }

        @Override
        public List<Class<? extends Encoder>> getEncoders() {
            return config.getEncoders();
        }

        @Override
        public List<Class<? extends Decoder>> getDecoders() {
            return config.getDecoders();
        }

        @Override
        public Map<String, Object> getUserProperties() {
            return userProperties;
        }
    }
}
