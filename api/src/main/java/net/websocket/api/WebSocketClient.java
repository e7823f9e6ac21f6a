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

    /**
     * Connects with the default request (RFC 6455, no extra headers, no subprotocols), as
     * {@link #connect(URI, ConnectRequest)} does.
     *
     * @param uri the {@code ws://} or {@code wss://} URI to connect to
     * @return the open connection, whose receive methods take its messages
     * @throws HandshakeException if the server refused or answered wrongly
     * @throws IOException        if the connection could not be made
     */
    default Connection connect(URI uri) throws IOException {
        return connect(uri, ConnectRequest.defaults());
    }

    /**
     * Connects and completes the opening handshake, blocking until the connection is open.
     *
     * @param uri     the {@code ws://} or {@code wss://} URI to connect to: with a host, without a fragment
     * @param request the headers, subprotocols, variant, timeout, listener and settings of this connection
     * @return the open connection; it delivers to the request's listener if it has one, else its receive methods
     *         take its messages
     * @throws HandshakeException if the server refused or answered wrongly
     * @throws IOException        if the connection could not be made: also if the URI is not a {@code ws://} or
     *                            {@code wss://} URI with a host, the requested variant is not present, or the
     *                            request's timeout passed ({@link java.net.SocketTimeoutException})
     */
    Connection connect(URI uri, ConnectRequest request) throws IOException;

    /**
     * The client's metrics, read live: connections, handshakes, messages, bytes, close codes, pings, timings.
     *
     * @return the metrics of the connections this client opened since it was made
     */
    WebSocketMetrics metrics();

    /**
     * Connects asynchronously; the stage fails with the exception {@link #connect(URI, ConnectRequest)} would throw.
     *
     * @param uri     as for {@link #connect(URI, ConnectRequest)}
     * @param request as for {@link #connect(URI, ConnectRequest)}
     * @return a stage that completes with the open connection, or fails
     */
    CompletionStage<Connection> connectAsync(URI uri, ConnectRequest request);
}
