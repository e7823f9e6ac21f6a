package net.websocket.api.spi;

import java.nio.ByteBuffer;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeResponse;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The client side of one opening handshake. The runtime writes {@link #request()}, reads and parses the response
 * head, reads {@link #responseBodyLength()} more bytes, and calls {@link #complete}; then frames the connection with
 * the engine it returns. Not thread-safe.
 */
@ConsumerType
public interface ClientHandshake {

    /** {@return the complete request (request line, headers, any body) to write, ready to read} */
    ByteBuffer request();

    /** {@return how many bytes follow the response head and belong to the handshake (hybi-00: 16, RFC 6455: 0)} */
    int responseBodyLength();

    /**
     * Checks the response and finishes the handshake.
     *
     * @param response the parsed response head
     * @param body     exactly {@link #responseBodyLength()} bytes
     * @return the engine that frames the connection
     * @throws HandshakeException if the server refused (status other than 101) or answered wrongly (accept value,
     *                            upgrade headers, a subprotocol or extension that was not offered)
     */
    FrameEngine complete(HandshakeResponse response, ByteBuffer body) throws HandshakeException;

    /** {@return the subprotocol the server chose, or {@code null} for none; valid after {@link #complete}} */
    String subprotocol();
}
