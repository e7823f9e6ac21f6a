/**
 * The WebSocket whiteboard for OSGi: Declarative Services components that track protocol variant, extension,
 * endpoint and handshake hook services, run the servers configured through Config Admin, offer the
 * {@link net.websocket.api.WebSocketClient} service, the
 * {@link net.websocket.whiteboard.runtime.WebSocketServiceRuntime} service with the whiteboard's state as DTOs, and the
 * {@code ws:} Gogo commands. It uses only the exported packages of the API and the runtime; {@link net.websocket.whiteboard.WhiteboardConfiguration} names its
 * configuration and service properties.
 */
module net.websocket.whiteboard {
    requires net.websocket.runtime;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;
    requires static osgi.core;
    requires static org.osgi.service.metatype;

    exports net.websocket.whiteboard;
    exports net.websocket.whiteboard.runtime;
    exports net.websocket.whiteboard.runtime.dto;
}
