package net.websocket.whiteboard.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

import net.websocket.api.BroadcastPolicy;
import net.websocket.api.BroadcastResult;
import net.websocket.api.Connection;
import net.websocket.api.Message;
import net.websocket.api.WebSocketMetrics;
import net.websocket.api.WebSocketServer;

/**
 * The {@link WebSocketServer} service of a configured server: everything (listing and broadcasting included) but
 * closing, which belongs to its configuration (delete the configuration to stop the server).
 */
final class ServerView implements WebSocketServer {

    private final WebSocketServer server;

    ServerView(WebSocketServer server) {
        this.server = server;
    }

    @Override
    public InetSocketAddress address() {
        return server.address();
    }

    @Override
    public int connectionCount() {
        return server.connectionCount();
    }

    @Override
    public List<Connection> connections() {
        return server.connections();
    }

    @Override
    public List<Connection> connections(String pathPattern) {
        return server.connections(pathPattern);
    }

    @Override
    public CompletionStage<BroadcastResult> broadcast(Message message, Collection<? extends Connection> connections,
            BroadcastPolicy policy) {
        return server.broadcast(message, connections, policy);

    }

    @Override
    public WebSocketMetrics metrics() {
        return server.metrics();
    }

    @Override
    public boolean isRunning() {
        return server.isRunning();
    }

    /**
     * Not allowed: the server belongs to its configuration.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void close() {
        throw new UnsupportedOperationException("a configured server stops when its configuration is deleted");
    }

    /**
     * Not allowed: the server belongs to its configuration.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void close(Duration timeout) {
        close();
    }

    @Override
    public CompletionStage<Void> stopped() {
        return server.stopped();
    }

    @Override
    public String toString() {
        return server.toString();
    }
}
