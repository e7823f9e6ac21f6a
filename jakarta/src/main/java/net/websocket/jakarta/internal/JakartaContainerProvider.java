package net.websocket.jakarta.internal;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;

import net.websocket.nio.WebSockets;
import net.websocket.runtime.ClientOptions;

/**
 * What {@link ContainerProvider#getWebSocketContainer()} finds through {@code ServiceLoader} (named in
 * {@code META-INF/services} for the class path and by {@code provides} in the module descriptor): a new
 * {@link ClientContainer} on a new client of the runtime with the default options at each call.
 */
public final class JakartaContainerProvider extends ContainerProvider {

    /** The provider, made by {@code ServiceLoader}. */
    public JakartaContainerProvider() {
    }

    @Override
    protected WebSocketContainer getContainer() {
        ClientOptions options = ClientOptions.defaults();
        return new ClientContainer(WebSockets.client(options), options.connection());
    }
}
