package net.websocket.jakarta.internal;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import net.websocket.api.CloseCodes;
import net.websocket.api.Connection;

/**
 * A Jakarta session over one of the runtime's {@link Connection}s (Jakarta WebSocket 2.1, section 2.1.x and the
 * Javadoc of {@link Session}). Its id is the connection's id; its request URI, query, parameters and subprotocol are
 * those of the connection's opening handshake, as its {@link SessionOrigin} tells them, on a server or a client;
 * closing it closes the connection. Its message buffer sizes are
 * checked per message against the connection's message size limit, which the handshake set to the endpoint's
 * largest: a larger message closes the session with 1009. The idle timeout is the connection's:
 * {@link #setMaxIdleTimeout} changes it on the open connection ({@link Connection#setIdleTimeout}), counted from
 * the peer's last message.
 */
final class JakartaSession implements Session {

    private final WebSocketContainer container;
    private final Connection connection;
    private final SessionOrigin origin;
    private final Endpoint endpoint;
    private final MessageHandlers handlers = new MessageHandlers();
    private final IncomingMessages incoming = new IncomingMessages(this);
    private final Coders coders;
    private final Remotes.Basic basic;
    private final Remotes.Async async;
    private final Map<String, Object> userProperties = Collections.synchronizedMap(new HashMap<>());
    private volatile long maxIdleTimeout;
    private volatile int maxTextMessageBufferSize;
    private volatile int maxBinaryMessageBufferSize;

    JakartaSession(WebSocketContainer container, Connection connection, SessionOrigin origin, Endpoint endpoint,
            Coders coders) {
        this.container = container;
        this.connection = connection;
        this.origin = origin;
        this.endpoint = endpoint;
        this.coders = coders;
        this.basic = new Remotes.Basic(this, connection);
        this.async = new Remotes.Async(this, connection, container.getDefaultAsyncSendTimeout());
        this.maxIdleTimeout = container.getDefaultMaxSessionIdleTimeout();
        this.maxTextMessageBufferSize = (int) Math.min(Integer.MAX_VALUE, origin.maxTextMessageSize());
        this.maxBinaryMessageBufferSize = (int) Math.min(Integer.MAX_VALUE, origin.maxBinaryMessageSize());
    }

    Endpoint endpoint() {
        return endpoint;
    }

    Coders coders() {
        return coders;
    }

    /** {@return what the session does with the parts of the messages it receives} */
    IncomingMessages incoming() {
        return incoming;
    }

    MessageHandlers handlers() {
        return handlers;
    }

    Connection connection() {
        return connection;
    }

    SessionOrigin origin() {
        return origin;
    }

    @Override
    public WebSocketContainer getContainer() {
        return container;
    }

    @Override
    public void addMessageHandler(MessageHandler handler) {
        if (handler instanceof MessageHandler.Partial<?> p) {
            addPartial(Types.argument(handler.getClass(), MessageHandler.Partial.class), p);
        } else if (handler instanceof MessageHandler.Whole<?> w) {
            addWhole(Types.argument(handler.getClass(), MessageHandler.Whole.class), w);
        } else {
            throw new IllegalStateException("a message handler is a MessageHandler.Whole or .Partial");
        }
    }

    @Override
    public <T> void addMessageHandler(Class<T> type, MessageHandler.Whole<T> handler) {
        addWhole(type, handler);
    }

    @Override
    public <T> void addMessageHandler(Class<T> type, MessageHandler.Partial<T> handler) {
        addPartial(type, handler);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void addWhole(Class<?> type, MessageHandler.Whole handler) {
        if (type == null) {
            throw new IllegalStateException("the message type of " + handler.getClass().getName()
                    + " cannot be told: pass it to addMessageHandler(Class, Whole)");
        }
        MessageHandlers.Kind kind = MessageHandlers.kindOf(type, false, origin.config().getDecoders());
        handlers.add(new MessageHandlers.Entry(kind, type, false, handler, (m, last) -> handler.onMessage(m)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void addPartial(Class<?> type, MessageHandler.Partial handler) {
        if (type == null) {
            throw new IllegalStateException("the message type of " + handler.getClass().getName()
                    + " cannot be told: pass it to addMessageHandler(Class, Partial)");
        }
        MessageHandlers.Kind kind = MessageHandlers.kindOf(type, true, origin.config().getDecoders());
        handlers.add(new MessageHandlers.Entry(kind, type, true, handler, (m, last) -> handler.onMessage(m, last)));
    }

    @Override
    public Set<MessageHandler> getMessageHandlers() {
        return handlers.userHandlers();
    }

    @Override
    public void removeMessageHandler(MessageHandler handler) {
        handlers.remove(handler);
    }

    @Override
    public String getProtocolVersion() {
        return "13";
    }

    @Override
    public String getNegotiatedSubprotocol() {
        return connection.subprotocol().orElse("");
    }

    @Override
    public List<Extension> getNegotiatedExtensions() {
        return Extensions.parse(connection.responseHeaders().all("Sec-WebSocket-Extensions"));
    }

    @Override
    public boolean isSecure() {
        return origin.secure();
    }

    @Override
    public boolean isOpen() {
        return !connection.isClosed();
    }

    @Override
    public long getMaxIdleTimeout() {
        return maxIdleTimeout;
    }

    @Override
    public void setMaxIdleTimeout(long milliseconds) {
        maxIdleTimeout = milliseconds;
        connection.setIdleTimeout(milliseconds > 0 ? Duration.ofMillis(milliseconds) : Duration.ZERO);
    }

    @Override
    public void setMaxBinaryMessageBufferSize(int length) {
        maxBinaryMessageBufferSize = length;
    }

    @Override
    public int getMaxBinaryMessageBufferSize() {
        return maxBinaryMessageBufferSize;
    }

    @Override
    public void setMaxTextMessageBufferSize(int length) {
        maxTextMessageBufferSize = length;
    }

    @Override
    public int getMaxTextMessageBufferSize() {
        return maxTextMessageBufferSize;
    }

    @Override
    public RemoteEndpoint.Async getAsyncRemote() {
        return async;
    }

    @Override
    public RemoteEndpoint.Basic getBasicRemote() {
        return basic;
    }

    @Override
    public String getId() {
        return connection.id();
    }

    @Override
    public void close() throws IOException {
        connection.close(CloseCodes.NORMAL, "");
    }

    @Override
    public void close(CloseReason reason) throws IOException {
        connection.close(reason.getCloseCode().getCode(), reason.getReasonPhrase());
    }

    @Override
    public URI getRequestURI() {
        return origin.requestUri();
    }

    @Override
    public Map<String, List<String>> getRequestParameterMap() {
        return JakartaHandshake.parameters(getQueryString());
    }

    @Override
    public String getQueryString() {
        return origin.query();
    }

    @Override
    public Map<String, String> getPathParameters() {
        return origin.pathParameters();
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return userProperties;
    }

    @Override
    public Principal getUserPrincipal() {
        return origin.userPrincipal();
    }

    @Override
    public Set<Session> getOpenSessions() {
        Set<Session> open = new HashSet<>();
        for (JakartaSession s : origin.openSessions()) {
            if (s.isOpen()) {
                open.add(s);
            }
        }
        return Collections.unmodifiableSet(open);
    }

    @Override
    public String toString() {
        return "JakartaSession[" + connection.id() + " " + origin.endpointName() + "]";
    }
}
