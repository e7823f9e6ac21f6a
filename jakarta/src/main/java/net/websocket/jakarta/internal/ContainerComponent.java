package net.websocket.jakarta.internal;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import net.websocket.api.ConnectionSettings;
import net.websocket.api.WebSocketClient;
import net.websocket.jakarta.JakartaClientContainer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * The client {@link WebSocketContainer} as an OSGi service: how a bundle gets the Jakarta client container in OSGi,
 * where {@code ContainerProvider}'s {@code ServiceLoader} does not see across bundles. Each bundle that gets the
 * service gets its own {@link JakartaClientContainer} over the whiteboard's {@link WebSocketClient} service (the
 * client's options are the whiteboard's client configuration); the sessions a bundle opened are closed with 1001
 * when it releases the service.
 */
@Component(service = WebSocketContainer.class, scope = ServiceScope.BUNDLE)
public final class ContainerComponent implements WebSocketContainer {

    private final JakartaClientContainer container;

    /**
     * The container of one bundle.
     *
     * @param client the runtime's client service
     */
    @Activate
    public ContainerComponent(@Reference WebSocketClient client) {
        this.container = new JakartaClientContainer(client, ConnectionSettings.defaults());
    }

    /** Closes the sessions the bundle opened. */
    @Deactivate
    void deactivate() {
        container.close();
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

    @Override
    public long getDefaultAsyncSendTimeout() {
        return container.getDefaultAsyncSendTimeout();
    }

    @Override
    public void setAsyncSendTimeout(long timeoutMillis) {
        container.setAsyncSendTimeout(timeoutMillis);
    }

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

    @Override
    public Set<Extension> getInstalledExtensions() {
        return container.getInstalledExtensions();
    }
}
