package net.websocket.whiteboard.internal;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketMetrics;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ClientOptions;
import net.websocket.whiteboard.WhiteboardConfiguration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * The {@link WebSocketClient} service: connects with whichever protocol variant services are present (the
 * highest-ranked of the requested name). Each bundle gets its own client; the connections a bundle opened are closed
 * with 1001 when it releases the service, and a connection is closed with 1001 when the variant service that opened
 * it goes away.
 */
@Component(service = WebSocketClient.class, scope = ServiceScope.BUNDLE,
        configurationPid = WhiteboardConfiguration.CLIENT_PID)
public final class ClientComponent extends ConnectionOwner implements WebSocketClient {

    private final WhiteboardRuntime runtime;
    private final WebSocketClient client;

    @Activate
    public ClientComponent(@Reference WhiteboardRuntime runtime, Map<String, Object> config) {
        this.runtime = runtime;
        ClientOptions.Builder options = options(config);
        if (ServiceProps.flag(config, WhiteboardConfiguration.EXTENSIONS, true)) {
            options.extensions(runtime.extensionSource());
        }
        options.observer(runtime.registry().observer());
        this.client = WebSockets.client(options.build(), runtime.variantSource());
    }

    /**
     * The client options a configuration gives, without extensions (the component adds the live ones): the
     * client's own keys ({@link ConfigKeys#client()}), absent ones taking {@link ClientOptions#defaults()}, and the
     * connection settings through their table.
     *
     * @throws IllegalArgumentException naming a key whose value is not valid
     */
    static ClientOptions.Builder options(Map<String, ?> config) {
        ClientOptions d = ClientOptions.defaults();
        ClientOptions.Builder b = ClientOptions.builder()
                .maxResponseHeadSize(ServiceProps.integer(config, WhiteboardConfiguration.MAX_RESPONSE_HEAD_SIZE,
                        d.maxResponseHeadSize()))
                .ioThreads(ServiceProps.integer(config, WhiteboardConfiguration.IO_THREADS, d.ioThreads()))
                .hostnameVerification(ServiceProps.flag(config, WhiteboardConfiguration.HOSTNAME_VERIFICATION,
                        d.hostnameVerification()))
                .extensions();
        SettingProperties.read(config, "", b);
        return b;
    }

    @Override
    public Connection connect(URI uri, ConnectRequest request) throws IOException {
        return track(client.connect(uri, request));
    }

    @Override
    public WebSocketMetrics metrics() {
        return client.metrics();
    }

    @Override
    public CompletionStage<Connection> connectAsync(URI uri, ConnectRequest request) {
        CompletionStage<Connection> connecting;
        try {
            connecting = client.connectAsync(uri, request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return connecting.thenApply(this::track);
    }

    private Connection track(Connection c) {
        ConnectionRegistry registry = runtime.registry();
        TrackedVariant variant = registry.madeBy(c);
        registry.track(c, null, null, variant, variant == null ? List.of(this) : List.of(this, variant));
        return c;
    }

    @Deactivate
    void deactivate() {
        retire("client released");
    }
}
