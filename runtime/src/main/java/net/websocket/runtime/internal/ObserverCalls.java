package net.websocket.runtime.internal;

import java.lang.System.Logger.Level;

import net.websocket.api.Connection;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.runtime.ConnectionObserver;

/** Tells a {@link ConnectionObserver} of a connection, so that what it throws is logged and goes no further. */
final class ObserverCalls {

    private ObserverCalls() {
    }

    static void opened(ConnectionObserver observer, Connection c, ProtocolVariant variant) {
        try {
            observer.opened(c, variant);
        } catch (RuntimeException e) {
            Logs.CONNECTION.log(Level.WARNING, Logs.about(c, "connection observer failed on opening"), e);
        }
    }

    static void closed(ConnectionObserver observer, Connection c) {
        try {
            observer.closed(c);
        } catch (RuntimeException e) {
            Logs.CONNECTION.log(Level.WARNING, Logs.about(c, "connection observer failed on closing"), e);
        }
    }
}
