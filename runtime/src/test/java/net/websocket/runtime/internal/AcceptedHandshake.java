package net.websocket.runtime.internal;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.ServiceLoader;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.api.spi.ServerHandshake;

/**
 * An RFC 6455 server handshake accepted as the server accepts one, for tests that run a {@link WsConnection} over a
 * {@link MemoryTransport}: the connection's facts, its engine and the 101 response it starts by writing.
 *
 * @param info     the connection's facts
 * @param engine   the accepted engine
 * @param response the 101 response's bytes
 */
record AcceptedHandshake(ConnectionInfo info, FrameEngine engine, byte[] response) {

    /** {@return the handshake of a request for {@code path}, accepted with the variant's default limits} */
    static AcceptedHandshake rfc6455(String path) throws HandshakeException {
        return accept(path, h -> h.accept(null, Headers.empty()));
    }

    /**
     * {@return the handshake of a request for {@code path}, accepted with these limits given to the engine}
     *
     * @param maxFrameSize the engine's frame size limit
     * @param messageLimit the engine's message size limit
     */
    static AcceptedHandshake rfc6455(String path, long maxFrameSize, long messageLimit)
            throws HandshakeException {
        return accept(path, h -> h.accept(null, Headers.empty(), maxFrameSize, messageLimit));
    }

    /** {@return the response as a new buffer, as {@link WsConnection#start} takes it} */
    ByteBuffer responseBuffer() {
        return ByteBuffer.wrap(response.clone());
    }

    private static AcceptedHandshake accept(String path, java.util.function.Function<ServerHandshake, ByteBuffer> how)
            throws HandshakeException {
        HandshakeRequest request = new HandshakeRequest("GET", path, "HTTP/1.1", Headers.of("Host", "127.0.0.1",
                "Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Version", "13"), new InetSocketAddress("127.0.0.1", 40000),
                new InetSocketAddress("127.0.0.1", 8080), false);
        ProtocolVariant rfc6455 = ServiceLoader.load(ProtocolVariant.class).stream().map(ServiceLoader.Provider::get)
                .filter(v -> v.name().equals("rfc6455")).findFirst().orElseThrow();
        ServerHandshake handshake = rfc6455.startServer(request, EngineConfig.defaults(EngineConfig.Role.SERVER));
        ByteBuffer accepted = how.apply(handshake);
        byte[] response = new byte[accepted.remaining()];
        accepted.duplicate().get(response);
        ConnectionInfo info = ConnectionInfo.server("rfc6455", request, null, List.of(), null, accepted.duplicate());
        return new AcceptedHandshake(info, handshake.engine(), response);
    }
}
