package net.websocket.whiteboard.internal;

import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.List;

import net.websocket.api.CloseStatus;
import net.websocket.api.Connection;
import net.websocket.api.Endpoint;
import net.websocket.api.Handler;
import net.websocket.api.Listener;

/**
 * A {@link Handler} or {@link Listener} service on the whiteboard, with its checked properties and its open
 * connections. Servers route to {@linkplain #endpointFor wrappers} that track each connection as it opens.
 */
final class EndpointRegistration extends ConnectionOwner {

    /** Higher {@code service.ranking} first, then lower {@code service.id}. */
    static final Comparator<EndpointRegistration> ORDER = Comparator
            .comparingInt((EndpointRegistration e) -> -e.spec().ranking())
            .thenComparingLong(EndpointRegistration::serviceId);

    private final long serviceId;
    private final long bundleId;
    private final Handler handler;
    private final Listener listener;
    private volatile WhiteboardSpec spec;

    private EndpointRegistration(long serviceId, long bundleId, Handler handler, Listener listener,
            WhiteboardSpec spec) {
        this.serviceId = serviceId;
        this.bundleId = bundleId;
        this.handler = handler;
        this.listener = listener;
        this.spec = spec;
    }

    static EndpointRegistration handler(long serviceId, long bundleId, Handler handler, WhiteboardSpec spec) {
        return new EndpointRegistration(serviceId, bundleId, handler, null, spec);
    }

    static EndpointRegistration listener(long serviceId, long bundleId, Listener listener, WhiteboardSpec spec) {
        return new EndpointRegistration(serviceId, bundleId, null, listener, spec);
    }

    long serviceId() {
        return serviceId;
    }

    long bundleId() {
        return bundleId;
    }

    WhiteboardSpec spec() {
        return spec;
    }

    void spec(WhiteboardSpec spec) {
        this.spec = spec;
    }

    String kind() {
        return handler != null ? "handler" : "listener";
    }

    /** The endpoint a server routes to: the service, behind a wrapper that tracks each connection it is given. */
    Endpoint endpointFor(ServerHandle server, ConnectionRegistry registry) {
        if (handler != null) {
            return new TrackingHandler(server, registry);
        }
        if (listener instanceof Listener.Partial) {
            return listener instanceof Listener.BorrowsBuffers ? new BorrowingPartialTrackingListener(server, registry)
                    : listener instanceof Listener.NonBlocking ? new NonBlockingPartialTrackingListener(server, registry)
                    : new PartialTrackingListener(server, registry);
        }
        if (listener instanceof Listener.BorrowsBuffers) {
            return new BorrowingTrackingListener(server, registry);
        }
        if (listener instanceof Listener.NonBlocking) {
            return new NonBlockingTrackingListener(server, registry);
        }
        return new TrackingListener(server, registry);
    }

    private void track(Connection c, ServerHandle server, ConnectionRegistry registry) {
        TrackedVariant variant = registry.madeBy(c);
        registry.track(c, server.name(), this, variant,
                variant == null ? List.of(this, server) : List.of(this, server, variant));
    }

    /** Tracks the connection, then lets the handler serve it (unless the handler's service has gone already). */
    private final class TrackingHandler implements Handler {
        private final ServerHandle server;
        private final ConnectionRegistry registry;

        TrackingHandler(ServerHandle server, ConnectionRegistry registry) {
            this.server = server;
            this.registry = registry;
        }

        @Override
        public void handle(Connection connection) throws Exception {
            track(connection, server, registry);
            if (!isRetired()) {
                handler.handle(connection);
            }
        }
    }

    /** Tracks the connection when it opens; passes every event on. */
    private class TrackingListener implements Listener {
        private final ServerHandle server;
        private final ConnectionRegistry registry;

        TrackingListener(ServerHandle server, ConnectionRegistry registry) {
            this.server = server;
            this.registry = registry;
        }

        @Override
        public void onOpen(Connection connection) throws Exception {
            track(connection, server, registry);
            listener.onOpen(connection);
        }

        @Override
        public void onText(Connection connection, String text) throws Exception {
            listener.onText(connection, text);
        }

        @Override
        public void onBinary(Connection connection, ByteBuffer data) throws Exception {
            listener.onBinary(connection, data);
        }

        @Override
        public void onPing(Connection connection, ByteBuffer data) throws Exception {
            listener.onPing(connection, data);
        }

        @Override
        public void onPong(Connection connection, ByteBuffer data) throws Exception {
            listener.onPong(connection, data);
        }

        @Override
        public void onClose(Connection connection, CloseStatus status) throws Exception {
            listener.onClose(connection, status);
        }

        @Override
        public void onError(Connection connection, Throwable error) {
            listener.onError(connection, error);
        }
    }

    /** The same for a listener that never blocks, so that it keeps running on the I/O thread behind the wrapper. */
    private class NonBlockingTrackingListener extends TrackingListener implements Listener.NonBlocking {
        NonBlockingTrackingListener(ServerHandle server, ConnectionRegistry registry) {
            super(server, registry);
        }
    }

    /**
     * The same for a listener that also only borrows its binary buffers: the wrapper passes them on and keeps
     * nothing, so the runtime may lend it arrays that come back after the callback.
     */
    private final class BorrowingTrackingListener extends NonBlockingTrackingListener
            implements Listener.BorrowsBuffers {
        BorrowingTrackingListener(ServerHandle server, ConnectionRegistry registry) {
            super(server, registry);
        }
    }

    /** The same for a listener that takes messages in parts, so that it gets them behind the wrapper. */
    private class PartialTrackingListener extends TrackingListener implements Listener.Partial {
        PartialTrackingListener(ServerHandle server, ConnectionRegistry registry) {
            super(server, registry);
        }

        @Override
        public void onTextPart(Connection connection, String text, boolean last) throws Exception {
            ((Listener.Partial) listener).onTextPart(connection, text, last);
        }

        @Override
        public void onBinaryPart(Connection connection, ByteBuffer data, boolean last) throws Exception {
            ((Listener.Partial) listener).onBinaryPart(connection, data, last);
        }
    }

    /** A listener of parts that never blocks. */
    private class NonBlockingPartialTrackingListener extends PartialTrackingListener
            implements Listener.NonBlocking {
        NonBlockingPartialTrackingListener(ServerHandle server, ConnectionRegistry registry) {
            super(server, registry);
        }
    }

    /** A listener of parts that never blocks and only borrows its binary buffers. */
    private final class BorrowingPartialTrackingListener extends NonBlockingPartialTrackingListener
            implements Listener.BorrowsBuffers {
        BorrowingPartialTrackingListener(ServerHandle server, ConnectionRegistry registry) {
            super(server, registry);
        }
    }
}
