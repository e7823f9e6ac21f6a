package net.websocket.whiteboard.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.WebSocketClient;
import net.websocket.runtime.ClientOptions;
import net.websocket.runtime.WebSockets;
import net.websocket.whiteboard.WhiteboardConfiguration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link WebSocketClient} service: connects with whichever protocol variant services are present (the
 * highest-ranked of the requested name). Each bundle gets its own client; the connections a bundle opened are closed
 * with 1001 when it releases the service, and a connection is closed with 1001 when the variant service that opened
 * it goes away.
 */
@Component(service = WebSocketClient.class, scope = ServiceScope.BUNDLE,
        configurationPid = WhiteboardConfiguration.CLIENT_PID)
@Designate(ocd = ClientConfig.class)
public final class ClientComponent extends ConnectionOwner implements WebSocketClient {

    private final WhiteboardRuntime runtime;
    private final WebSocketClient client;

    @Activate
    public ClientComponent(@Reference WhiteboardRuntime runtime, ClientConfig config) {
        this.runtime = runtime;
        ClientOptions.Builder options = options(config);
        if (config.extensions()) {
            options.extensions(runtime.extensionSource());
        }
        options.observer(runtime.registry().observer());
        this.client = WebSockets.client(options.build(), runtime.variantSource());
    }

    /** The client options a configuration gives, without extensions (the component adds the live ones). */
    static ClientOptions.Builder options(ClientConfig config) {
        return ClientOptions.builder()
                .maxFrameSize(config.maxFrameSize())
                .maxMessageSize(config.maxMessageSize())
                .maxResponseHeadSize(config.maxResponseHeadSize())
                .idleTimeout(Duration.ofMillis(config.idleTimeout()))
                .closeTimeout(Duration.ofMillis(config.closeTimeout()))
                .streamFragmentSize(config.streamFragmentSize())
                .outboundQueueLimit(config.outboundQueueLimit())
                .inboundQueueLimit(config.inboundQueueLimit())
                .ioThreads(config.ioThreads())
                .dropIncomingPings(config.dropIncomingPings())
                .pingInterval(Duration.ofMillis(config.pingInterval()))
                .pongTimeout(config.pongTimeout() == 0 ? null : Duration.ofMillis(config.pongTimeout()))
                .propagateProtocolErrors(config.propagateProtocolErrors())
                .hostnameVerification(config.hostnameVerification())
                .extensions();
    }

    @Override
    public Connection connect(URI uri, ConnectRequest request) throws IOException {
        return track(client.connect(uri, request));
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
