/** The net.websocket runtime: NIO servers and clients; variants chosen at handshake time. */
module net.websocket.runtime {
    requires transitive net.websocket.api;
    requires java.management;
    requires static osgi.annotation;

    exports net.websocket.nio;
    exports net.websocket.runtime;
    exports net.websocket.upgrade;

    uses net.websocket.api.spi.ProtocolVariant;
    uses net.websocket.api.spi.ExtensionFactory;
}
