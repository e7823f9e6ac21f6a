package net.websocket.upgrade;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import net.websocket.api.HandshakeRequest;
import net.websocket.api.ServiceMapper;
import net.websocket.runtime.ServerOptions;
import net.websocket.runtime.VariantSource;
import net.websocket.runtime.internal.HostedServer;

/**
 * A WebSocket server on another HTTP server's port: that server (a servlet container) accepts the sockets and reads
 * the request heads; this decides each handshake and runs each accepted connection over the upgraded byte stream, on
 * its own I/O threads, with the runtime's one connection core. For each upgrade request the hosting server:
 * <ol>
 * <li>calls {@link #handshake} with the request head;</li>
 * <li>if the {@link Handshake} is refused, answers its {@linkplain Handshake#status() status},
 * {@linkplain Handshake#headers() headers} and {@linkplain Handshake#refusalText() text};</li>
 * <li>if accepted, sends the 101 with its headers, switches protocols and calls {@link Handshake#open} with the
 * upgraded stream (or {@link Handshake#abandon()} if it could not switch). Bytes that followed the request head
 * (hybi-00's key) must be the first the stream reads. A hosting server that can take its stream before it sends
 * anything may instead send nothing and call {@link Handshake#openAnswering}: the connection then reads hybi-00's key
 * and writes the draft's whole response itself, as the runtime's own server does.</li>
 * </ol>
 * Every connection setting of {@link ServerOptions#connection()}, the connection limit, the queue budget, the
 * origin policy, the handshake hook, the extensions, the observer, the handshake timeout (for a handshake body that
 * follows on the stream), the I/O threads and the shutdown timeout apply as on the runtime's own server; what
 * concerns sockets (address, backlog, TLS, request head size, handshakes in progress, connections per address) is the
 * hosting server's. A handshake is {@code wss} when its request says {@link HandshakeRequest#secure()}.
 */
public final class UpgradeServer implements AutoCloseable {

    private final HostedServer server;
    private final Duration shutdownTimeout;

    private UpgradeServer(HostedServer server, Duration shutdownTimeout) {
        this.server = server;
        this.shutdownTimeout = shutdownTimeout;
    }

    /**
     * Starts a server with the variants {@link VariantSource#serviceLoader()} finds.
     *
     * @param options the server's options
     * @param mapper  the routes
     * @return the running server
     * @throws IllegalStateException if no variant is found
     */
    public static UpgradeServer start(ServerOptions options, ServiceMapper mapper) {
        Objects.requireNonNull(mapper, "mapper");
        VariantSource variants = VariantSource.serviceLoader();
        if (variants.variants().isEmpty()) {
            throw new IllegalStateException("No WebSocket protocol variant found: put"
                    + " net.websocket:net.websocket.rfc6455 (module net.websocket.rfc6455) on the class path or"
                    + " module path");
        }
        return start(options, () -> mapper, variants);
    }

    /**
     * Starts a server whose routes and variants are read at every handshake (a dynamic environment's).
     *
     * @param options  the server's options
     * @param mapper   the routes now
     * @param variants the protocol variants now (may be empty for a while: handshakes are refused 503 meanwhile)
     * @return the running server
     */
    public static UpgradeServer start(ServerOptions options, Supplier<ServiceMapper> mapper,
            VariantSource variants) {
        return new UpgradeServer(HostedServer.start(options, mapper, variants), options.shutdownTimeout());
    }

    /**
     * Decides the handshake of an upgrade request, on the calling thread (a handshake hook that decides runs here
     * and may block it). An accepted handshake holds a connection slot until it is opened or abandoned.
     *
     * @param request the request head as the hosting server read it
     * @return the decision
     */
    public Handshake handshake(HandshakeRequest request) {
        Objects.requireNonNull(request, "request");
        return new Handshake(server.handshake(request));
    }

    /** {@return the connections open now} */
    public int connectionCount() {
        return server.connectionCount();
    }

    /** {@return whether the server runs (it refuses handshakes with 503 once closed)} */
    public boolean isRunning() {
        return server.isRunning();
    }

    /** {@return a stage that completes once the server has stopped} */
    public CompletionStage<Void> stopped() {
        return server.stopped();
    }

    /** Stops with the options' shutdown timeout: see {@link #close(Duration)}. */
    @Override
    public void close() {
        close(shutdownTimeout);
    }

    /**
     * Stops: handshakes are refused with 503, open connections are closed with 1001 and given {@code timeout} to
     * finish their closing handshakes, then dropped. Idempotent.
     *
     * @param timeout how long the closing handshakes may take together
     */
    public void close(Duration timeout) {
        server.close(timeout);
    }

    @Override
    public String toString() {
        return server.toString();
    }
}
