package net.websocket.runtime.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
    /** The loops, handler threads, connections, budget and connection slots, as {@link ServerImpl} has them. */
    private final ServerCore core;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile boolean running = true;

    private HostedServer(ServerOptions options, Supplier<ServiceMapper> mapper, VariantSource variants) {
        this.options = options;
        this.mapper = mapper;
        this.variants = variants;
        this.core = new ServerCore(options, "ws-hosted-" + id, true);
    }

    /** Starts the loops of a hosted server. */
    public static HostedServer start(ServerOptions options, Supplier<ServiceMapper> mapper,
            VariantSource variants) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(variants, "variants");
        HostedServer s = new HostedServer(options, mapper, variants);
        s.core.start();
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
        return core.engineConfig();
    }

    HandlerThreads handlers() {
        return core.handlers;
    }

    /** The loop for the next connection, round-robin. */
    IoLoop nextLoop() {
        return core.nextLoop();
    }

    boolean tryReserve() {
        return core.tryReserve();
    }

    void release() {
        core.release();
    }

    /** A connection is open: listed, its observer told; closed at once if the server stops meanwhile (loop). */
    void connectionOpened(WsConnection c, ProtocolVariant variant) {
        core.connections.add(c);
        ObserverCalls.opened(options.observer(), c, variant);
        if (!running) {
            c.close(CloseCodes.GOING_AWAY, "going away");
        }
    }

    @Override
    public boolean readingHeld() {
        return core.budget.readingHeld();
    }

    @Override
    public void connectionClosed(WsConnection c) {
        if (core.connections.remove(c)) {
            release();
            ObserverCalls.closed(options.observer(), c);
        }
    }

    // ---------------------------------------------------------------------------------------------- control

    /** The connections open now. */
    public int connectionCount() {
        return core.connections.size();
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
        if (core.onOwnThread()) {
            Thread t = new Thread(() -> shutdown(timeout), "ws-hosted-" + id + "-stop");
            t.setDaemon(true);
            t.start();
            return;
        }
        shutdown(timeout);
    }

    private void shutdown(Duration timeout) {
        long deadline = System.nanoTime() + Durations.nanos(timeout);
        core.budget.stop();
        core.shutdown(deadline);
        stopped.complete(null);
    }

    @Override
    public String toString() {
        return "HostedWebSocketServer[" + id + (running ? "" : ", stopped") + "]";
    }
}
