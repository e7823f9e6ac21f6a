package net.websocket.jakarta.internal;

import java.nio.ByteBuffer;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.WebSocketContainer;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.Connection;
import net.websocket.api.Listener;

/**
 * The runtime's {@link Listener} of Jakarta endpoints: it turns the events of each connection into the Jakarta
 * calls of the connection's session (Jakarta WebSocket 2.1, chapter 2), whose endpoint the handshake hook chose.
 * When a connection opens it gets an endpoint instance from the configurator (given back at close, see
 * {@link Registration#release}), makes the session's encoders and decoders and calls {@code onOpen}; each message
 * goes, in parts as it is read, to the session's {@link IncomingMessages} and from there to the handler of its type
 * (none: the session closes with 1003); a pong to its pong handler;
 * when the connection closes, {@code onClose} gets the close code and reason and the encoders and decoders are
 * destroyed. Whatever a handler throws, and every {@code DecodeException}, goes to {@code onError}; the session
 * stays open. The runtime calls one connection's events one at a time, so a session's handlers never run
 * concurrently. A client's connection is served by the same events, its session opened by a
 * {@link ClientSessionListener}.
 */
public class SessionListener implements Listener.Partial {

    private static final System.Logger LOG = System.getLogger(SessionListener.class.getName());

    private final WebSocketContainer container;

    /**
     * A listener for the endpoints of a container: each connection's endpoint is the one its handshake chose
     * ({@link JakartaHandshake}, the connection's {@link HandshakeState}).
     *
     * @param container the container the sessions belong to
     */
    public SessionListener(WebSocketContainer container) {
        this.container = container;
    }

    @Override
    public void onOpen(Connection connection) {
        HandshakeState state = connection.state();
        if (state == null) { // routed here without the container's handshake: no endpoint to give it
            connection.close(CloseCodes.INTERNAL_ERROR, "endpoint unavailable");
            return;
        }
        Registration endpointRegistration = state.registration;
        Endpoint endpoint;
        Coders coders;
        try {
            Object instance = endpointRegistration.configurator.getEndpointInstance(
                    endpointRegistration.config.getEndpointClass());
            state.instance = instance;
            endpoint = endpointRegistration.annotated != null
                    ? new AnnotatedEndpoint(endpointRegistration.annotated, instance) : (Endpoint) instance;
            coders = new Coders(state.config);
        } catch (Exception | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "no endpoint for " + endpointRegistration.path + ": " + e, e);
            release(state);
            connection.close(CloseCodes.INTERNAL_ERROR, "endpoint unavailable");
            return;
        }
        JakartaSession session = new JakartaSession(container, connection, state, endpoint, coders);
        state.session = session;
        endpointRegistration.openSessions.add(session);
        try {
            endpoint.onOpen(session, state.config);
        } catch (RuntimeException e) {
            error(session, e);
        }
    }

    /** Gives the session's endpoint instance back, once (see {@link Registration#release}). */
    private static void release(HandshakeState state) {
        Object instance = state.instance;
        state.instance = null;
        if (instance != null) {
            try {
                state.registration.release.accept(instance);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "releasing the endpoint of " + state.registration.path
                        + " failed", e);
            }
        }
    }

    /** {@return the connection's session, or {@code null} before it opened} The server's is in its state. */
    JakartaSession session(Connection connection) {
        HandshakeState state = connection.state();
        return state == null ? null : state.session;
    }

    @Override
    public void onTextPart(Connection connection, String text, boolean last) {
        JakartaSession s = session(connection);
        if (s == null) {
            return;
        }
        try {
            s.incoming().text(text, last);
        } catch (Throwable t) {
            error(s, t);
        }
    }

    @Override
    public void onBinaryPart(Connection connection, ByteBuffer data, boolean last) {
        JakartaSession s = session(connection);
        if (s == null) {
            return;
        }
        try {
            s.incoming().binary(data, last);
        } catch (Throwable t) {
            error(s, t);
        }
    }

    @Override
    public void onPong(Connection connection, ByteBuffer data) {
        JakartaSession s = session(connection);
        if (s == null) {
            return;
        }
        try {
            s.handlers().pong(data);
        } catch (Throwable t) {
            error(s, t);
        }
    }

    @Override
    public void onClose(Connection connection, CloseStatus status) {
        JakartaSession s = session(connection);
        if (s == null) {
            return;
        }
        s.origin().openSessions().remove(s);
        s.incoming().closed();
        try {
            s.endpoint().onClose(s, new CloseReason(CloseReason.CloseCodes.getCloseCode(status.code()),
                    status.reason()));
        } catch (Throwable t) {
            error(s, t);
        } finally {
            s.coders().destroy();
            if (connection.state() instanceof HandshakeState state) { // a server's session: its endpoint instance
                release(state);
            }
        }
    }

    @Override
    public void onError(Connection connection, Throwable error) {
        JakartaSession s = session(connection);
        if (s != null) {
            error(s, error);
        }
    }

    static void error(JakartaSession s, Throwable t) {
        if (t instanceof Error e && !(t instanceof AssertionError) && !(t instanceof LinkageError)) {
            throw e;
        }
        try {
            s.endpoint().onError(s, t);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "onError of " + s + " threw", e);
        }
    }
}
