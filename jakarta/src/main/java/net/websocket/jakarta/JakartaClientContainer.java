package net.websocket.jakarta;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import net.websocket.api.ConnectionSettings;
import net.websocket.api.WebSocketClient;
import net.websocket.jakarta.internal.ClientContainer;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ClientOptions;

/**
 * A Jakarta WebSocket 2.1 client {@link WebSocketContainer} on the net.websocket runtime: it connects
 * {@code @ClientEndpoint} classes and instances and programmatic {@link Endpoint}s with their
 * {@link ClientEndpointConfig} through one {@link WebSocketClient} of the runtime. The sessions behave as the server
 * container's do (docs/JAKARTA.md maps both).
 *
 * <pre>{@code
 * WebSocketContainer container = ContainerProvider.getWebSocketContainer(); // or new JakartaClientContainer()
 * Session session = container.connectToServer(Chat.class, URI.create("ws://127.0.0.1:8080/chat"));
 * }</pre>
 *
 * <p>{@link ContainerProvider#getWebSocketContainer()} finds it through {@code ServiceLoader}, on the class path
 * and on the module path (a container of the same implementation, not this class); in OSGi the bundle registers
 * one as a {@code WebSocketContainer} service over the whiteboard's {@code WebSocketClient} service. The
 * container's defaults become each session's settings when it connects: the message buffer sizes limit the
 * messages a session joins for a whole handler (the client's {@link ConnectionSettings#maxMessageSize()} where
 * none was set; partial and stream handlers get messages in parts, of any size), a positive session idle timeout its {@link ConnectionSettings#idleTimeout()} (0, the default,
 * leaves the client's), the async send timeout the sessions' {@code RemoteEndpoint.Async} timeout. The
 * subprotocols offered are the configuration's preferred ones as {@code beforeRequest} left them; the extensions
 * offered are the configuration's, by name, of those the client's options have (permessage-deflate), none when it
 * lists none.
 */
public final class JakartaClientContainer implements WebSocketContainer, AutoCloseable {

    private final ClientContainer container;

    /** A container on a new client of the runtime with {@link ClientOptions#defaults()}. */
    public JakartaClientContainer() {
        this(ClientOptions.defaults());
    }

    /**
     * A container on a new client of the runtime with these options.
     *
     * @param options the client's limits, TLS, proxy and extensions
     */
    public JakartaClientContainer(ClientOptions options) {
        this(WebSockets.client(options), options.connection());
    }

    /**
     * A container on a client of the runtime made elsewhere.
     *
     * @param client   the client that connects
     * @param settings the client's connection settings, which the container reports as its defaults where none
     *                 was set on it
     */
    public JakartaClientContainer(WebSocketClient client, ConnectionSettings settings) {
        this.container = new ClientContainer(this, client, settings);
    }

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path)
            throws DeploymentException, IOException {
        return container.connectToServer(annotatedEndpointInstance, path);
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path)
            throws DeploymentException, IOException {
        return container.connectToServer(annotatedEndpointClass, path);
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return container.connectToServer(endpointInstance, cec, path);
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return container.connectToServer(endpointClass, cec, path);
    }

    /** Closes the sessions this container opened and that are still open, with 1001 (going away). */
    @Override
    public void close() {
        container.close();
    }

    @Override
    public long getDefaultAsyncSendTimeout() {
        return container.getDefaultAsyncSendTimeout();
    }

    @Override
    public void setAsyncSendTimeout(long timeoutMillis) {
        container.setAsyncSendTimeout(timeoutMillis);
    }

    /** {@inheritDoc} 0 (the default) leaves the client's idle timeout in force. */
    @Override
    public long getDefaultMaxSessionIdleTimeout() {
        return container.getDefaultMaxSessionIdleTimeout();
    }

    @Override
    public void setDefaultMaxSessionIdleTimeout(long timeout) {
        container.setDefaultMaxSessionIdleTimeout(timeout);
    }

    @Override
    public int getDefaultMaxBinaryMessageBufferSize() {
        return container.getDefaultMaxBinaryMessageBufferSize();
    }

    @Override
    public void setDefaultMaxBinaryMessageBufferSize(int max) {
        container.setDefaultMaxBinaryMessageBufferSize(max);
    }

    @Override
    public int getDefaultMaxTextMessageBufferSize() {
        return container.getDefaultMaxTextMessageBufferSize();
    }

    @Override
    public void setDefaultMaxTextMessageBufferSize(int max) {
        container.setDefaultMaxTextMessageBufferSize(max);
    }

    /** {@return no extensions: permessage-deflate, when the client's options have it, is the runtime's} */
    @Override
    public Set<Extension> getInstalledExtensions() {
        return container.getInstalledExtensions();
    }
}
