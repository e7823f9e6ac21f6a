package net.websocket.itest.support;

import net.websocket.api.CloseStatus;
import net.websocket.api.Connection;
import net.websocket.api.Handler;
import net.websocket.api.Listener;
import net.websocket.api.PayloadType;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ServerOptions;
import net.websocket.servlet.WebSocketServlet;
import net.websocket.servlet.containers.ContainerServer;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Our server as interop peers see it, on 127.0.0.1 at a free port, with 16 MiB limits.
 *
 * <ul>
 * <li>{@code /echo} echoes text and binary messages, except for the text commands of {@link InteropCommands}:
 * {@code close:CODE:REASON} (the server closes with that code and reason), {@code fragment-me:TEXT} (the server
 * sends TEXT back as a text message in three fragments, the middle one splitting a character when it can) and
 * {@code ping-me:DATA} (the server pings with DATA, and once the matching pong arrives answers
 * {@code pong:DATA}), {@code extensions?} (the server answers with the {@code Sec-WebSocket-Extensions} field of
 * its handshake response). Every close status the server sees is put in {@link #closes()}, the last message echoed is
 * kept ({@link #lastEchoed()}).</li>
 * <li>{@code /proto} chooses among the subprotocols {@code v2.chat} and {@code v1.chat} (or none), tells the client
 * {@code subprotocol=NAME} (or {@code subprotocol=none}) and then echoes.</li>
 * </ul>
 */
public final class InteropServer implements AutoCloseable {

    private final AutoCloseable server;
    private final int port;
    private final BlockingQueue<CloseStatus> closes = new LinkedBlockingQueue<>();
    /** The close status of each {@code /echo} connection opened with a query, by that query. */
    private final Map<String, CompletableFuture<CloseStatus>> closesByQuery = new ConcurrentHashMap<>();
    /** The last message {@code /echo} echoed: a String or a byte[]. */
    private final AtomicReference<Object> lastEchoed = new AtomicReference<>();

    private InteropServer(UnaryOperator<ServerOptions.Builder> options) throws IOException {
        this(options, null);
    }

    /** Served by our own server, or through {@code WebSocketServlet} in the embedded {@code container}. */
    private InteropServer(UnaryOperator<ServerOptions.Builder> options, ContainerServer.Kind container)
            throws IOException {
        Listener echo = new CommandEcho();
        ServiceMapper mapper = ServiceMapper.builder()
                .route("/echo", ServiceMapper.none(echo))
                .route("/proto",
                        ServiceMapper.subprotocol(InteropCommands.SUBPROTOCOL_V2, announcer()),
                        ServiceMapper.subprotocol(InteropCommands.SUBPROTOCOL_V1, announcer()),
                        ServiceMapper.none(announcer()))
                .build();
        ServerOptions o = options.apply(EchoServers.options()).build();
        if (container == null) {
            WebSocketServer ours = WebSockets.serve(o, mapper);
            server = ours;
            port = ours.port();
        } else {
            try {
                ContainerServer c = ContainerServer.start(container, "127.0.0.1", 0, new WebSocketServlet(o, mapper));
                server = c;
                port = c.port();
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("cannot start " + container, e);
            }
        }
    }

    /**
     * The same endpoints with no extensions, served through the servlet upgrade ({@code WebSocketServlet}) in the
     * embedded {@code container}, beside its plain servlet at {@code /hello}.
     */
    public static InteropServer inContainer(ContainerServer.Kind container) throws IOException {
        return new InteropServer(b -> b.extensions(), container);
    }

    /**
     * Starts the server with the default options, so with permessage-deflate (found on the class path) for clients
     * that offer it.
     */
    public static InteropServer start() throws IOException {
        return new InteropServer(UnaryOperator.identity());
    }

    /** Starts the server with options changed by {@code options} (e.g. {@code b -> b.extensions()}: none). */
    public static InteropServer start(UnaryOperator<ServerOptions.Builder> options) throws IOException {
        return new InteropServer(options);
    }

    /** Starts the server with no extensions: a client's permessage-deflate offer is declined. */
    public static InteropServer uncompressed() throws IOException {
        return new InteropServer(b -> b.extensions());
    }

    public int port() {
        return port;
    }

    /** {@code ws://127.0.0.1:PORT/PATH} */
    public URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }

    /**
     * {@code ws://127.0.0.1:PORT/PATH?tag=TAG}: a URI of its own for one connection, whose close status
     * {@link #closeSeen(URI)} then finds, whatever other connections (of earlier tests, say) close meanwhile.
     */
    public URI uri(String path, String tag) {
        return URI.create("ws://127.0.0.1:" + port() + path + "?tag=" + tag);
    }

    /**
     * The close status {@code /echo} saw on the connection opened with {@code uri} (from {@link #uri(String, String)}),
     * waiting up to 10 s; {@code null} if none.
     */
    public CloseStatus closeSeen(URI uri) throws InterruptedException {
        try {
            return closeOf(uri.getRawQuery()).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    private CompletableFuture<CloseStatus> closeOf(String query) {
        return closesByQuery.computeIfAbsent(query, q -> new CompletableFuture<>());
    }

    /** The close statuses the {@code /echo} endpoint saw, in order. */
    public BlockingQueue<CloseStatus> closes() {
        return closes;
    }

    /**
     * The last message {@code /echo} echoed (not a command): a {@code String} for text, a {@code byte[]} for binary,
     * {@code null} before the first. Lets a test check what arrived when the peer shows only a summary of the echo.
     */
    public Object lastEchoed() {
        return lastEchoed.get();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the server", e);
        }
    }

    private static Handler announcer() {
        return c -> {
            c.sendText("subprotocol=" + c.subprotocol().orElse("none"));
            for (var m = c.receive(); m != null; m = c.receive()) {
                c.send(m);
            }
        };
    }

    /** The {@code /echo} endpoint. */
    private final class CommandEcho implements Listener {
        @Override
        public void onText(Connection c, String text) throws IOException {
            InteropCommands.Command cmd = InteropCommands.parse(text);
            if (cmd instanceof InteropCommands.Close close) {
                c.close(close.code(), close.reason());
            } else if (cmd instanceof InteropCommands.FragmentMe f) {
                byte[][] parts = InteropCommands.threeFragments(f.text());
                c.sendFragment(PayloadType.TEXT, ByteBuffer.wrap(parts[0]), false);
                c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.wrap(parts[1]), false);
                c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.wrap(parts[2]), true);
            } else if (cmd instanceof InteropCommands.Extensions) {
                c.sendText(InteropCommands.extensionsAnswer(c.responseHeaders().get("Sec-WebSocket-Extensions")));
            } else if (cmd instanceof InteropCommands.PingMe p) {
                c.ping(ByteBuffer.wrap(p.data().getBytes(StandardCharsets.UTF_8)))
                        .thenRun(() -> c.sendTextAsync("pong:" + p.data()));
            } else {
                lastEchoed.set(text);
                c.sendText(text);
            }
        }

        @Override
        public void onBinary(Connection c, ByteBuffer data) throws IOException {
            byte[] copy = new byte[data.remaining()];
            data.duplicate().get(copy);
            lastEchoed.set(copy);
            c.sendBinary(data);
        }

        @Override
        public void onClose(Connection c, CloseStatus status) {
            closes.add(status);
            c.query().ifPresent(q -> closeOf(q).complete(status));
        }
    }
}
