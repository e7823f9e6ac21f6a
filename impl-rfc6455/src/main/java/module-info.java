/** The RFC 6455 protocol variant: a sans-I/O handshake and framing engine. */
module net.websocket.rfc6455 {
    requires net.websocket.api;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;

    exports net.websocket.rfc6455;

    provides net.websocket.api.spi.ProtocolVariant with net.websocket.rfc6455.Rfc6455Variant;
}
