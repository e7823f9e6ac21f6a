package net.websocket.api.spi;

import java.nio.ByteBuffer;
import java.util.List;

import net.websocket.api.HandshakeException;
import net.websocket.api.Headers;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The server side of one opening handshake, after its request head was validated. The runtime uses it once, in this
 * order: reads {@link #bodyLength()} bytes after the head and passes them to {@link #readBody}; routes by path and
 * {@link #offeredSubprotocols()}; calls one of the {@code accept} methods and writes the bytes it returns; then frames the connection
 * with {@link #engine()}. Not thread-safe.
 */
@ConsumerType
public interface ServerHandshake {

    /** {@return how many bytes follow the request head and belong to the handshake (hybi-00: 8, RFC 6455: 0)} */
    int bodyLength();

    /**
     * Takes exactly {@link #bodyLength()} bytes. Not called when that is 0.
     *
     * @param body the bytes that followed the request head: {@link #bodyLength()} of them
     * @throws HandshakeException with the HTTP status to answer (400) if the body is not what the handshake needs
     */
    void readBody(ByteBuffer body) throws HandshakeException;

    /** {@return the subprotocols the client offered, in its order; empty if none} */
    List<String> offeredSubprotocols();

    /**
     * Accepts the handshake; the engine frames the connection with the limits of the {@link EngineConfig} the
     * handshake was started with.
     *
     * @param subprotocol  the chosen subprotocol, or {@code null} for none
     * @param extraHeaders headers to add to the response (from the handshake hook)
     * @return the complete response (status line, headers, any body) to write
     */
    ByteBuffer accept(String subprotocol, Headers extraHeaders);

    /**
     * Accepts the handshake like {@link #accept(String, Headers)}, but frames the connection with these limits
     * instead of those of the {@link EngineConfig} the handshake was started with: the route or the handshake hook
     * overrode them (see {@link net.websocket.api.ConnectionOverrides}), which the runtime learns only after the
     * handshake started. Every variant takes them: the response is the same as {@link #accept(String, Headers)}
     * would write; only the engine's limits differ.
     *
     * @param subprotocol    the chosen subprotocol, or {@code null} for none
     * @param extraHeaders   headers to add to the response (from the handshake hook)
     * @param maxFrameSize   as {@link EngineConfig#maxFrameSize()}
     * @param maxMessageSize as {@link EngineConfig#maxMessageSize()}
     * @return the complete response (status line, headers, any body) to write
     */
    ByteBuffer accept(String subprotocol, Headers extraHeaders, long maxFrameSize, long maxMessageSize);

    /** {@return the engine that frames the connection; valid after {@link #accept}} */
    FrameEngine engine();
}
