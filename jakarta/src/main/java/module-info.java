/**
 * A Jakarta WebSocket 2.1 server container on the net.websocket runtime: annotated and programmatic server
 * endpoints, sessions, remote endpoints, encoders and decoders, mapped onto the runtime's {@code Listener} and
 * {@code Connection}. It uses only the exported packages of the API and the runtime;
 * {@link net.websocket.jakarta.JakartaServerContainer} is where to start. The container's default configurator is
 * offered as a service, as the Jakarta WebSocket specification asks of an implementation; so is the client
 * container ({@link net.websocket.jakarta.JakartaClientContainer}) as the {@code ContainerProvider}. In OSGi, with
 * Declarative Services and the whiteboard, {@code @ServerEndpoint} services registered the Pax Web way are served as
 * well.
 */
module net.websocket.jakarta {
    requires transitive net.websocket.runtime;
    requires transitive jakarta.websocket;
    requires static osgi.annotation;
    requires static osgi.core;
    requires static org.osgi.service.component.annotations;

    exports net.websocket.jakarta;

    provides jakarta.websocket.server.ServerEndpointConfig.Configurator
            with net.websocket.jakarta.internal.DefaultConfigurator;
    provides jakarta.websocket.ContainerProvider
            with net.websocket.jakarta.internal.JakartaContainerProvider;
}
