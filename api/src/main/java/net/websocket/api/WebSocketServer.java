package net.websocket.api;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A running server: the handle {@code serve(...)} returns. Closing it stops accepting, closes every connection with
 * 1001 (going away), waits for their closing handshakes up to a timeout, and releases every thread and socket.
 */
@ProviderType
public interface WebSocketServer extends AutoCloseable {

    /** The address the server is bound to, with the actual port when port 0 was asked for. */
    InetSocketAddress address();

    /** The bound port. */
    default int port() {
        return address().getPort();
    }

    /** The number of open WebSocket connections. */
    int connectionCount();

    /** Whether the server is still accepting connections. */
    boolean isRunning();

    /** Stops the server, waiting up to the configured shutdown timeout for closing handshakes. Idempotent. */
    @Override
    void close();

    /** Stops the server, waiting up to {@code timeout} for closing handshakes. Idempotent. */
    void close(Duration timeout);

    /** Completes once the server has fully stopped. */
    CompletionStage<Void> stopped();
}
