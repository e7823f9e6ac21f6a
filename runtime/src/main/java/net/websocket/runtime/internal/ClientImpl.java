package net.websocket.runtime.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.CookieHandler;
import java.lang.ref.Cleaner;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
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
import net.websocket.api.Headers;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketException;
import net.websocket.api.WebSocketMetrics;
import net.websocket.api.spi.ClientHandshake;
import net.websocket.api.spi.ClientHandshakeRequest;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.ExtensionFactory;
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
        CompletableFuture<Connection> f = new CompletableFuture<>();
        attempt(uri, request, variant, deadline, f, List.of(uri));
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
        try {
            Objects.requireNonNull(request, "request");
            variant = check(uri, request);
        } catch (IOException | RuntimeException e) {
            f.completeExceptionally(e);
            return f;
        }
        long deadline = System.nanoTime() + Durations.nanos(request.timeout());
        // name resolution, the proxy selector and the cookie handler may block: not on the caller's thread
        handlers.execute(() -> attemptOrFail(uri, request, variant, deadline, f, List.of(uri)));
        return f;
    }

    /**
     * Makes one attempt: to the URI asked for, or to where a redirect leads. Asks the cookie handler and the proxy
     * selector and resolves names, so it may block: on the connecting thread or a handler thread, never on an I/O
     * thread; the rest happens on a loop.
     *
     * @param trail the URIs asked so far (the first one first, {@code uri} last)
     */
    void attempt(URI uri, ConnectRequest request, ProtocolVariant variant, long deadline,
            CompletableFuture<Connection> f, List<URI> trail) throws IOException {
        Headers headers = request.headers();
        if (options.cookieHandler().isPresent()) {
            headers = ClientCookies.withCookies(options.cookieHandler().get(), uri, headers);
        }
        ClientHandshake handshake = handshake(uri, request, variant, headers);
        ClientRoute route = ClientRoute.to(uri, options.proxy().orElse(null));
        begin(uri, request, variant, handshake, route, deadline, f, trail);
    }

    /** {@link #attempt}, failing {@code f} with whatever it throws (a handler thread). */
    void attemptOrFail(URI uri, ConnectRequest request, ProtocolVariant variant, long deadline,
            CompletableFuture<Connection> f, List<URI> trail) {
        try {
            attempt(uri, request, variant, deadline, f, trail);
        } catch (IOException | RuntimeException e) {
            complete(f, null, e);
        }
    }

    /**
     * Follows a redirect (handler thread): keeps the cookies the redirect set, then attempts {@code to}.
     *
     * @param from     the URI that answered with the redirect
     * @param response the redirect's headers
     */
    void redirect(URI from, Headers response, URI to, ConnectRequest request, ProtocolVariant variant,
            long deadline, CompletableFuture<Connection> f, List<URI> trail) {
        if (options.cookieHandler().isPresent()) {
            ClientCookies.store(options.cookieHandler().get(), from, response);
        }
        if (f.isDone()) {
            return; // cancelled meanwhile
        }
        attemptOrFail(to, Redirects.requestFor(request, from, to), variant, deadline, f, trail);
    }

    /**
     * A connection is open (loop thread): keeps the cookies its response set (on a handler thread, before the
     * caller gets the connection), then completes {@code f}.
     */
    void opened(URI uri, Headers response, CompletableFuture<Connection> f, Connection c) {
        if (options.cookieHandler().isEmpty()) {
            complete(f, c, null);
            return;
        }
        CookieHandler cookies = options.cookieHandler().get();
        Runnable r = () -> {
            ClientCookies.store(cookies, uri, response);
            if (!f.complete(c)) {
                c.abort();
            }
        };
        if (!handlers.tryExecute(r)) {
            complete(f, c, null); // no handler thread left: the cookies are not kept, never on an I/O thread
        }
    }

    /** A proxy could not be reached at any of its addresses: tells the selector (handler thread). */
    void proxyFailed(URI uri, java.net.Proxy proxy, IOException failure) {
        ProxySelector selector = options.proxy().orElse(null);
        if (selector == null) {
            return;
        }
        handlers.tryExecute(() -> {
            try {
                selector.connectFailed(ClientUris.httpForm(uri), proxy.address(), failure);
            } catch (RuntimeException e) {
                IoLoop.LOG.log(System.Logger.Level.DEBUG, "the proxy selector's connectFailed failed", e);
            }
        });
    }

    /** Starts an attempt on a loop, trying {@code target}'s addresses in order, directly (tests). */
    void begin(URI uri, ConnectRequest request, ProtocolVariant variant, ClientHandshake handshake,
            List<InetSocketAddress> target, long deadline, CompletableFuture<Connection> f) {
        begin(uri, request, variant, handshake, new ClientRoute(null, target), deadline, f, List.of(uri));
    }

    /** Starts an attempt on a loop along {@code route}. */
    private void begin(URI uri, ConnectRequest request, ProtocolVariant variant, ClientHandshake handshake,
            ClientRoute route, long deadline, CompletableFuture<Connection> f, List<URI> trail) {
        IoLoop loop = loops[Math.floorMod(next.getAndIncrement(), loops.length)];
        ClientHandshaker h = new ClientHandshaker(this, loop, uri, request, variant, handshake, route, trail,
                deadline, f);
        loop.execute(h::start);
    }

    /** {@link #handshake(URI, ConnectRequest, ProtocolVariant, Headers)} with the request's own headers (tests). */
    ClientHandshake handshake(URI uri, ConnectRequest request, ProtocolVariant variant) {
        return handshake(uri, request, variant, request.headers());
    }

    /**
     * Begins the variant's client handshake with these headers (the request's, and cookies); bad arguments (a
     * header the handshake sets itself, an invalid subprotocol) fail here, on the caller's thread.
     */
    ClientHandshake handshake(URI uri, ConnectRequest request, ProtocolVariant variant, Headers headers) {
        ConnectionSettings own = settings(request);
        EngineConfig config = new EngineConfig(EngineConfig.Role.CLIENT, own.maxFrameSize(),
                ListenerIntake.engineMessageLimit(request.listener(), own),
                new MaskKeys(), offered(options.extensions().get(), request));
        return variant.startClient(new ClientHandshakeRequest(uri, headers, request.subprotocols()), config);
    }

    /**
     * The extension factories a connection offers: the client's, or those of them the request names, in its order.
     */
    static List<ExtensionFactory> offered(List<ExtensionFactory> factories, ConnectRequest request) {
        if (request.extensions().isEmpty()) {
            return factories;
        }
        List<ExtensionFactory> chosen = new ArrayList<>();
        for (String name : request.extensions().get()) {
            for (ExtensionFactory f : factories) {
                if (f.name().equalsIgnoreCase(name) && !chosen.contains(f)) {
                    chosen.add(f);
                }
            }
        }
        return chosen;
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
