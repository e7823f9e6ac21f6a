package net.websocket.runtime.osgi;

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
 * A protocol variant service as the servers and clients of the OSGi layer see it: it delegates everything, and
 * notes which connections it accepted or opened, so that they are closed when the service goes away. Frame engines
 * are the variant's own, not wrapped: framing pays nothing for this.
 */
final class TrackedVariant extends ConnectionOwner implements ProtocolVariant {

    /** The variant a client connect on this thread used; set by {@link #startClient}, read by the client. */
    private static final ThreadLocal<TrackedVariant[]> CLIENT_CAPTURE = new ThreadLocal<>();

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
        return new NotingHandshake(delegate.startServer(request, config), request);
    }

    @Override
    public ClientHandshake startClient(ClientHandshakeRequest request, EngineConfig config) {
        TrackedVariant[] capture = CLIENT_CAPTURE.get();
        if (capture != null) {
            capture[0] = this;
        }
        return delegate.startClient(request, config);
    }

    /**
     * Runs a client connect and reports the variant whose {@link #startClient} it called on this thread (the
     * runtime's client begins the handshake on the calling thread), or {@code null}.
     */
    static <T, E extends Exception> Captured<T> captureClient(ClientCall<T, E> call) throws E {
        TrackedVariant[] capture = new TrackedVariant[1];
        TrackedVariant[] outer = CLIENT_CAPTURE.get();
        CLIENT_CAPTURE.set(capture);
        try {
            T result = call.call();
            return new Captured<>(result, capture[0]);
        } finally {
            if (outer == null) {
                CLIENT_CAPTURE.remove();
            } else {
                CLIENT_CAPTURE.set(outer);
            }
        }
    }

    /** A client call whose variant is captured. */
    @FunctionalInterface
    interface ClientCall<T, E extends Exception> {
        T call() throws E;
    }

    /** A result and the variant that produced it. */
    record Captured<T>(T result, TrackedVariant variant) {
    }

    @Override
    public String toString() {
        return "TrackedVariant[" + label() + "]";
    }

    /** Notes the accepted handshake in the registry; otherwise the variant's own handshake. */
    private final class NotingHandshake implements ServerHandshake {
        private final ServerHandshake handshake;
        private final HandshakeRequest request;

        NotingHandshake(ServerHandshake handshake, HandshakeRequest request) {
            this.handshake = handshake;
            this.request = request;
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
            ByteBuffer response = handshake.accept(subprotocol, extraHeaders);
            registry.accepted(request, TrackedVariant.this);
            return response;
        }

        @Override
        public FrameEngine engine() {
            return handshake.engine();
        }
    }
}
