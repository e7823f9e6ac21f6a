package net.websocket.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;

import net.websocket.api.Endpoint;
import net.websocket.api.Handler;
import net.websocket.api.Message;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/** Shared helpers: servers on 127.0.0.1 with a free port, a client, URIs. */
final class TestSupport {

    private TestSupport() {
    }

    /** Options for a test server: loopback, any free port, short timeouts. */
    static ServerOptions.Builder options() {
        return ServerOptions.builder().address(new InetSocketAddress("127.0.0.1", 0)).ioThreads(2)
                .closeTimeout(Duration.ofSeconds(3)).shutdownTimeout(Duration.ofSeconds(3));
    }

    static WebSocketServer serve(Endpoint e) throws IOException {
        return WebSockets.serve(options().build(), e);
    }

    static WebSocketServer serve(ServiceMapper m) throws IOException {
        return WebSockets.serve(options().build(), m);
    }

    static URI uri(WebSocketServer s, String path) {
        return URI.create("ws://127.0.0.1:" + s.port() + path);
    }

    static WebSocketClient client() {
        return WebSockets.client(ClientOptions.builder().closeTimeout(Duration.ofSeconds(3)).build());
    }

    /** Echoes every message back. */
    static final Handler ECHO = c -> {
        for (Message m; (m = c.receive()) != null;) {
            c.send(m);
        }
    };
}
