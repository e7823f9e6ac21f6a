package net.websocket.whiteboard.internal;

import java.util.List;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.spi.ClientHandshake;
import net.websocket.api.spi.ClientHandshakeRequest;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.api.spi.ServerHandshake;

/**
 * A protocol variant service as the servers and clients of the OSGi layer see it: it delegates everything, and is
 * the instance the runtime reports as the maker of each connection it accepts or opens
 * ({@link net.websocket.runtime.ConnectionObserver}), so that the connection is closed when the service goes away.
 * Handshakes and frame engines are the variant's own, not wrapped: framing pays nothing for this.
 */
final class TrackedVariant extends ConnectionOwner implements ProtocolVariant {

    private final ProtocolVariant delegate;
    private final String name;
    private final long serviceId;
    private final long bundleId;
    private volatile int ranking;

    TrackedVariant(ProtocolVariant delegate, long serviceId, long bundleId, int ranking) {
        this.delegate = delegate;
        this.name = delegate.name();
        this.serviceId = serviceId;
        this.bundleId = bundleId;
        this.ranking = ranking;
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
        return delegate.startServer(request, config);
    }

    @Override
    public ClientHandshake startClient(ClientHandshakeRequest request, EngineConfig config) {
        return delegate.startClient(request, config);
    }

    @Override
    public String toString() {
        return "TrackedVariant[" + label() + "]";
    }
}
