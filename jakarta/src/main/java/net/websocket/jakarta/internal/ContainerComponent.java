package net.websocket.jakarta.internal;

import jakarta.websocket.WebSocketContainer;

import net.websocket.api.ConnectionSettings;
import net.websocket.api.WebSocketClient;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * The client {@link WebSocketContainer} as an OSGi service: how a bundle gets the Jakarta client container in OSGi,
 * where {@code ContainerProvider}'s {@code ServiceLoader} does not see across bundles. Each bundle that gets the
 * service gets its own container over the whiteboard's {@link WebSocketClient} service (the client's options are
 * the whiteboard's client configuration); the sessions a bundle opened are closed with 1001 when it releases the
 * service.
 */
@Component(service = WebSocketContainer.class, scope = ServiceScope.BUNDLE)
public final class ContainerComponent extends ClientContainer {

    /**
     * The container of one bundle.
     *
     * @param client the runtime's client service
     */
    @Activate
    public ContainerComponent(@Reference WebSocketClient client) {
        super(client, ConnectionSettings.defaults());
    }

    /** Closes the sessions the bundle opened. */
    @Deactivate
    void deactivate() {
        close();
    }
}
