package net.websocket.runtime.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.ref.Cleaner;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketException;
import net.websocket.api.WebSocketMetrics;
import net.websocket.api.spi.ClientHandshake;
import net.websocket.api.spi.ClientHandshakeRequest;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.runtime.ClientOptions;
import net.websocket.runtime.VariantSource;

/**
 * A WebSocket client: I/O loops (daemon threads that stop by themselves when the client has had no connection for
 * a while) and handler threads for listener callbacks.
 */
public final class ClientImpl implements WebSocketClient, WsConnection.Owner {

    /** A client loop with no connection for this long stops its thread; the next connect starts a new one. */
    static final long LOOP_IDLE_EXIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Extra time a blocking connect waits beyond the request's timeout, which the I/O loop enforces itself. */
    static final long CONNECT_WAIT_GRACE_MILLIS = 2_000;

    private static final AtomicInteger IDS = new AtomicInteger();

    /** Unregisters the MBean of a client that nobody holds any more. */
    private static final Cleaner CLEANER = Cleaner.create();

    private final ClientOptions options;
    private final VariantSource variants;
    private final HandlerThreads handlers = new HandlerThreads();
    private final IoLoop[] loops;
    private final AtomicInteger next = new AtomicInteger();
    private final Set<WsConnection> connections = ConcurrentHashMap.newKeySet();
    private final RuntimeMeters meters;
    private final JmxMetrics jmx;

    public ClientImpl(ClientOptions options, VariantSource variants) {
        this.options = Objects.requireNonNull(options, "options");
        this.variants = Objects.requireNonNull(variants, "variants");
        int id = IDS.incrementAndGet();
        this.loops = new IoLoop[options.ioThreads()];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new IoLoop("ws-client-" + id + "-io-" + i, true, LOOP_IDLE_EXIT_NANOS);
        }
        // neither the meters nor the MBean hold the client: it stays collectable, and its MBean goes with it
        Set<WsConnection> open = connections;
        this.meters = new RuntimeMeters(loops, open::size, () -> queuedBytes(open));
        this.jmx = JmxMetrics.register("Client", "ws-client-" + id, "", -1, meters);
        if (jmx.objectName() != null) {
            CLEANER.register(this, jmx::unregister);
        }
    }

    ClientOptions options() {
        return options;
    }

    ConnectionSettings settings() {
        return options.connection();
    }

    /** The client's settings with the request's overrides on top. */
    ConnectionSettings settings(ConnectRequest request) {
        return options.connection().with(request.overrides());
    }

    HandlerThreads handlers() {
        return handlers;
    }

    /** A connection that {@code variant} opened is open: listed, and its observer told (loop thread). */
    void connectionOpened(WsConnection c, ProtocolVariant variant) {
        connections.add(c);
        ObserverCalls.opened(options.observer(), c, variant);
    }

    @Override
    public void connectionClosed(WsConnection c) {
        if (connections.remove(c)) {
            ObserverCalls.closed(options.observer(), c);
        }
    }

    @Override
    public WebSocketMetrics metrics() {
        return meters;
    }

    /** The name of the client's MBean, or {@code null} (tests). */
    public javax.management.ObjectName objectName() {
        return jmx.objectName();
    }

    private static long queuedBytes(Set<WsConnection> open) {
        long total = 0;
        for (WsConnection c : open) {
            total += c.outboundQueued();
        }
        return total;
    }

    /** The open connections (tests, diagnostics). */
    public int connectionCount() {
        return connections.size();
    }

    // --------------------------------------------------------------------------------------------- connecting

    @Override
    public Connection connect(URI uri, ConnectRequest request) throws IOException {
        Objects.requireNonNull(request, "request");
        ProtocolVariant variant = check(uri, request);
        long timeoutNanos = Durations.nanos(request.timeout());
        long deadline = System.nanoTime() + timeoutNanos;
        ClientHandshake handshake = handshake(uri, request, variant);
        List<InetSocketAddress> target = resolve(uri);
        CompletableFuture<Connection> f = new CompletableFuture<>();
        begin(uri, request, variant, handshake, target, deadline, f);
        try {
            return f.get(TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + CONNECT_WAIT_GRACE_MILLIS,
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            f.cancel(false);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting to " + uri);
        } catch (TimeoutException e) {
            f.cancel(false);
            throw new java.net.SocketTimeoutException("timed out connecting to " + uri);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new WebSocketException("connecting to " + uri + " failed", c);
        }
    }

    @Override
    public CompletionStage<Connection> connectAsync(URI uri, ConnectRequest request) {
        CompletableFuture<Connection> f = new CompletableFuture<>();
        ProtocolVariant variant;
        ClientHandshake handshake;
        try {
            Objects.requireNonNull(request, "request");
            variant = check(uri, request);
            handshake = handshake(uri, request, variant);
        } catch (IOException | RuntimeException e) {
            f.completeExceptionally(e);
            return f;
        }
        long deadline = System.nanoTime() + Durations.nanos(request.timeout());
        // name resolution may block: not on the caller's thread
        handlers.execute(() -> {
            try {
                begin(uri, request, variant, handshake, resolve(uri), deadline, f);
            } catch (IOException | RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /** Starts an attempt on a loop, trying {@code target}'s addresses in order (package-private for tests). */
    void begin(URI uri, ConnectRequest request, ProtocolVariant variant, ClientHandshake handshake,
            List<InetSocketAddress> target, long deadline, CompletableFuture<Connection> f) {
        IoLoop loop = loops[Math.floorMod(next.getAndIncrement(), loops.length)];
        ClientHandshaker h = new ClientHandshaker(this, loop, uri, request, variant, handshake, target, deadline, f);
        loop.execute(h::start);
    }

    /**
     * Begins the variant's client handshake; bad arguments (a header the handshake sets itself, an invalid
     * subprotocol) fail here, on the caller's thread.
     */
    ClientHandshake handshake(URI uri, ConnectRequest request, ProtocolVariant variant) {
        ConnectionSettings own = settings(request);
        EngineConfig config = new EngineConfig(EngineConfig.Role.CLIENT, own.maxFrameSize(), own.maxMessageSize(),
                new MaskKeys(), options.extensions().get());
        return variant.startClient(new ClientHandshakeRequest(uri, request.headers(), request.subprotocols()),
                config);
    }

    /** Checks the URI and finds the variant. */
    private ProtocolVariant check(URI uri, ConnectRequest request) throws IOException {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new WebSocketException("not a ws:// or wss:// URI: " + uri);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new WebSocketException("no host in URI " + uri);
        }
        if (uri.getRawFragment() != null) {
            throw new WebSocketException("a WebSocket URI has no fragment (RFC 6455 section 3): " + uri);
        }
        List<ProtocolVariant> present = variants.variants();
        for (ProtocolVariant v : present) {
            if (v.name().equals(request.variant())) {
                return v;
            }
        }
        List<String> names = new ArrayList<>();
        for (ProtocolVariant v : present) {
            names.add(v.name());
        }
        throw new WebSocketException("unknown WebSocket variant '" + request.variant() + "'; available: "
                + (names.isEmpty() ? "none" : String.join(", ", names)));
    }

    /** The addresses of the URI's host (and only its host: no proxy), in the resolver's order. */
    private static List<InetSocketAddress> resolve(URI uri) throws UnknownHostException {
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean secure = uri.getScheme().equalsIgnoreCase("wss");
        int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
        List<InetSocketAddress> out = new ArrayList<>();
        for (InetAddress a : InetAddress.getAllByName(host)) {
            out.add(new InetSocketAddress(a, port));
        }
        return out;
    }

    /** Completes a stage without running its dependents on an I/O thread; a connection nobody takes is closed. */
    <T> void complete(CompletableFuture<T> f, T value, Throwable error) {
        Runnable r = () -> {
            boolean taken = error == null ? f.complete(value) : f.completeExceptionally(error);
            if (!taken && value instanceof Connection c) {
                c.abort();
            }
        };
        if (f.getNumberOfDependents() == 0 || !handlers.tryExecute(r)) {
            r.run();
        }
    }

    @Override
    public String toString() {
        return "WebSocketClient[" + connections.size() + " connections]";
    }
}
