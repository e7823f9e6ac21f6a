package net.websocket.api;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens client connections ({@code ws://}, and {@code wss://} where the runtime has TLS), with any protocol variant
 * that is present. In OSGi it is a service; elsewhere the runtime gives one.
 */
@ProviderType
public interface WebSocketClient {

    /** Connects with the default request (RFC 6455, no extra headers, no subprotocols). */
    default Connection connect(URI uri) throws IOException {
        return connect(uri, ConnectRequest.defaults());
    }

    /**
     * Connects and completes the opening handshake, blocking until the connection is open.
     *
     * @throws HandshakeException if the server refused or answered wrongly
     * @throws IOException        if the connection could not be made
     */
    Connection connect(URI uri, ConnectRequest request) throws IOException;

    /** Connects asynchronously; the stage fails with the exception {@link #connect(URI, ConnectRequest)} would throw. */
    CompletionStage<Connection> connectAsync(URI uri, ConnectRequest request);
}
