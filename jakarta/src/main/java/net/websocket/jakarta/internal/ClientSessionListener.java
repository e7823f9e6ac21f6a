package net.websocket.jakarta.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.WebSocketContainer;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.Connection;
import net.websocket.api.Headers;

/**
 * The runtime's {@link net.websocket.api.Listener} of one client connection (Jakarta WebSocket 2.1, section 2.1 and
 * the Javadoc of {@link ClientEndpointConfig.Configurator}): when the connection opens it shows the handshake
 * response to the configurator's {@code afterResponse}, makes the session's encoders and decoders, and opens the
 * session on the endpoint. Messages, pongs, errors and the close are the {@link SessionListener}'s, as on a server.
 */
final class ClientSessionListener extends SessionListener {

    private final WebSocketContainer container;
    private final Endpoint endpoint;
    private final ClientEndpointConfig config;
    private final SessionOrigin origin;
    private final CompletableFuture<JakartaSession> opened = new CompletableFuture<>();
    private volatile JakartaSession session;

    ClientSessionListener(WebSocketContainer container, Endpoint endpoint, ClientEndpointConfig config,
            SessionOrigin origin) {
        super(container);
        this.container = container;
        this.endpoint = endpoint;
        this.config = config;
        this.origin = origin;
    }

    /** {@return a stage completed with the session once {@code onOpen} has run, or failed if it did not open} */
    CompletableFuture<JakartaSession> opened() {
        return opened;
    }

    @Override
    JakartaSession session(Connection connection) {
        return session;
    }

    @Override
    public void onOpen(Connection connection) {
        Coders coders;
        try {
            config.getConfigurator().afterResponse(new Response(connection.responseHeaders()));
            coders = new Coders(config);
        } catch (Exception | LinkageError e) {
            opened.completeExceptionally(e);
            connection.close(CloseCodes.INTERNAL_ERROR, "endpoint unavailable");
            return;
        }
        JakartaSession s = new JakartaSession(container, connection, origin, endpoint, coders);
        session = s;
        origin.openSessions().add(s);
        try {
            endpoint.onOpen(s, config);
        } catch (RuntimeException e) {
            error(s, e);
        } finally {
            opened.complete(s);
        }
    }

    @Override
    public void onClose(Connection connection, CloseStatus status) {
        super.onClose(connection, status);
        opened.completeExceptionally(new IOException("closed before the session opened: " + status));
    }

    /** The handshake response as {@code afterResponse} sees it: its headers, names without regard to case. */
    private static final class Response implements HandshakeResponse {
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        Response(Headers received) {
            for (Headers.Field f : received) {
                headers.computeIfAbsent(f.name(), n -> new java.util.ArrayList<>()).add(f.value());
            }
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return Collections.unmodifiableMap(headers);
        }
    }
}
