/**
 * The net.websocket API: connections, endpoints (blocking {@link net.websocket.api.Handler} and event-style
 * {@link net.websocket.api.Listener}), the {@link net.websocket.api.ServiceMapper}, the handshake hook, and in
 * {@code net.websocket.api.spi} the protocol-variant SPI that engines such as RFC 6455 and hybi-00 implement, and in
 * {@code net.websocket.api.whiteboard} the OSGi whiteboard's service properties, and in
 * {@code net.websocket.api.codec} the codec helpers (UTF-8, HTTP tokens, HTTP heads) the variants and runtime share.
 */
module net.websocket.api {
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;

    exports net.websocket.api;
    exports net.websocket.api.spi;
    exports net.websocket.api.codec;
    exports net.websocket.api.whiteboard;

    uses net.websocket.api.spi.ProtocolVariant;
    uses net.websocket.api.spi.ExtensionFactory;
}
