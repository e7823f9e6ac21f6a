package net.websocket.jakarta.internal;

import java.net.URI;
import java.security.Principal;
import java.util.Map;
import java.util.Set;

import jakarta.websocket.EndpointConfig;

/**
 * What a session knows of how it was opened, on either side: the endpoint's configuration (the session's own copy
 * on a server, the {@code ClientEndpointConfig} on a client), the request URI, query and path parameters, whether
 * the connection is secure, the message buffer sizes it starts with, and the open sessions of the same endpoint.
 * A server session's origin is its {@link HandshakeState}; a client session's is made by the {@link Connector}.
 */
interface SessionOrigin {

    /** {@return the endpoint configuration the session's handlers, encoders and decoders follow} */
    EndpointConfig config();

    /** {@return the request URI: scheme, host, path and query} */
    URI requestUri();

    /** {@return the raw query, or {@code null} if there is none} */
    String query();

    /** {@return the path parameters: those of the server endpoint's path template; none on a client} */
    Map<String, String> pathParameters();

    /** {@return the authenticated user of the opening handshake's request, or {@code null}: always on a client} */
    Principal userPrincipal();

    /** {@return whether the connection is over TLS} */
    boolean secure();

    /** {@return the text message buffer size the session starts with (0: no check beyond the connection's)} */
    long maxTextMessageSize();

    /** {@return the binary message buffer size the session starts with (0: no check beyond the connection's)} */
    long maxBinaryMessageSize();

    /** {@return the live set of the sessions open on the same endpoint, this one included once open} */
    Set<JakartaSession> openSessions();

    /** {@return how the endpoint is named in log messages and {@code toString}: its path or URI} */
    String endpointName();
}
