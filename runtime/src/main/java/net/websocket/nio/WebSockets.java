package net.websocket.nio;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;

import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.Endpoint;
import net.websocket.api.Handler;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketServer;
import net.websocket.runtime.ClientOptions;
import net.websocket.runtime.ServerOptions;
import net.websocket.runtime.VariantSource;
import net.websocket.runtime.internal.ClientImpl;
import net.websocket.runtime.internal.ServerImpl;

/**
 * Entry points outside a framework: start servers, open client connections. Protocol variants come from
 * {@link VariantSource#serviceLoader()} unless given: the artifact {@code net.websocket:net.websocket.runtime}
 * depends on {@code net.websocket:net.websocket.rfc6455} at run time, so RFC 6455 is there unless excluded.
 *
 * <pre>{@code
 * try (WebSocketServer server = WebSockets.serve(ServerOptions.builder().port(0).build(),
 *         c -> { for (Message m; (m = c.receive()) != null;) c.send(m); })) {
 *     try (Connection c = WebSockets.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"))) {
 *         c.sendText("hello");
 *         System.out.println(c.receiveText());
 *     }
 * }
 * }</pre>
 *
 * <h2>Behaviour</h2>
 * <ul>
 * <li>{@code serve} binds before it returns and throws {@link IOException} if it cannot.</li>
 * <li>A server or client whose variants come from {@link VariantSource#serviceLoader()} does not start when that
 * finds none: {@code serve}, {@code client} and {@code connect} throw an {@link IllegalStateException} whose
 * message starts "No WebSocket protocol variant found" and names the artifact to add
 * ({@code net.websocket:net.websocket.rfc6455}). A source passed in that is empty for now (the OSGi whiteboard's,
 * while variants are swapped) is taken as it is: its handshakes are answered 503 while it is empty.</li>
 * <li>A request that no present variant accepts is answered 426 with {@code Sec-WebSocket-Version} (the versions of
 * every present variant) if it carried {@code Sec-WebSocket-Version}; 426 with {@code Upgrade: websocket} if it is a
 * plain HTTP GET without an upgrade; 400 otherwise.</li>
 * <li>An idle connection (nothing received for the idle timeout) is closed with 1001 "idle timeout" and the usual
 * closing handshake; a quiet connection is pinged every 15 s, and a peer that answers nothing is dropped.</li>
 * <li>A peer's close frame (or protocol error) is answered once the endpoint has consumed the messages that arrived
 * before it, so that its replies to them are still sent.</li>
 * <li>{@code wss://} works on both sides when the server has a TLS context and the client trusts its
 * certificate.</li>
 * <li>Every send is bounded by the outbound queue limit: asynchronous sends never block and fail at once with
 * {@link net.websocket.api.OutboundQueueFullException} while the queue is over it (pace them with the stages they
 * return); blocking sends wait while it is, at most the send timeout, then throw the same exception. A peer that takes
 * none of our bytes for the write timeout is dropped.</li>
 * </ul>
 */
public final class WebSockets {

    /** Why a server or client with the service-loaded variants did not start when there are none. */
    private static final String NO_VARIANT = "No WebSocket protocol variant found: put"
            + " net.websocket:net.websocket.rfc6455 (module net.websocket.rfc6455) on the class path or module path."
            + " net.websocket:net.websocket.runtime depends on it at run time, so look for an exclusion; a jlink image"
            + " needs --bind-services or --add-modules net.websocket.rfc6455";

    private WebSockets() {
    }

    /** The shared client, made on first use. */
    private static final class DefaultClient {
        static final WebSocketClient INSTANCE = new ClientImpl(ClientOptions.defaults(),
                VariantSource.serviceLoader());
    }

    /**
     * Serves one endpoint on every path with the default options.
     *
     * @param endpoint the endpoint of every connection, for clients offering any subprotocol or none
     * @return the running server, already listening
     * @throws IOException if the server cannot bind its address
     * @throws IllegalStateException if {@link VariantSource#serviceLoader()} finds no variant
     */
    public static WebSocketServer serve(Endpoint endpoint) throws IOException {
        return serve(ServerOptions.defaults(), endpoint);
    }

    /**
     * Serves one handler on every path with the default options: {@code WebSockets.serve(c -> c.sendText("hi"))}
     * (the handler twin of {@link #serve(Endpoint)}, so that a lambda needs no cast).
     *
     * @param handler the handler of every connection, for clients offering any subprotocol or none
     * @return the running server, already listening
     * @throws IOException if the server cannot bind its address
     * @throws IllegalStateException if {@link VariantSource#serviceLoader()} finds no variant
     */
    public static WebSocketServer serve(Handler handler) throws IOException {
        return serve((Endpoint) handler);
    }

    /**
     * Serves one endpoint on every path, for clients offering any subprotocol or none.
     *
     * @param options  the server's address, limits and policies
     * @param endpoint the endpoint of every connection
     * @return the running server, already listening
     * @throws IOException if the server cannot bind its address
     * @throws IllegalStateException if {@link VariantSource#serviceLoader()} finds no variant
     */
    public static WebSocketServer serve(ServerOptions options, Endpoint endpoint) throws IOException {
        return serve(options, ServiceMapper.single(Objects.requireNonNull(endpoint, "endpoint")));
    }

    /**
     * Serves one handler on every path: {@code WebSockets.serve(options, c -> c.sendText("hi"))} (the handler twin
     * of {@link #serve(ServerOptions, Endpoint)}, so that a lambda needs no cast).
     *
     * @param options the server's address, limits and policies
     * @param handler the handler of every connection, for clients offering any subprotocol or none
     * @return the running server, already listening
     * @throws IOException if the server cannot bind its address
     * @throws IllegalStateException if {@link VariantSource#serviceLoader()} finds no variant
     */
    public static WebSocketServer serve(ServerOptions options, Handler handler) throws IOException {
        return serve(options, (Endpoint) handler);
    }

    /**
     * Serves the routes of a service mapper with the default options.
     *
     * @param mapper the routes: which endpoint serves which path and subprotocol
     * @return the running server, already listening
     * @throws IOException if the server cannot bind its address
     * @throws IllegalStateException if {@link VariantSource#serviceLoader()} finds no variant
     */
    public static WebSocketServer serve(ServiceMapper mapper) throws IOException {
        return serve(ServerOptions.defaults(), mapper);
    }

    /**
     * Serves the routes of a service mapper.
     *
     * @param options the server's address, limits and policies
     * @param mapper  the routes: which endpoint serves which path and subprotocol
     * @return the running server, already listening
     * @throws IOException if the server cannot bind its address
     * @throws IllegalStateException if {@link VariantSource#serviceLoader()} finds no variant
     */
    public static WebSocketServer serve(ServerOptions options, ServiceMapper mapper) throws IOException {
        Objects.requireNonNull(mapper, "mapper");
        return serve(options, () -> mapper, VariantSource.serviceLoader());
    }

    /**
     * Serves with a mapper and variants that are consulted at every handshake, so both may change while the server
     * runs.
     *
     * @param options  the server's address, limits and policies
     * @param mapper   supplies the routes in force at each handshake
     * @param variants the protocol variants (a source other than {@link VariantSource#serviceLoader()} may be empty
     *                 for a while: handshakes are then answered 503)
     * @return the running server, already listening
     * @throws IOException if the server cannot bind its address
     * @throws IllegalStateException if {@code variants} is the service-loaded source and finds no variant
     */
    public static WebSocketServer serve(ServerOptions options, Supplier<ServiceMapper> mapper,
            VariantSource variants) throws IOException {
        return ServerImpl.start(options, mapper, present(variants));
    }

    /**
     * The shared default client (made on first use; its I/O thread is a daemon).
     *
     * @return the client with {@link ClientOptions#defaults()} and the service-loaded variants, the same at every call
     * @throws IllegalStateException if {@link VariantSource#serviceLoader()} finds no variant
     */
    public static WebSocketClient client() {
        present(VariantSource.serviceLoader());
        return DefaultClient.INSTANCE;
    }

    /**
     * A new client with these options and the service-loaded variants.
     *
     * @param options the client's limits, threads and TLS context
     * @return the client; it needs no closing (its I/O threads are daemons and stop when idle)
     * @throws IllegalStateException if {@link VariantSource#serviceLoader()} finds no variant
     */
    public static WebSocketClient client(ClientOptions options) {
        return client(options, VariantSource.serviceLoader());
    }

    /**
     * A new client with these options and variants.
     *
     * @param options  the client's limits, threads and TLS context
     * @param variants the protocol variants a request may choose from
     * @return the client; it needs no closing (its I/O threads are daemons and stop when idle)
     * @throws IllegalStateException if {@code variants} is the service-loaded source and finds no variant
     */
    public static WebSocketClient client(ClientOptions options, VariantSource variants) {
        return new ClientImpl(options, present(variants));
    }

    /**
     * The variant source, checked when it is the service-loaded one: that one is fixed once loaded, so finding
     * nothing means a missing artifact, said at start instead of with a 503 at every handshake.
     */
    private static VariantSource present(VariantSource variants) {
        if (variants == VariantSource.serviceLoader() && variants.variants().isEmpty()) {
            throw new IllegalStateException(NO_VARIANT);
        }
        return variants;
    }

    /**
     * Connects with the shared client and the default request, blocking until the connection is open.
     *
     * @param uri the {@code ws://} or {@code wss://} URI to connect to
     * @return the open connection
     * @throws net.websocket.api.HandshakeException if the server refused the handshake or answered wrongly
     * @throws IOException if the URI is not a WebSocket URI with a host, or the connection could not be made or
     *         timed out, or the thread was interrupted
     * @throws IllegalStateException if {@link VariantSource#serviceLoader()} finds no variant
     */
    public static Connection connect(URI uri) throws IOException {
        return client().connect(uri);
    }

    /**
     * Connects with the shared client, blocking until the connection is open.
     *
     * @param uri     the {@code ws://} or {@code wss://} URI to connect to
     * @param request the headers, subprotocols, variant, timeout and listener of this connection
     * @return the open connection
     * @throws net.websocket.api.HandshakeException if the server refused the handshake or answered wrongly
     * @throws IOException if the URI is not a WebSocket URI with a host, the request names no present variant, or
     *         the connection could not be made or timed out, or the thread was interrupted
     * @throws IllegalStateException if {@link VariantSource#serviceLoader()} finds no variant
     */
    public static Connection connect(URI uri, ConnectRequest request) throws IOException {
        return client().connect(uri, request);
    }
}
