package net.websocket.runtime;

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
 * A variant that passes everything on to another, for tests that change one thing about a real variant: subclasses
 * override {@link #accept}.
 */
public class ForwardingVariant implements ProtocolVariant {

    private final ProtocolVariant delegate;

    public ForwardingVariant(ProtocolVariant delegate) {
        this.delegate = delegate;
    }

    /** The variant of this name found through {@code ServiceLoader}. */
    public static ProtocolVariant loaded(String name) {
        return VariantSource.serviceLoader().variants().stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow();
    }

    /** Accepts {@code h} with overridden limits; by default as the delegate does. */
    protected ByteBuffer accept(ServerHandshake h, String subprotocol, Headers extraHeaders, long maxFrameSize,
            long maxMessageSize) {
        return h.accept(subprotocol, extraHeaders, maxFrameSize, maxMessageSize);
    }

    /** Accepts {@code h}; by default as the delegate does. */
    protected ByteBuffer accept(ServerHandshake h, String subprotocol, Headers extraHeaders) {
        return h.accept(subprotocol, extraHeaders);
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
                return ForwardingVariant.this.accept(h, subprotocol, extraHeaders);
            }

            @Override
            public ByteBuffer accept(String subprotocol, Headers extraHeaders, long maxFrameSize,
                    long maxMessageSize) {
                return ForwardingVariant.this.accept(h, subprotocol, extraHeaders, maxFrameSize, maxMessageSize);
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
