package net.websocket.bench.servers;

import java.nio.ByteBuffer;
import java.time.Duration;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Jetty 12's echo with its own WebSocket API on the core server (no servlets): an auto-demanding session listener
 * that sends every text and binary message back.
 */
public final class JettyEchoServer {

    private JettyEchoServer() {
    }

    /** Echoes whole messages; binary buffers are released (callback) once sent. */
    public static final class Echo implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
        }

        @Override
        public void onWebSocketText(String message) {
            session.sendText(message, Callback.NOOP);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            session.sendBinary(payload, callback);
        }
    }

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(ServerMain.HOST);
        connector.setPort(ServerMain.port(args));
        connector.setAcceptQueueSize(1024);
        connector.setIdleTimeout(ServerMain.IDLE_TIMEOUT_SECONDS * 1000L);
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(ServerMain.MAX_MESSAGE);
            container.setMaxBinaryMessageSize(ServerMain.MAX_MESSAGE);
            container.setMaxFrameSize(ServerMain.MAX_MESSAGE);
            container.setIdleTimeout(Duration.ofSeconds(ServerMain.IDLE_TIMEOUT_SECONDS));
            container.addMapping("/*", (request, response, callback) -> new Echo());
        }));
        server.start();
        ServerMain.readyAndWait("jetty", connector.getLocalPort());
    }
}
