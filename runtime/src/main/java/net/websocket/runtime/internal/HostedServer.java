package net.websocket.runtime.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import net.websocket.api.CloseCodes;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.ServiceMapper;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.runtime.ServerOptions;
import net.websocket.runtime.VariantSource;

/**
 * A server without a listening socket: another HTTP server (a servlet container) accepts the sockets and reads the
 * request heads, this one decides each handshake ({@link HostedHandshake}) and runs the accepted connections, the same
 * {@link WsConnection} core as {@link ServerImpl}'s, over the upgraded byte stream ({@link StreamTransport}) on its own
 * I/O loops, with its own handler threads, connection limit, queue budget and observer.
 *
 * <p>Of {@link ServerOptions} it uses everything but what concerns sockets: the address, backlog, TLS, request head
 * size, handshakes in progress and connections per address are the hosting server's business.
 */
public final class HostedServer implements WsConnection.Owner {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final int id = IDS.incrementAndGet();
    private final ServerOptions options;
    private final Supplier<ServiceMapper> mapper;
    private final VariantSource variants;
    private final EngineConfig engineConfig;
    private final HandlerThreads handlers = new HandlerThreads();
    private final IoLoop[] loops;
    private final ConnectionList connections = new ConnectionList();
    private final QueueBudget budget;
    private final AtomicInteger reserved = new AtomicInteger();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile boolean running = true;

    private HostedServer(ServerOptions options, Supplier<ServiceMapper> mapper, VariantSource variants) {
        this.options = options;
        this.mapper = mapper;
        this.variants = variants;
        this.engineConfig = new EngineConfig(EngineConfig.Role.SERVER, options.connection().maxFrameSize(),
                options.connection().maxMessageSize(), () -> 0);
        this.loops = new IoLoop[options.ioThreads()];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new IoLoop("ws-hosted-" + id + "-io-" + i, true, 0);
        }
        this.budget = new QueueBudget(options.maxQueuedBytes(), connections, loops[0]);
    }

    /** Starts the loops of a hosted server. */
    public static HostedServer start(ServerOptions options, Supplier<ServiceMapper> mapper,
            VariantSource variants) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(variants, "variants");
        HostedServer s = new HostedServer(options, mapper, variants);
        for (IoLoop l : s.loops) {
            l.start();
        }
        s.budget.start();
        return s;
    }

    /**
     * Decides the handshake of {@code request}, on the calling thread (the handshake hook, if it decides, runs here
     * and may block it).
     */
    public HostedHandshake handshake(HandshakeRequest request) {
        return HostedHandshake.decide(this, request);
    }

    // ----------------------------------------------------------------------------------- for the handshakes

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

    EngineConfig engineConfig() {
        return engineConfig.withExtensions(options.extensions().get());
    }

    HandlerThreads handlers() {
        return handlers;
    }

    /** The loop for the next connection, round-robin. */
    IoLoop nextLoop() {
        return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
    }

    boolean tryReserve() {
        if (reserved.incrementAndGet() > options.maxConnections()) {
            reserved.decrementAndGet();
            return false;
        }
        return true;
    }

    void release() {
        reserved.decrementAndGet();
    }

    /** A connection is open: listed, its observer told; closed at once if the server stops meanwhile (loop). */
    void connectionOpened(WsConnection c, ProtocolVariant variant) {
        connections.add(c);
        ObserverCalls.opened(options.observer(), c, variant);
        if (!running) {
            c.close(CloseCodes.GOING_AWAY, "going away");
        }
    }

    @Override
    public boolean readingHeld() {
        return budget.readingHeld();
    }

    @Override
    public void connectionClosed(WsConnection c) {
        if (connections.remove(c)) {
            release();
            ObserverCalls.closed(options.observer(), c);
        }
    }

    // ---------------------------------------------------------------------------------------------- control

    /** The connections open now. */
    public int connectionCount() {
        return connections.size();
    }

    /** Whether the server runs (not yet closed). */
    public boolean isRunning() {
        return running;
    }

    /** Completes when the server has stopped. */
    public CompletionStage<Void> stopped() {
        return stopped.minimalCompletionStage();
    }

    /**
     * Stops: new handshakes are refused (503), open connections are closed with 1001 and given {@code timeout} to
     * finish their closing handshakes, then dropped; the loops and handler threads end. Idempotent.
     */
    public void close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        running = false;
        for (IoLoop l : loops) {
            if (l.inLoop() || handlers.isHandlerThread()) {
                Thread t = new Thread(() -> shutdown(timeout), "ws-hosted-" + id + "-stop");
                t.setDaemon(true);
                t.start();
                return;
            }
        }
        shutdown(timeout);
    }

    private void shutdown(Duration timeout) {
        long deadline = System.nanoTime() + Durations.nanos(timeout);
        budget.stop();
        List<CompletableFuture<?>> closingAll = new ArrayList<>();
        for (WsConnection c : connections.snapshot()) {
            try {
                c.close(CloseCodes.GOING_AWAY, "going away");
            } catch (RuntimeException e) {
                // closing anyway
            }
            closingAll.add(c.closedFuture());
        }
        try {
            CompletableFuture.allOf(closingAll.toArray(new CompletableFuture<?>[0]))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // timed out: the rest are dropped below
        }
        for (WsConnection c : connections.snapshot()) {
            c.abort();
        }
        for (IoLoop l : loops) {
            l.shutdown();
        }
        for (IoLoop l : loops) {
            try {
                if (!l.join(ServerImpl.LOOP_JOIN_MILLIS, TimeUnit.MILLISECONDS)) {
                    IoLoop.LOG.log(Level.WARNING, "I/O loop did not stop in time");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        handlers.shutdown(Math.max(TimeUnit.SECONDS.toNanos(1), deadline - System.nanoTime()));
        stopped.complete(null);
    }

    @Override
    public String toString() {
        return "HostedWebSocketServer[" + id + (running ? "" : ", stopped") + "]";
    }
}
