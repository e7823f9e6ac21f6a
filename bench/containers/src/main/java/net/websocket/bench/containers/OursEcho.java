package net.websocket.bench.containers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

import net.websocket.api.Connection;
import net.websocket.api.Listener;
import net.websocket.api.ServiceMapper;
import net.websocket.api.spi.ExtensionFactory;
import net.websocket.deflate.PerMessageDeflate;
import net.websocket.runtime.ServerOptions;
import net.websocket.servlet.WebSocketServlet;

/**
 * Our echo as the bench module's {@code OursEchoServer} serves it (an echoing {@link Listener.NonBlocking} on every
 * path, 16 MiB frame and message limits, a 300 s idle timeout, {@code maxConnectionsPerAddress} raised to
 * {@code maxConnections}; permessage-deflate only with {@code -Dbench.deflate=true}), here through a
 * {@link WebSocketServlet} in a servlet container: only the servlet's public API, so that it measures whatever the
 * servlet module does.
 */
final class OursEcho {

    private OursEcho() {
    }

    /** Echoes text as text and binary as binary, on the thread that delivers it. */
    static final class Echo implements Listener.NonBlocking {
        @Override
        public void onText(Connection connection, String text) throws IOException {
            connection.sendText(text);
        }

        @Override
        public void onBinary(Connection connection, ByteBuffer data) throws IOException {
            connection.sendBinary(data);
        }
    }

    /** The options of the bench module's ours, without the listening address (the container's business). */
    static ServerOptions options() {
        int maxConnections = ServerOptions.defaults().maxConnections();
        return ServerOptions.builder()
                .maxFrameSize(ServerMain.MAX_MESSAGE)
                .maxMessageSize(ServerMain.MAX_MESSAGE)
                .idleTimeout(Duration.ofSeconds(ServerMain.IDLE_TIMEOUT_SECONDS))
                .maxConnections(maxConnections)
                // every client of a run comes from 127.0.0.1: (e) holds 10,000 connections from it
                .maxConnectionsPerAddress(maxConnections)
                .extensions(ServerMain.deflate() ? new ExtensionFactory[] {new PerMessageDeflate()}
                        : new ExtensionFactory[0])
                .build();
    }

    /** A servlet that serves the echo on every path. */
    static WebSocketServlet servlet() {
        return new WebSocketServlet(options(), ServiceMapper.single(new Echo()));
    }
}
