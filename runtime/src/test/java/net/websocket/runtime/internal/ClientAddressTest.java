package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.Handler;
import net.websocket.api.Message;
import net.websocket.api.WebSocketServer;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ClientOptions;
import net.websocket.runtime.ServerOptions;
import net.websocket.runtime.VariantSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientAddressTest {

    @Test
    void refusedAddressIsSkippedForTheNext() throws Exception {
        int closedPort;
        try (ServerSocket ss = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = ss.getLocalPort();
        }
        Handler echo = c -> {
            for (Message m; (m = c.receive()) != null;) {
                c.send(m);
            }
        };
        try (WebSocketServer s = WebSockets.serve(ServerOptions.builder()
                .address(new InetSocketAddress("127.0.0.1", 0)).build(), echo)) {
            ClientImpl client = new ClientImpl(ClientOptions.defaults(), VariantSource.serviceLoader());
            URI uri = URI.create("ws://127.0.0.1:" + s.port() + "/");
            ProtocolVariant v = VariantSource.serviceLoader().variants().get(0);
            CompletableFuture<Connection> f = new CompletableFuture<>();
            client.begin(uri, ConnectRequest.defaults(), v, client.handshake(uri, ConnectRequest.defaults(), v),
                    List.of(new InetSocketAddress("127.0.0.1", closedPort), new InetSocketAddress("127.0.0.1",
                            s.port())), System.nanoTime() + TimeUnit.SECONDS.toNanos(10), f);
            try (Connection c = f.get(10, TimeUnit.SECONDS)) {
                c.sendText("second address");
                assertEquals("second address", c.receiveText());
            }
        }
    }
}
