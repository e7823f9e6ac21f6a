package net.websocket.itest.osgi;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.WebSocketClient;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ClientOptions;

/** The runtime's client, outside the framework, talking to servers inside it over 127.0.0.1. */
final class Clients {

    static final WebSocketClient CLIENT = WebSockets.client(ClientOptions.builder()
            .closeTimeout(Duration.ofSeconds(3)).build());

    private Clients() {
    }

    static Connection connect(int port, String path, String... subprotocols) throws IOException {
        return connectWith(ConnectRequest.RFC6455, port, path, subprotocols);
    }

    static Connection connectWith(String variant, int port, String path, String... subprotocols)
            throws IOException {
        return CLIENT.connect(OsgiFramework.uri(port, path), ConnectRequest.builder().variant(variant)
                .subprotocols(subprotocols).timeout(Duration.ofSeconds(10)).build());
    }

    /** Connects, reads the first message (a {@code Greeter}'s name), closes. */
    static String greeting(int port, String path, String... subprotocols) throws IOException {
        try (Connection c = connect(port, path, subprotocols)) {
            return c.receiveText();
        }
    }

    /** Waits for a connection to be closed and returns how. */
    static CloseStatus closeStatus(Connection c) throws Exception {
        return c.closed().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
