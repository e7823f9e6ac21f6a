package net.websocket.itest.osgi.probe;

import java.nio.ByteBuffer;
import java.util.List;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.api.spi.ClientHandshake;
import net.websocket.api.spi.ClientHandshakeRequest;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.api.spi.ServerHandshake;

/**
 * A second implementation of a variant for the ranking tests: it delegates to another variant and adds the header
 * {@value #HEADER} to every handshake it accepts, so a client can tell which implementation served it.
 */
public final class MarkedVariant implements ProtocolVariant {

    public static final String HEADER = "X-Variant-Instance";

    private final ProtocolVariant delegate;
    private final String mark;

    public MarkedVariant(ProtocolVariant delegate, String mark) {
        this.delegate = delegate;
        this.mark = mark;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public List<String> versions() {
        return delegate.versions();
    }

    @Override
    public boolean matches(HandshakeRequest request) {
        return delegate.matches(request);
    }

    @Override
    public ServerHandshake startServer(HandshakeRequest request, EngineConfig config) throws HandshakeException {
        ServerHandshake h = delegate.startServer(request, config);
        return new ServerHandshake() {
            @Override
            public int bodyLength() {
                return h.bodyLength();
            }

            @Override
            public void readBody(ByteBuffer body) throws HandshakeException {
                h.readBody(body);
            }

            @Override
            public List<String> offeredSubprotocols() {
                return h.offeredSubprotocols();
            }

            @Override
            public ByteBuffer accept(String subprotocol, Headers extraHeaders) {
                return h.accept(subprotocol, extraHeaders.toBuilder().add(HEADER, mark).build());
            }

            @Override
            public ByteBuffer accept(String subprotocol, Headers extraHeaders, long maxFrameSize,
                    long maxMessageSize) {
                return h.accept(subprotocol, extraHeaders.toBuilder().add(HEADER, mark).build(), maxFrameSize,
                        maxMessageSize);
            }

            @Override
            public FrameEngine engine() {
                return h.engine();
            }
        };
    }

    @Override
    public ClientHandshake startClient(ClientHandshakeRequest request, EngineConfig config) {
        return delegate.startClient(request, config);
    }
}
