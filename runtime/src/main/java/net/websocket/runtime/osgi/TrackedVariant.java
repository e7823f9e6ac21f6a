package net.websocket.runtime.osgi;

import java.nio.ByteBuffer;
import java.util.List;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.HandshakeResponse;
import net.websocket.api.Headers;
import net.websocket.api.spi.ClientHandshake;
import net.websocket.api.spi.ClientHandshakeRequest;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.api.spi.ServerHandshake;

/**
 * A protocol variant service as the servers and clients of the OSGi layer see it: it delegates everything, and
 * notes the frame engine of each connection it accepts or opens ({@link ConnectionRegistry#made}), so that the
 * connection is closed when the service goes away. Frame engines are the variant's own, not wrapped: framing pays
 * nothing for this.
 */
final class TrackedVariant extends ConnectionOwner implements ProtocolVariant {

    private final ProtocolVariant delegate;
    private final String name;
    private final long serviceId;
    private final long bundleId;
    private final ConnectionRegistry registry;
    private volatile int ranking;

    TrackedVariant(ProtocolVariant delegate, long serviceId, long bundleId, int ranking, ConnectionRegistry registry) {
        this.delegate = delegate;
        this.name = delegate.name();
        this.serviceId = serviceId;
        this.bundleId = bundleId;
        this.ranking = ranking;
        this.registry = registry;
    }

    ProtocolVariant delegate() {
        return delegate;
    }

    long serviceId() {
        return serviceId;
    }

    long bundleId() {
        return bundleId;
    }

    int ranking() {
        return ranking;
    }

    void ranking(int ranking) {
        this.ranking = ranking;
    }

    /** {@code name#serviceId}, for tables and close reasons. */
    String label() {
        return name + "#" + serviceId;
    }

    @Override
    public String name() {
        return name;
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
        return new NotingServerHandshake(delegate.startServer(request, config));
    }

    @Override
    public ClientHandshake startClient(ClientHandshakeRequest request, EngineConfig config) {
        return new NotingClientHandshake(delegate.startClient(request, config));
    }

    @Override
    public String toString() {
        return "TrackedVariant[" + label() + "]";
    }

    /** The variant's own server handshake; notes the engine it makes as this variant's. */
    private final class NotingServerHandshake implements ServerHandshake {
        private final ServerHandshake handshake;

        NotingServerHandshake(ServerHandshake handshake) {
            this.handshake = handshake;
        }

        @Override
        public int bodyLength() {
            return handshake.bodyLength();
        }

        @Override
        public void readBody(ByteBuffer body) throws HandshakeException {
            handshake.readBody(body);
        }

        @Override
        public List<String> offeredSubprotocols() {
            return handshake.offeredSubprotocols();
        }

        @Override
        public ByteBuffer accept(String subprotocol, Headers extraHeaders) {
            return handshake.accept(subprotocol, extraHeaders);
        }

        @Override
        public ByteBuffer accept(String subprotocol, Headers extraHeaders, long maxFrameSize, long maxMessageSize) {
            return handshake.accept(subprotocol, extraHeaders, maxFrameSize, maxMessageSize);
        }

        @Override
        public FrameEngine engine() {
            FrameEngine engine = handshake.engine();
            registry.made(engine, TrackedVariant.this);
            return engine;
        }
    }

    /** The variant's own client handshake; notes the engine it makes as this variant's. */
    private final class NotingClientHandshake implements ClientHandshake {
        private final ClientHandshake handshake;

        NotingClientHandshake(ClientHandshake handshake) {
            this.handshake = handshake;
        }

        @Override
        public ByteBuffer request() {
            return handshake.request();
        }

        @Override
        public int responseBodyLength() {
            return handshake.responseBodyLength();
        }

        @Override
        public FrameEngine complete(HandshakeResponse response, ByteBuffer body) throws HandshakeException {
            FrameEngine engine = handshake.complete(response, body);
            registry.made(engine, TrackedVariant.this);
            return engine;
        }

        @Override
        public String subprotocol() {
            return handshake.subprotocol();
        }
    }
}
