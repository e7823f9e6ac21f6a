package net.websocket.jakarta.internal;

import java.net.URI;
import java.security.Principal;
import java.util.Map;
import java.util.Set;

import jakarta.websocket.server.ServerEndpointConfig;

import net.websocket.api.HandshakeRequest;

/**
 * What the handshake hook learnt of one connection, kept as the connection's state until it opens and then
 * holding its session: the endpoint, the session's own copy of the configuration, the path parameters, the
 * request and its authenticated user. It is the origin of the connection's session.
 */
final class HandshakeState implements SessionOrigin {
    final Registration registration;
    final ServerEndpointConfig config;
    final Map<String, String> pathParameters;
    final HandshakeRequest request;
    /** The authenticated user of the request, or {@code null}. */
    final Principal userPrincipal;
    volatile JakartaSession session;
    /** The endpoint instance of the session, once open (given back through {@link Registration#release}). */
    volatile Object instance;

    HandshakeState(Registration registration, ServerEndpointConfig config, Map<String, String> pathParameters,
            HandshakeRequest request, Principal userPrincipal) {
        this.registration = registration;
        this.config = config;
        this.pathParameters = pathParameters;
        this.request = request;
        this.userPrincipal = userPrincipal;
    }

    @Override
    public Principal userPrincipal() {
        return userPrincipal;
    }

    @Override
    public ServerEndpointConfig config() {
        return config;
    }

    @Override
    public URI requestUri() {
        return JakartaHandshake.requestUri(request);
    }

    @Override
    public String query() {
        return request.query().orElse(null);
    }

    @Override
    public Map<String, String> pathParameters() {
        return pathParameters;
    }

    @Override
    public boolean secure() {
        return request.secure();
    }

    @Override
    public long maxTextMessageSize() {
        return registration.maxTextMessageSize;
    }

    @Override
    public long maxBinaryMessageSize() {
        return registration.maxBinaryMessageSize;
    }

    @Override
    public Set<JakartaSession> openSessions() {
        return registration.openSessions;
    }

    @Override
    public String endpointName() {
        return registration.path.toString();
    }
}
