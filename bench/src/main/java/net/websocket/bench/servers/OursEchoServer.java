package net.websocket.bench.servers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import net.websocket.api.BroadcastPolicy;
import net.websocket.api.Connection;
import net.websocket.api.Listener;
import net.websocket.api.Message;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketServer;
import net.websocket.api.spi.ExtensionFactory;
import net.websocket.deflate.PerMessageDeflate;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ServerOptions;

/**
 * Our echo server: {@link WebSockets#serve} with an echoing {@link Listener.NonBlocking} on every path (its
 * callbacks run on the I/O threads, as a Netty handler does), default I/O threads;
 * permessage-deflate only for scenario (f) ({@code -Dbench.deflate=true}). For scenario (j)
 * ({@code -Dbench.broadcast=true}) it broadcasts instead: what the control connection sends goes to every reader
 * ({@link WebSocketServer#broadcast}, with the skip policy; the load keeps the readers' queues short).
 */
public final class OursEchoServer {

    private OursEchoServer() {
    }

    /**
     * Echoes text as text and binary as binary, on the I/O thread (as the examples' {@code /echo}); it sends each
     * binary message back from its callback and keeps nothing, so it only borrows the buffers
     * ({@link Listener.BorrowsBuffers}).
     */
    public static final class Echo implements Listener.BorrowsBuffers {
        @Override
        public void onText(Connection connection, String text) throws IOException {
            connection.sendText(text);
        }

        @Override
        public void onBinary(Connection connection, ByteBuffer data) throws IOException {
            connection.sendBinary(data);
        }
    }

    /**
     * Scenario (j)'s server: every text message a connection to {@code /fan-control} sends goes to every connection
     * to {@code /fan}, through {@link WebSocketServer#broadcast} with the skip policy (the load keeps the readers'
     * queues short, so nothing is skipped unless a reader falls behind).
     */
    public static WebSocketServer broadcastServer(ServerOptions options) throws IOException {
        AtomicReference<WebSocketServer> self = new AtomicReference<>();
        Listener.NonBlocking control = new Listener.NonBlocking() {
            @Override
            public void onText(Connection connection, String text) {
                WebSocketServer s = self.get();
                s.broadcast(Message.text(text), s.connections(ServerMain.FAN_READERS), BroadcastPolicy.skip());
            }
        };
        ServiceMapper mapper = ServiceMapper.builder()
                .route(ServerMain.FAN_READERS, ServiceMapper.none(new Listener.NonBlocking() {
                }))
                .route(ServerMain.FAN_CONTROL, ServiceMapper.none(control))
                .build();
        self.set(WebSockets.serve(options, mapper));
        return self.get();
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int maxConnections = ServerMain.maxConnections(ServerOptions.defaults().maxConnections());
        ServerOptions.Builder builder = ServerOptions.builder();
        if (ServerMain.pingSeconds() > 0) {
            builder.pingInterval(Duration.ofSeconds(ServerMain.pingSeconds()));
        }
        ServerOptions options = builder
                .listen(ServerMain.HOST, ServerMain.port(args))
                .maxFrameSize(ServerMain.MAX_MESSAGE)
                .maxMessageSize(ServerMain.MAX_MESSAGE)
                .idleTimeout(Duration.ofSeconds(ServerMain.IDLE_TIMEOUT_SECONDS))
                .maxConnections(maxConnections)
                // every client of a run comes from 127.0.0.1: (e) holds 10,000 connections from it
                .maxConnectionsPerAddress(maxConnections)
                .extensions(ServerMain.deflate() ? new ExtensionFactory[] {new PerMessageDeflate()}
                        : new ExtensionFactory[0])
                .build();
        if (ServerMain.broadcast()) {
            ServerMain.readyAndWait("ours", broadcastServer(options).port());
            return;
        }
        WebSocketServer server = WebSockets.serve(options, new Echo());
        ServerMain.readyAndWait("ours", server.port());
    }
}
