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

    /** {@return the address the server is bound to, with the actual port when port 0 was asked for} */
    InetSocketAddress address();

    /** {@return the bound port: the actual one when port 0 was asked for} */
    default int port() {
        return address().getPort();
    }

    /** {@return the number of open WebSocket connections} */
    int connectionCount();

    /**
     * The server's metrics, read live: connections, handshakes, messages, bytes, close codes, pings, timings.
     *
     * @return the metrics of this server since it started
     */
    WebSocketMetrics metrics();

    /** {@return whether the server is still accepting connections: {@code false} once closing began} */
    boolean isRunning();

    /** Stops the server, waiting up to the configured shutdown timeout for closing handshakes. Idempotent. */
    @Override
    void close();

    /**
     * Stops the server, waiting up to {@code timeout} for closing handshakes. Idempotent.
     *
     * @param timeout how long the connections may take to finish their closing handshakes before the rest are dropped
     *                ({@link Duration#ZERO}: at once); not {@code null}
     */
    void close(Duration timeout);

    /** {@return a stage that completes (with {@code null}, never exceptionally) once the server has fully stopped} */
    CompletionStage<Void> stopped();
}
