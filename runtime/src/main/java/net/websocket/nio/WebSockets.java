package net.websocket.nio;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;

import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.Endpoint;
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
 * {@link VariantSource#serviceLoader()} unless given.
 *
 * <pre>{@code
 * try (WebSocketServer server = WebSockets.serve(ServerOptions.builder().port(0).build(),
 *         (Handler) c -> { for (Message m; (m = c.receive()) != null;) c.send(m); })) {
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

    private WebSockets() {
    }

    /** The shared client, made on first use. */
    private static final class DefaultClient {
        static final WebSocketClient INSTANCE = new ClientImpl(ClientOptions.defaults(),
                VariantSource.serviceLoader());
    }

    /** Serves one endpoint on every path (as rfc6455's {@code ws-serve}) with the default options. */
    public static WebSocketServer serve(Endpoint endpoint) throws IOException {
        return serve(ServerOptions.defaults(), endpoint);
    }

    /** Serves one endpoint on every path, for clients offering any subprotocol or none. */
    public static WebSocketServer serve(ServerOptions options, Endpoint endpoint) throws IOException {
        return serve(options, ServiceMapper.single(Objects.requireNonNull(endpoint, "endpoint")));
    }

    /** Serves the routes of a service mapper with the default options. */
    public static WebSocketServer serve(ServiceMapper mapper) throws IOException {
        return serve(ServerOptions.defaults(), mapper);
    }

    /** Serves the routes of a service mapper. */
    public static WebSocketServer serve(ServerOptions options, ServiceMapper mapper) throws IOException {
        Objects.requireNonNull(mapper, "mapper");
        return serve(options, () -> mapper, VariantSource.serviceLoader());
    }

    /**
     * Serves with a mapper and variants that are consulted at every handshake, so both may change while the server
     * runs.
     */
    public static WebSocketServer serve(ServerOptions options, Supplier<ServiceMapper> mapper,
            VariantSource variants) throws IOException {
        return ServerImpl.start(options, mapper, variants);
    }

    /** The shared default client (made on first use; its I/O thread is a daemon). */
    public static WebSocketClient client() {
        return DefaultClient.INSTANCE;
    }

    /** A new client with these options and the service-loaded variants. */
    public static WebSocketClient client(ClientOptions options) {
        return client(options, VariantSource.serviceLoader());
    }

    /** A new client with these options and variants. */
    public static WebSocketClient client(ClientOptions options, VariantSource variants) {
        return new ClientImpl(options, variants);
    }

    /** Connects with the shared client and the default request. */
    public static Connection connect(URI uri) throws IOException {
        return client().connect(uri);
    }

    /** Connects with the shared client. */
    public static Connection connect(URI uri, ConnectRequest request) throws IOException {
        return client().connect(uri, request);
    }
}
