package net.websocket.jakarta.internal;

import java.util.Map;

import jakarta.websocket.server.ServerEndpointConfig;

import net.websocket.api.HandshakeRequest;

/**
 * What the handshake hook learnt of one connection, kept as the connection's state until it opens and then
 * holding its session: the endpoint, the session's own copy of the configuration, the path parameters and the
 * request.
 */
final class HandshakeState {
    final Registration registration;
    final ServerEndpointConfig config;
    final Map<String, String> pathParameters;
    final HandshakeRequest request;
    volatile JakartaSession session;
    /** The endpoint instance of the session, once open (given back through {@link Registration#release}). */
    volatile Object instance;

    HandshakeState(Registration registration, ServerEndpointConfig config, Map<String, String> pathParameters,
            HandshakeRequest request) {
        this.registration = registration;
        this.config = config;
        this.pathParameters = pathParameters;
        this.request = request;
    }
}
