/** The hybi-00 (draft-hixie-thewebsocketprotocol-76) protocol variant: a sans-I/O handshake and framing engine. */
module net.websocket.hybi00 {
    requires transitive net.websocket.api;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;

    exports net.websocket.hybi00;

    provides net.websocket.api.spi.ProtocolVariant with net.websocket.hybi00.Hybi00Variant;
}
