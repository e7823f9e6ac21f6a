/** The net.websocket runtime: NIO servers and clients; variants chosen at handshake time. */
module net.websocket.runtime {
    requires transitive net.websocket.api;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;
    // the OSGi layer, package net.websocket.runtime.osgi: not exported, loaded only inside a framework
    requires static osgi.core;
    requires static org.osgi.service.metatype.annotations;

    exports net.websocket.runtime;

    uses net.websocket.api.spi.ProtocolVariant;
    uses net.websocket.api.spi.ExtensionFactory;
}
