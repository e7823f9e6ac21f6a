package net.websocket.runtime;

import net.websocket.api.Connection;
import net.websocket.api.spi.ProtocolVariant;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when the connections of one server or client open and close, and which {@link ProtocolVariant} instance
 * made each: the very instance its {@link VariantSource} listed, so that an application that offers several
 * implementations of one protocol can tell their connections apart (and close those of an implementation it
 * withdraws). Set with {@link ServerOptions.Builder#observer} or {@link ClientOptions.Builder#observer}.
 *
 * <p>Both methods run on the connection's I/O thread, so they must return quickly and never block; an exception
 * they throw is logged and otherwise ignored. {@link #opened} comes before the endpoint (or, for a client, the
 * caller of {@code connect}) sees the connection, and {@link #closed} once it is closed for good, before
 * {@link Connection#closed()} completes. A connection that opens is reported closed exactly once.
 */
@ConsumerType
public interface ConnectionObserver {

    /** An observer that is told nothing; the default. */
    ConnectionObserver NONE = (connection, variant) -> {
    };

    /**
     * A connection has completed its opening handshake.
     *
     * @param connection the connection
     * @param variant    the variant that accepted (server) or opened (client) it
     */
    void opened(Connection connection, ProtocolVariant variant);

    /**
     * A connection reported {@linkplain #opened opened} is closed (its closing handshake ended, it timed out or its
     * socket dropped). Does nothing by default.
     *
     * @param connection the connection
     */
    default void closed(Connection connection) {
    }
}
