package net.websocket.runtime.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import net.websocket.api.BroadcastPolicy;
import net.websocket.api.BroadcastResult;
import net.websocket.api.Connection;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.Message;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketMetrics;
import net.websocket.api.WebSocketServer;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.runtime.ServerOptions;
import net.websocket.runtime.VariantSource;

/**
 * A running server: a listening socket accepted on the first I/O loop by an {@link Acceptor} (which pauses on a
 * failure and never stops while the server runs), accepted sockets handed round-robin to the loops
 * ({@link ServerOptions#ioThreads()}), and handler threads for endpoints and handshake hooks.
 */
public final class ServerImpl implements WebSocketServer, WsConnection.Owner {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final int id = IDS.incrementAndGet();
    private final ServerOptions options;
    private final Supplier<ServiceMapper> mapper;
    private final VariantSource variants;
    /** The loops, handler threads, connections, budget and connection slots. */
    private final ServerCore core;
    private final HandlerThreads handlers;
    private final IoLoop[] loops;
    private final ServerSocketChannel serverChannel;
    private final InetSocketAddress address;
    private final ConnectionList connections;
    private final Set<ServerHandshaker> handshakes = ConcurrentHashMap.newKeySet();
    /** Broadcasts not yet counted to the end: abandoned when the server has stopped (their loops run no more). */
    private final Set<Broadcast> broadcasts = ConcurrentHashMap.newKeySet();
    private final Admission admission;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final RuntimeMeters meters;
    /** The MBean of {@link #meters}, registered once started. */
    private volatile JmxMetrics jmx;
    private volatile boolean running = true;

    private ServerImpl(ServerOptions options, Supplier<ServiceMapper> mapper, VariantSource variants)
            throws IOException {
        this.options = options;
        this.mapper = mapper;
        this.variants = variants;
        this.admission = new Admission(options.maxHandshakesInProgress(), options.maxConnectionsPerAddress());
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(options.address(), options.backlog());
            ch.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        this.serverChannel = ch;
        this.address = (InetSocketAddress) ch.getLocalAddress();
        this.core = new ServerCore(options, "ws-server-" + id, false);
        this.handlers = core.handlers;
        this.loops = core.loops;
        this.connections = core.connections;
        this.meters = new RuntimeMeters(loops, connections::size, this::queuedBytes);
    }

    /** Binds and starts a server. */
    public static ServerImpl start(ServerOptions options, Supplier<ServiceMapper> mapper, VariantSource variants)
            throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(variants, "variants");
        ServerImpl s = new ServerImpl(options, mapper, variants);
        s.core.start();
        CompletableFuture<Void> registered = new CompletableFuture<>();
        s.loops[0].execute(() -> {
            try {
                new Acceptor(s.serverChannel, s.loops[0], s::accepted, s::isRunning).register();
                registered.complete(null);
            } catch (IOException | RuntimeException e) {
                registered.completeExceptionally(e);
            }
        });
        try {
            registered.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            s.close(Duration.ZERO);
            throw new IOException("server failed to start", e);
        }
        s.jmx = JmxMetrics.register("Server", "ws-server-" + s.id, hostAndPort(s.address), s.address.getPort(),
                s.meters);
        return s;
    }

    // ------------------------------------------------------------------------------------------- accepting

    /** Hands an accepted socket to the next loop (accepting loop's thread); a failure here pauses accepting. */
    private void accepted(SocketChannel ch) {
        if (!running) {
            closeQuietly(ch);
            return;
        }
        InetAddress from;
        try {
            ch.configureBlocking(false);
            from = ((InetSocketAddress) ch.getRemoteAddress()).getAddress();
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            return;
        }
        Admission.Verdict verdict = admission.admit(from);
        if (verdict != Admission.Verdict.ADMITTED) {
            refuseAtAccept(ch, verdict);
            return;
        }
        try {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            admission.handshakeEnded(from, false);
            closeQuietly(ch);
            return;
        }
        IoLoop loop = core.nextLoop();
        ServerHandshaker h = new ServerHandshaker(this, loop, ch, from);
        if (loop.inLoop()) {
            h.start();
        } else {
            loop.execute(h::start);
        }
    }

    /**
     * Answers a socket that {@link Admission} refused with its 503 and closes it, on the accepting loop and without
     * waiting: the answer fits a fresh socket's send buffer, and what the client already sent is read and dropped
     * first so that the close is a FIN, not a reset, wherever it can be. A TLS server closes without an answer: it
     * could only answer after the TLS handshake that the limits are there to spare.
     */
    private void refuseAtAccept(SocketChannel ch, Admission.Verdict verdict) {
        loops[0].meters.refused(WebSocketMetrics.RefusalReason.LIMITS); // the accepting loop's thread
        try {
            if (options.tlsOptions().isEmpty()) {
                ch.write(Admission.refusal(verdict));
            }
            ch.shutdownOutput();
            ByteBuffer drop = loops[0].readBuffer();
            drop.clear();
            ch.read(drop);
        } catch (IOException | RuntimeException e) {
            // closing anyway
        }
        closeQuietly(ch);
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // closed anyway
        }
    }

    // -------------------------------------------------------------------------------- for the handshakers

    ServerOptions options() {
        return options;
    }

    ServiceMapper mapper() {
        return mapper.get();
    }

    VariantSource variants() {
        return variants;
    }

    ConnectionSettings settings() {
        return options.connection();
    }

    /** The engine config of a handshake starting now: the limits, and the extensions present now. */
    EngineConfig engineConfig() {
        return core.engineConfig();
    }

    HandlerThreads handlers() {
        return handlers;
    }

    void handshakeStarted(ServerHandshaker h) {
        handshakes.add(h);
        if (!running) {
            h.close();
        }
    }

    void handshakeEnded(ServerHandshaker h) {
        handshakes.remove(h);
    }

    /** The admission control of accepted sockets, which handshakers and connections give their counts back to. */
    Admission admission() {
        return admission;
    }

    /** Reserves a connection slot; false when {@link ServerOptions#maxConnections()} are open or opening. */
    boolean tryReserve() {
        return core.tryReserve();
    }

    void release() {
        core.release();
    }

    /** A connection that {@code variant} accepted is open: listed, and its observer told (loop thread). */
    void connectionOpened(WsConnection c, ProtocolVariant variant) {
        connections.add(c);
        ObserverCalls.opened(options.observer(), c, variant);
    }

    @Override
    public boolean readingHeld() {
        return core.budget.readingHeld();
    }

    @Override
    public void connectionClosed(WsConnection c) {
        if (connections.remove(c)) {
            release();
            admission.connectionClosed(c.remoteAddress().getAddress());
            ObserverCalls.closed(options.observer(), c);
        }
    }

    // ---------------------------------------------------------------------------------------- WebSocketServer

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public int connectionCount() {
        return connections.size();
    }

    @Override
    public List<Connection> connections() {
        return Collections.unmodifiableList(connections.snapshot());
    }

    @Override
    public List<Connection> connections(String pathPattern) {
        Objects.requireNonNull(pathPattern, "pathPattern");
        List<Connection> of = new ArrayList<>();
        for (WsConnection c : connections.snapshot()) {
            if (pathPattern.equals(c.info.route)) {
                of.add(c);
            }
        }
        return Collections.unmodifiableList(of);
    }

    @Override
    public CompletionStage<BroadcastResult> broadcast(Message message, Collection<? extends Connection> to,
            BroadcastPolicy policy) {
        Objects.requireNonNull(to, "connections");
        Broadcast[] self = new Broadcast[1];
        Broadcast b = new Broadcast(message, policy, handlers, () -> broadcasts.remove(self[0]));
        self[0] = b;
        broadcasts.add(b);
        b.start(to);
        if (stopped.isDone()) {
            b.abandon(); // a loop that stopped meanwhile runs none of its tasks
        }
        return b.result();
    }

    /** Bytes queued on all connections together, both ways (tests, diagnostics); see {@link QueueBudget}. */
    public long queuedBytes() {
        long total = 0;
        for (WsConnection c : connections.snapshot()) {
            total += c.outboundQueued() + c.inboundQueued();
        }
        return total;
    }

    @Override
    public WebSocketMetrics metrics() {
        return meters;
    }

    /** {@code host:port}, an IPv6 host in brackets. */
    static String hostAndPort(InetSocketAddress a) {
        String host = a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        close(options.shutdownTimeout());
    }

    @Override
    public void close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (!closing.compareAndSet(false, true)) {
            if (!onOwnThread()) {
                try {
                    stopped.get(Durations.nanos(timeout) + TimeUnit.MILLISECONDS.toNanos(ServerCore.LOOP_JOIN_MILLIS),
                            TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    // gave up waiting
                }
            }
            return;
        }
        running = false;
        if (core.onLoopThread()) {
            // cannot wait here for the loop we run on: stop from another thread
            Thread t = new Thread(() -> shutdown(timeout), "ws-server-" + id + "-stop");
            t.setDaemon(true);
            t.start();
            return;
        }
        shutdown(timeout);
    }

    private void shutdown(Duration timeout) {
        long deadline = System.nanoTime() + Durations.nanos(timeout);
        core.budget.stop();
        try {
            serverChannel.close();
        } catch (IOException e) {
            // closed anyway
        }
        loops[0].execute(() -> {
            // wakes the selector so that it releases the listening socket now
        });
        for (ServerHandshaker h : handshakes) {
            h.loop().execute(h::close);
        }
        core.shutdown(deadline);
        JmxMetrics registration = jmx;
        if (registration != null) {
            registration.unregister();
        }
        stopped.complete(null);
        for (Broadcast b : broadcasts) {
            b.abandon();
        }
    }

    private boolean onOwnThread() {
        return core.onOwnThread();
    }

    @Override
    public CompletionStage<Void> stopped() {
        return stopped.minimalCompletionStage();
    }

    /** The loop threads now running (tests, diagnostics). */
    public List<Thread> loopThreads() {
        List<Thread> out = new ArrayList<>();
        for (IoLoop l : loops) {
            Thread t = l.thread();
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /** Handshakes in progress, as {@link ServerOptions#maxHandshakesInProgress()} counts them (tests, diagnostics). */
    public int handshakesInProgress() {
        return admission.handshakesInProgress();
    }

    /**
     * Sockets from {@code address}, handshaking or open, as {@link ServerOptions#maxConnectionsPerAddress()} counts
     * them (tests, diagnostics).
     */
    public int connectionsFrom(InetAddress address) {
        return admission.count(address);
    }

    /** Source addresses with sockets counted (the entries of the per-address counts; tests, diagnostics). */
    public int addressesCounted() {
        return admission.addresses();
    }

    /** The handler threads, for tests and diagnostics. */
    public HandlerThreads handlerThreads() {
        return handlers;
    }

    /** The server's number, part of its thread names. */
    public int id() {
        return id;
    }

    @Override
    public String toString() {
        return "WebSocketServer[" + address + (running ? "" : ", stopped") + "]";
    }
}
