package net.websocket.jakarta.internal;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.Set;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import net.websocket.api.ConnectionSettings;
import net.websocket.api.WebSocketClient;

/**
 * The client container's implementation (Jakarta WebSocket 2.1, the Javadoc of {@link WebSocketContainer}): its
 * defaults, and the {@link Connector} that connects with one {@link WebSocketClient} of the runtime. The public
 * {@code JakartaClientContainer} wraps one; the {@code ContainerProvider}'s container is one and the OSGi service
 * ({@link ContainerComponent}) extends it; a server container's client side is one whose sessions belong to the
 * server container. The defaults become each
 * connection's settings when it connects: the larger message buffer size its message size limit (the smaller is
 * checked per message; the client's own limit where none was set), a positive session idle timeout its idle
 * timeout (0, the default, leaves the client's), the async send timeout the sessions' {@code Async} timeout.
 */
public class ClientContainer implements WebSocketContainer, AutoCloseable {

    private final Connector connector;
    private final ContainerDefaults defaults;

    /**
     * A container on a client of the runtime.
     *
     * @param client   the client that connects
     * @param settings the client's connection settings, which the container reports as its defaults where none
     *                 was set on it
     */
    public ClientContainer(WebSocketClient client, ConnectionSettings settings) {
        this(null, client, settings);
    }

    /**
     * The client side of another container: its sessions belong to {@code owner} and take its defaults.
     *
     * @param owner    the container the sessions belong to, or {@code null} for this one
     * @param client   the client that connects
     * @param settings the client's connection settings
     */
    public ClientContainer(WebSocketContainer owner, WebSocketClient client, ConnectionSettings settings) {
        this.connector = new Connector(owner == null ? this : owner, Objects.requireNonNull(client, "client"));
        this.defaults = new ContainerDefaults(Objects.requireNonNull(settings, "settings").maxMessageSize(), 0);
    }

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path)
            throws DeploymentException, IOException {
        return connector.connectAnnotated(annotatedEndpointInstance, path);
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path)
            throws DeploymentException, IOException {
        return connector.connectAnnotated(annotatedEndpointClass, path);
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return connector.connect(endpointInstance, cec, path);
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return connector.connect(endpointClass, cec, path);
    }

    /** Closes the sessions this container opened and that are still open, with 1001 (going away). */
    @Override
    public void close() {
        connector.closeAll();
    }

    @Override
    public long getDefaultAsyncSendTimeout() {
        return defaults.asyncSendTimeout();
    }

    @Override
    public void setAsyncSendTimeout(long timeoutMillis) {
        defaults.asyncSendTimeout(timeoutMillis);
    }

    /** {@inheritDoc} 0 (the default) leaves the client's idle timeout in force. */
    @Override
    public long getDefaultMaxSessionIdleTimeout() {
        return defaults.sessionIdleTimeout();
    }

    @Override
    public void setDefaultMaxSessionIdleTimeout(long timeout) {
        defaults.sessionIdleTimeout(timeout);
    }

    @Override
    public int getDefaultMaxBinaryMessageBufferSize() {
        return defaults.maxBinaryMessageBufferSize();
    }

    @Override
    public void setDefaultMaxBinaryMessageBufferSize(int max) {
        defaults.maxBinaryMessageBufferSize(max);
    }

    @Override
    public int getDefaultMaxTextMessageBufferSize() {
        return defaults.maxTextMessageBufferSize();
    }

    @Override
    public void setDefaultMaxTextMessageBufferSize(int max) {
        defaults.maxTextMessageBufferSize(max);
    }

    /** {@return no extensions: permessage-deflate, when the client's options have it, is the runtime's} */
    @Override
    public Set<Extension> getInstalledExtensions() {
        return Set.of();
    }
}
