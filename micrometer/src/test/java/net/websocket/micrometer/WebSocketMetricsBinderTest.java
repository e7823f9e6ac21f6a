package net.websocket.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import net.websocket.api.CloseCodes;
import net.websocket.api.Connection;
import net.websocket.api.HandshakeException;
import net.websocket.api.Message;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ClientOptions;
import net.websocket.runtime.ServerOptions;

import org.junit.jupiter.api.Test;

/** The binder against a real server and client on loopback, read through a {@link SimpleMeterRegistry}. */
class WebSocketMetricsBinderTest {

    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(10);

    @Test
    void metersFollowARealServerAndClient() throws Exception {
        ServiceMapper mapper = ServiceMapper.builder().route("/echo", ServiceMapper.none(c -> {
            for (Message m; (m = c.receive()) != null;) {
                c.send(m);
            }
        })).build();
        WebSocketClient client = WebSockets.client(ClientOptions.builder().closeTimeout(Duration.ofSeconds(3)).build());
        try (WebSocketServer server = WebSockets.serve(ServerOptions.builder()
                .address(new InetSocketAddress("127.0.0.1", 0)).ioThreads(2).closeTimeout(Duration.ofSeconds(3))
                .shutdownTimeout(Duration.ofSeconds(3)).build(), mapper)) {
            MeterRegistry registry = new SimpleMeterRegistry();
            new WebSocketMetricsBinder(server, "test").bindTo(registry);
            new WebSocketMetricsBinder(client).bindTo(registry);
            URI echo = URI.create("ws://127.0.0.1:" + server.port() + "/echo");

            Connection c = client.connect(echo);
            await("the server's gauge shows the connection",
                    () -> gauge(registry, "websocket.connections.open", "server") == 1.0);
            assertEquals("test", registry.get("websocket.connections.open").tag("side", "server").gauge().getId()
                    .getTag("name"));
            assertEquals(1.0, gauge(registry, "websocket.connections.open", "client"));
            for (int i = 0; i < 4; i++) {
                c.sendText("hello");
                assertEquals("hello", c.receiveText());
            }
            c.ping(ByteBuffer.wrap(new byte[] {1})).toCompletableFuture().get(10, TimeUnit.SECONDS);
            c.close(CloseCodes.NORMAL, "done");
            c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
            await("the server saw the close", () -> counter(registry, "websocket.connections.closed", "server",
                    "code", "1000") == 1.0);

            HandshakeException refused = assertThrows(HandshakeException.class,
                    () -> client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/nowhere")));
            assertEquals(404, refused.status());
            await("the server counted the 404", () -> counter(registry, "websocket.handshakes.refused", "server",
                    "reason", "no_route") == 1.0);

            assertEquals(0.0, gauge(registry, "websocket.connections.open", "server"));
            assertEquals(1.0, counter(registry, "websocket.handshakes.accepted", "server", null, null));
            assertEquals(1.0, counter(registry, "websocket.handshakes.accepted", "client", null, null));
            assertEquals(1.0, counter(registry, "websocket.handshakes.refused", "client", "reason", "rejected"));
            assertEquals(4.0, counter(registry, "websocket.messages", "server", "direction", "received"));
            assertEquals(4.0, counter(registry, "websocket.messages", "server", "direction", "sent"));
            assertEquals(4.0, counter(registry, "websocket.messages", "client", "direction", "sent"));
            assertEquals(4.0, counter(registry, "websocket.messages", "client", "direction", "received"));
            assertEquals(20.0, counter(registry, "websocket.payload", "server", "direction", "received"));
            assertEquals(20.0, counter(registry, "websocket.payload", "client", "direction", "sent"));
            assertEquals(1.0, counter(registry, "websocket.pings", "client", "direction", "sent"));
            assertEquals(1.0, counter(registry, "websocket.pings", "server", "direction", "received"));
            assertEquals(1.0, counter(registry, "websocket.pongs", "server", "direction", "sent"));
            assertEquals(1.0, counter(registry, "websocket.pongs", "client", "direction", "received"));
            assertEquals(1.0, counter(registry, "websocket.connections.closed", "client", "code", "1000"));
            assertEquals(0.0, counter(registry, "websocket.connections.closed", "server", "code", "other"));
            assertEquals(0.0, counter(registry, "websocket.keepalive.failures", "server", null, null));
            assertEquals(0.0, gauge(registry, "websocket.queued.outbound", "server"));
            assertEquals(1L, registry.get("websocket.handshake.duration").tag("side", "server").functionTimer()
                    .count());
            assertTrue(registry.get("websocket.handshake.duration").tag("side", "server").functionTimer()
                    .totalTime(TimeUnit.NANOSECONDS) > 0);
            assertEquals(1L, registry.get("websocket.close.duration").tag("side", "client").functionTimer().count());
            assertTrue(registry.get("websocket.close.duration.max").tag("side", "server").timeGauge()
                    .value(TimeUnit.NANOSECONDS) > 0);
        }
    }

    private static double gauge(MeterRegistry r, String name, String side) {
        return r.get(name).tag("side", side).gauge().value();
    }

    private static double counter(MeterRegistry r, String name, String side, String tag, String value) {
        var search = r.get(name).tag("side", side);
        if (tag != null) {
            search = search.tag(tag, value);
        }
        return search.functionCounter().count();
    }

    /** Waits for a state the metrics reach a moment after the event the test saw (bounded; polls the registry). */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("not within 10 s: " + what);
            }
            // polling: a count has no event to wait on
            Thread.sleep(5);
        }
    }

    @Test
    void everyCloseCodeHasItsMeterFromTheStart() throws IOException {
        try (WebSocketServer server = WebSockets.serve(ServerOptions.builder()
                .address(new InetSocketAddress("127.0.0.1", 0)).build(), c -> { })) {
            MeterRegistry registry = new SimpleMeterRegistry();
            new WebSocketMetricsBinder(server).bindTo(registry);
            assertEquals(0.0, gauge(registry, "websocket.connections.open", "server"));
            assertEquals(WebSocketMetricsBinder.CLOSE_CODES.size() + 1,
                    registry.find("websocket.connections.closed").functionCounters().size());
        }
    }
}
