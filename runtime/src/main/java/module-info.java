/** The net.websocket runtime: NIO servers and clients; variants chosen at handshake time. */
module net.websocket.runtime {
    requires transitive net.websocket.api;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;

    exports net.websocket.runtime;

    uses net.websocket.api.spi.ProtocolVariant;
}
