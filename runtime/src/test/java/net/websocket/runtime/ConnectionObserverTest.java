package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketServer;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.nio.WebSockets;

/** A {@link ConnectionObserver} hears of each connection opening, with the variant instance, and closing. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionObserverTest {

    /** What an observer was told, in order. */
    private record Event(String what, Connection connection, ProtocolVariant variant) {
    }

    private static final class Recorder implements ConnectionObserver {
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

        @Override
        public void opened(Connection connection, ProtocolVariant variant) {
            events.add(new Event("opened", connection, variant));
        }

        @Override
        public void closed(Connection connection) {
            events.add(new Event("closed", connection, null));
        }

        Event next() throws InterruptedException {
            Event e = events.poll(10, TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("no event");
            }
            return e;
        }
    }

    @Test
    void serverAndClientTellWhichVariantInstanceMadeEachConnection() throws Exception {
        ProtocolVariant rfc = new ForwardingVariant(ForwardingVariant.loaded("rfc6455"));
        ProtocolVariant hybi = new ForwardingVariant(ForwardingVariant.loaded("hybi00"));
        Recorder onServer = new Recorder();
        Recorder onClient = new Recorder();
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().observer(onServer).build(),
                () -> ServiceMapper.builder().route("/", ServiceMapper.none(TestSupport.ECHO)).build(),
                VariantSource.of(rfc, hybi))) {
            WebSocketClient client = WebSockets.client(ClientOptions.builder().closeTimeout(Duration.ofSeconds(3))
                    .observer(onClient).build(), VariantSource.of(rfc, hybi));
            Connection c = client.connect(TestSupport.uri(s, "/"), ConnectRequest.builder().variant("hybi00").build());
            Event clientOpened = onClient.next();
            assertEquals("opened", clientOpened.what());
            assertSame(c, clientOpened.connection());
            assertSame(hybi, clientOpened.variant());
            Event serverOpened = onServer.next();
            assertEquals("opened", serverOpened.what());
            assertSame(hybi, serverOpened.variant());
            c.sendText("x");
            assertEquals("x", c.receiveText());

            c.close();
            c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
            Event clientClosed = onClient.next();
            assertEquals("closed", clientClosed.what());
            assertSame(c, clientClosed.connection());
            Event serverClosed = onServer.next();
            assertEquals("closed", serverClosed.what());
            assertSame(serverOpened.connection(), serverClosed.connection());
            assertTrue(serverClosed.connection().isClosed());
            assertTrue(onServer.events.isEmpty() && onClient.events.isEmpty(), "each told once");
        }
    }

    @Test
    void everyConnectionHasItsOwnIdForItsWholeLife() throws Exception {
        Recorder onServer = new Recorder();
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().observer(onServer).build(), TestSupport.ECHO)) {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"));
                Connection accepted = onServer.next().connection();
                String clientId = c.id();
                String serverId = accepted.id();
                assertTrue(ids.add(clientId) && ids.add(serverId), "ids never repeat: " + ids);
                assertTrue(c.toString().contains(clientId), c.toString());
                assertTrue(accepted.toString().contains(serverId), accepted.toString());
                c.close();
                c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertEquals("closed", onServer.next().what());
                assertEquals(clientId, c.id(), "the id outlives the connection");
                assertEquals(serverId, accepted.id());
            }
        }
    }

    @Test
    void aThrowingObserverDoesNotHurtTheConnection() throws Exception {
        ConnectionObserver bad = new ConnectionObserver() {
            @Override
            public void opened(Connection connection, ProtocolVariant variant) {
                throw new IllegalStateException("observer bug (expected in this test)");
            }

            @Override
            public void closed(Connection connection) {
                throw new IllegalStateException("observer bug (expected in this test)");
            }
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().observer(bad).build(), TestSupport.ECHO)) {
            try (Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"))) {
                c.sendText("still fine");
                assertEquals("still fine", c.receiveText());
            }
        }
    }
}
