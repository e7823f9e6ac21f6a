package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.ConnectionOverrides;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.Handler;
import net.websocket.api.HandshakeDecision;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/**
 * Settings overridden per route, per route entry, per connection (by the handshake hook) and per client connection
 * (by the connect request): each override takes effect on its own connections, and the connections around them keep
 * the server's settings.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OverridesTest {

    /** The server's message limit; the routes below raise or lower it. */
    static final int SERVER_MAX = 1024;
    static final int BIG_MAX = 64 * 1024;
    static final int TINY_MAX = 100;

    /** Closes every connection as soon as it opens. */
    static final Handler CLOSE_AT_ONCE = c -> c.close(CloseCodes.NORMAL, "bye");

    static WebSocketServer server;
    static WebSocketClient client;

    @BeforeAll
    static void start() throws Exception {
        ConnectionOverrides big = ConnectionOverrides.builder().maxFrameSize(BIG_MAX).maxMessageSize(BIG_MAX).build();
        ServiceMapper mapper = ServiceMapper.builder()
                .route("/big", big,
                        ServiceMapper.subprotocol("tiny", TestSupport.ECHO)
                                .with(ConnectionOverrides.builder().maxMessageSize(TINY_MAX).build()),
                        ServiceMapper.none(TestSupport.ECHO))
                .route("/keepalive", ConnectionOverrides.builder().pingInterval(Duration.ofMillis(150))
                        .pongTimeout(Duration.ofMillis(250)).build(), ServiceMapper.none(TestSupport.ECHO))
                .route("/drop-pings", ConnectionOverrides.builder().dropIncomingPings(true).build(),
                        ServiceMapper.none(TestSupport.ECHO))
                .route("/close-fast", ConnectionOverrides.builder().closeTimeout(Duration.ofMillis(200)).build(),
                        ServiceMapper.none(CLOSE_AT_ONCE))
                .route("/close-slow", ServiceMapper.none(CLOSE_AT_ONCE))
                .route("/.*", ServiceMapper.none(TestSupport.ECHO))
                .build();
        server = WebSockets.serve(TestSupport.options().maxFrameSize(SERVER_MAX).maxMessageSize(SERVER_MAX)
                .pingInterval(Duration.ZERO).idleTimeout(Duration.ofSeconds(30)).closeTimeout(Duration.ofSeconds(20))
                .handshakeHook(OverridesTest::hook).build(), mapper);
        client = TestSupport.client();
    }

    /** Per connection: {@code ?idle=N} sets an idle timeout of N ms, {@code ?max=N} limits of N bytes. */
    static HandshakeDecision hook(HandshakeRequest request) {
        String query = request.query().orElse("");
        ConnectionOverrides.Builder b = ConnectionOverrides.builder();
        for (String pair : query.split("&")) {
            if (pair.startsWith("idle=")) {
                b.idleTimeout(Duration.ofMillis(Long.parseLong(pair.substring(5))));
            } else if (pair.startsWith("max=")) {
                long max = Long.parseLong(pair.substring(4));
                b.maxFrameSize(max).maxMessageSize(max);
            }
        }
        return HandshakeDecision.accept(b.build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static URI uri(String pathAndQuery) {
        return TestSupport.uri(server, pathAndQuery);
    }

    /** Sends {@code size} bytes and expects them back. */
    private static void echoes(Connection c, int size) throws Exception {
        byte[] data = new byte[size];
        data[size - 1] = 7;
        c.sendBinary(data);
        assertEquals(size, c.receive().bytes().length);
    }

    /** Sends {@code size} bytes and expects the server to close with 1009. */
    private static void refuses(Connection c, int size) throws Exception {
        try {
            c.sendBinary(new byte[size]);
        } catch (java.io.IOException closedMeanwhile) {
            // the server may close before the whole message is written
        }
        assertNull(c.receive());
        CloseStatus st = c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, st.code());
        assertTrue(st.remote());
    }

    @Test
    void aRouteRaisesTheMessageLimitForItsOwnConnectionsOnly() throws Exception {
        try (Connection onBig = client.connect(uri("/big")); Connection elsewhere = client.connect(uri("/other"))) {
            echoes(onBig, 10_000);
            echoes(onBig, BIG_MAX);
            echoes(elsewhere, SERVER_MAX);
            refuses(elsewhere, 10_000);
            echoes(onBig, 10_000); // the refusal next door changed nothing here
            refuses(onBig, BIG_MAX + 1);
        }
    }

    @Test
    void aRoutesFrameLimitRefusesAHugeFrameBeforeItsPayload() throws Exception {
        try (Socket s = Raw.open(server.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(Raw.upgrade("/big").getBytes(StandardCharsets.US_ASCII));
            assertTrue(Raw.readHead(in).startsWith("HTTP/1.1 101 "));
            byte[] frame = Raw.clientFrame(0x82, new byte[BIG_MAX + 1]);
            out.write(frame, 0, 100); // the header and a little of the payload
            Raw.Frame close = Raw.readFrame(in);
            assertEquals(0x88, close.b0());
            assertEquals(CloseCodes.MESSAGE_TOO_BIG, close.closeCode());
        }
    }

    @Test
    void anEntryOverridesOnTopOfItsRoute() throws Exception {
        try (Connection tiny = client.connect(uri("/big"), ConnectRequest.builder().subprotocols("tiny").build())) {
            assertEquals("tiny", tiny.subprotocol().orElseThrow());
            echoes(tiny, TINY_MAX);
            refuses(tiny, TINY_MAX + 1);
        }
        try (Connection plain = client.connect(uri("/big"))) {
            echoes(plain, 10_000); // the route's limit: the entry's override is for its own subprotocol
        }
    }

    @Test
    void theHookOverridesOneConnectionOnTopOfItsRoute() throws Exception {
        try (Connection lowered = client.connect(uri("/big?max=500")); Connection routed = client.connect(uri("/big"))) {
            echoes(lowered, 500);
            echoes(routed, 10_000);
            refuses(lowered, 501);
            echoes(routed, 10_000);
        }
        try (Connection raised = client.connect(uri("/other?max=5000"))) {
            echoes(raised, 5000);
        }
    }

    @Test
    void theHookSetsAnIdleTimeoutForOneConnection() throws Exception {
        try (Connection quick = client.connect(uri("/other?idle=200")); Connection normal = client.connect(uri("/other"))) {
            long t0 = System.nanoTime();
            CloseStatus st = quick.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals(CloseCodes.GOING_AWAY, st.code());
            assertTrue(st.remote());
            assertTrue(ms < 5000, "closed after " + ms + " ms");
            // the other connection, just as quiet, is still open (the server's idle timeout is 30 s)
            echoes(normal, 10);
        }
    }

    @Test
    void aRouteTurnsKeepaliveOnAndDropsASilentPeer() throws Exception {
        try (Socket raw = Raw.open(server.port())) {
            raw.getOutputStream().write(Raw.upgrade("/keepalive").getBytes(StandardCharsets.US_ASCII));
            InputStream in = raw.getInputStream();
            assertTrue(Raw.readHead(in).startsWith("HTTP/1.1 101 "));
            assertEquals(0x89, Raw.readFrame(in).b0(), "a keepalive ping");
            Raw.Frame close = Raw.readFrame(in); // never answered
            assertEquals(0x88, close.b0());
            assertEquals(CloseCodes.GOING_AWAY, close.closeCode());
        }
        // elsewhere keepalive stays off: nothing arrives on a quiet connection
        try (Socket raw = Raw.open(server.port())) {
            raw.getOutputStream().write(Raw.upgrade("/other").getBytes(StandardCharsets.US_ASCII));
            InputStream in = raw.getInputStream();
            assertTrue(Raw.readHead(in).startsWith("HTTP/1.1 101 "));
            raw.setSoTimeout(700);
            assertThrows(SocketTimeoutException.class, () -> in.read());
        }
    }

    @Test
    void aRouteDropsIncomingPings() throws Exception {
        for (String path : List.of("/drop-pings", "/other")) {
            try (Socket raw = Raw.open(server.port())) {
                OutputStream out = raw.getOutputStream();
                InputStream in = raw.getInputStream();
                out.write(Raw.upgrade(path).getBytes(StandardCharsets.US_ASCII));
                assertTrue(Raw.readHead(in).startsWith("HTTP/1.1 101 "));
                out.write(Raw.clientFrame(0x89, "hello".getBytes(StandardCharsets.UTF_8)));
                out.write(Raw.clientFrame(0x81, "after".getBytes(StandardCharsets.UTF_8)));
                Raw.Frame first = Raw.readFrame(in);
                if (path.equals("/drop-pings")) {
                    assertEquals(0x81, first.b0(), "no pong, straight to the echo");
                } else {
                    assertEquals(0x8A, first.b0(), "a pong");
                    assertEquals(0x81, Raw.readFrame(in).b0());
                }
            }
        }
    }

    @Test
    void aRoutesCloseTimeoutCutsOffAPeerThatNeverAnswersClose() throws Exception {
        try (Socket raw = Raw.open(server.port())) {
            raw.getOutputStream().write(Raw.upgrade("/close-fast").getBytes(StandardCharsets.US_ASCII));
            InputStream in = raw.getInputStream();
            assertTrue(Raw.readHead(in).startsWith("HTTP/1.1 101 "));
            long t0 = System.nanoTime();
            assertEquals(0x88, Raw.readFrame(in).b0());
            assertEquals(-1, in.read(), "cut off"); // we never answer the close
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms < 5000, "cut off after " + ms + " ms");
        }
        // the server's close timeout (20 s) elsewhere: still waiting after a second
        try (Socket raw = Raw.open(server.port())) {
            raw.getOutputStream().write(Raw.upgrade("/close-slow").getBytes(StandardCharsets.US_ASCII));
            InputStream in = raw.getInputStream();
            assertTrue(Raw.readHead(in).startsWith("HTTP/1.1 101 "));
            assertEquals(0x88, Raw.readFrame(in).b0());
            raw.setSoTimeout(1000);
            assertThrows(SocketTimeoutException.class, () -> in.read());
        }
    }

    @Test
    void aConnectRequestOverridesTheClientsSettings() throws Exception {
        try (WebSocketServer open = WebSockets.serve(TestSupport.options().build(), TestSupport.ECHO)) {
            WebSocketClient roomy = WebSockets.client(ClientOptions.builder().maxMessageSize(1 << 20).build());
            Connection small = roomy.connect(TestSupport.uri(open, "/"), ConnectRequest.builder()
                    .overrides(ConnectionOverrides.builder().maxMessageSize(1000).build()).build());
            try (Connection normal = roomy.connect(TestSupport.uri(open, "/"))) {
                echoes(small, 1000);
                small.sendBinary(new byte[1001]); // echoed: too big for this connection of the client
                assertNull(small.receive());
                assertEquals(CloseCodes.MESSAGE_TOO_BIG,
                        small.closed().toCompletableFuture().get(10, TimeUnit.SECONDS).code());
                echoes(normal, 100_000);
            }
            Connection quiet = roomy.connect(TestSupport.uri(open, "/"), ConnectRequest.builder()
                    .overrides(ConnectionOverrides.builder().idleTimeout(Duration.ofMillis(200)).build()).build());
            CloseStatus st = quiet.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(CloseCodes.GOING_AWAY, st.code());
        }
    }

    @Test
    void overridesCombineMostSpecificLast() {
        ConnectionOverrides route = ConnectionOverrides.builder().maxMessageSize(10).idleTimeout(Duration.ofSeconds(1))
                .build();
        ConnectionOverrides hook = ConnectionOverrides.builder().maxMessageSize(20).build();
        ConnectionOverrides both = route.then(hook);
        assertEquals(20L, both.get(ConnectionSettings.MAX_MESSAGE_SIZE).orElseThrow());
        assertEquals(Duration.ofSeconds(1), both.get(ConnectionSettings.IDLE_TIMEOUT).orElseThrow());
        assertTrue(both.get(ConnectionSettings.MAX_FRAME_SIZE).isEmpty());
        assertTrue(ConnectionOverrides.none().isEmpty());
        assertEquals(route, route.then(ConnectionOverrides.none()));
        assertEquals(hook, ConnectionOverrides.none().then(hook));
        assertEquals("ConnectionOverrides[maxMessageSize=20, idleTimeout=PT1S]", both.toString());
        assertThrows(IllegalArgumentException.class, () -> ConnectionOverrides.builder().maxMessageSize(0));
        assertThrows(IllegalArgumentException.class,
                () -> ConnectionOverrides.builder().idleTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> ConnectionOverrides.builder().pongTimeout(Duration.ZERO));
        assertEquals(both, ServiceMapper.builder().route("/x", route, ServiceMapper.none(TestSupport.ECHO).with(hook))
                .build().select("/x", List.of()) instanceof ServiceMapper.Selected s ? s.overrides() : null);
    }

    @Test
    void aBystanderLosesNothingWhileOverriddenConnectionsAreRefused() throws Exception {
        Bystander b = Bystander.start(client, uri("/big"));
        for (int i = 0; i < 5; i++) {
            Connection c = client.connect(uri("/other"));
            refuses(c, 2000);
        }
        b.finish();
    }
}
