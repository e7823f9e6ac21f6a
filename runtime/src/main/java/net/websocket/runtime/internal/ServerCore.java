package net.websocket.runtime.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import net.websocket.api.CloseCodes;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.ExtensionFactory;
import net.websocket.runtime.ServerOptions;

/**
 * What every server that runs WebSocket connections has, whether it listens on a socket of its own
 * ({@link ServerImpl}) or another HTTP server hands it upgraded streams ({@link HostedServer}): its I/O loops, with
 * connections spread over them round-robin; its handler threads; the open connections and the queue budget over
 * them; the connection slots of {@link ServerOptions#maxConnections()}; the engine config of a handshake; and the
 * orderly end of all of these.
 */
final class ServerCore {

    /** How long {@link #shutdown} waits for each loop thread to end. */
    static final long LOOP_JOIN_MILLIS = 2_000;

    final HandlerThreads handlers = new HandlerThreads();
    final IoLoop[] loops;
    final ConnectionList connections = new ConnectionList();
    final QueueBudget budget;
    private final int maxConnections;
    private final AtomicInteger reserved = new AtomicInteger();
    private final AtomicInteger next = new AtomicInteger();
    private final EngineConfig engineConfig;
    private final ServerOptions options;
    /** The last {@link #engineConfig()}, reused while the extension factories are the same list. */
    private volatile ConfigWithExtensions lastConfig;

    /**
     * @param threadPrefix the start of the loop threads' names
     * @param daemonLoops  whether the loop threads are daemons
     */
    ServerCore(ServerOptions options, String threadPrefix, boolean daemonLoops) {
        this.options = options;
        this.maxConnections = options.maxConnections();
        this.engineConfig = new EngineConfig(EngineConfig.Role.SERVER, options.connection().maxFrameSize(),
                options.connection().maxMessageSize(), () -> 0);
        this.loops = new IoLoop[options.ioThreads()];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new IoLoop(threadPrefix + "-io-" + i, daemonLoops, 0);
        }
        this.budget = new QueueBudget(options.maxQueuedBytes(), connections, loops[0]);
    }

    /** Starts the loops and the budget's checks. */
    void start() {
        for (IoLoop l : loops) {
            l.start();
        }
        budget.start();
    }

    /** The loop for the next connection, round-robin. */
    IoLoop nextLoop() {
        return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
    }

    /** Reserves a connection slot; false when {@link ServerOptions#maxConnections()} are open or opening. */
    boolean tryReserve() {
        if (reserved.incrementAndGet() > maxConnections) {
            reserved.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Gives a connection slot back. */
    void release() {
        reserved.decrementAndGet();
    }

    /** The engine config of a handshake starting now: the limits, and the extensions present now. */
    EngineConfig engineConfig() {
        List<ExtensionFactory> factories = options.extensions().get();
        ConfigWithExtensions last = lastConfig;
        if (last != null && last.factories == factories) {
            return last.config; // the same list as last time (a service-loaded one always is)
        }
        EngineConfig config = engineConfig.withExtensions(factories);
        lastConfig = new ConfigWithExtensions(factories, config);
        return config;
    }

    /** The engine config made for a list of extension factories (compared by identity). */
    private record ConfigWithExtensions(List<ExtensionFactory> factories, EngineConfig config) {
    }

    /** Whether the calling thread is one of the loops'. */
    boolean onLoopThread() {
        for (IoLoop l : loops) {
            if (l.inLoop()) {
                return true;
            }
        }
        return false;
    }

    /** Whether the calling thread is a loop's or a handler thread, which a stop may not wait on. */
    boolean onOwnThread() {
        return onLoopThread() || handlers.isHandlerThread();
    }

    /**
     * Ends what runs (not on a loop thread): the open connections are closed with 1001 and given until
     * {@code deadlineNanos} ({@link System#nanoTime()}) to finish their closing handshakes, then dropped; the loops
     * end (each waited for {@link #LOOP_JOIN_MILLIS}), then the handler threads (given the rest of the time, at
     * least a second).
     */
    void shutdown(long deadlineNanos) {
        List<CompletableFuture<?>> closing = new ArrayList<>();
        for (WsConnection c : connections.snapshot()) {
            try {
                c.close(CloseCodes.GOING_AWAY, "going away");
            } catch (RuntimeException e) {
                // closing anyway
            }
            closing.add(c.closedFuture());
        }
        try {
            CompletableFuture.allOf(closing.toArray(new CompletableFuture<?>[0]))
                    .get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // timed out: the rest are forced below
        }
        for (WsConnection c : connections.snapshot()) {
            c.abort();
        }
        for (IoLoop l : loops) {
            l.shutdown();
        }
        for (IoLoop l : loops) {
            try {
                if (!l.join(LOOP_JOIN_MILLIS, TimeUnit.MILLISECONDS)) {
                    Logs.SERVER.log(Level.WARNING, "I/O loop did not stop in time");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        handlers.shutdown(Math.max(TimeUnit.SECONDS.toNanos(1), deadlineNanos - System.nanoTime()));
    }
}
