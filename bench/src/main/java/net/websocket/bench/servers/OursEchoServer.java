package net.websocket.bench.servers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

import net.websocket.api.Connection;
import net.websocket.api.Listener;
import net.websocket.api.WebSocketServer;
import net.websocket.api.spi.ExtensionFactory;
import net.websocket.deflate.PerMessageDeflate;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ServerOptions;

/**
 * Our echo server: {@link WebSockets#serve} with an echoing {@link Listener.NonBlocking} on every path (its
 * callbacks run on the I/O threads, as a Netty handler does), default I/O threads;
 * permessage-deflate only for scenario (f) ({@code -Dbench.deflate=true}).
 */
public final class OursEchoServer {

    private OursEchoServer() {
    }

    /** Echoes text as text and binary as binary, on the I/O thread (as the examples' {@code /echo}). */
    public static final class Echo implements Listener.NonBlocking {
        @Override
        public void onText(Connection connection, String text) throws IOException {
            connection.sendText(text);
        }

        @Override
        public void onBinary(Connection connection, ByteBuffer data) throws IOException {
            connection.sendBinary(data);
        }
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
        WebSocketServer server = WebSockets.serve(options, new Echo());
        ServerMain.readyAndWait("ours", server.port());
    }
}
