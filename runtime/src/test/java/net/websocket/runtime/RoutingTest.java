package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.Handler;
import net.websocket.api.HandshakeDecision;
import net.websocket.api.HandshakeException;
import net.websocket.api.Headers;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/** Routing by path and subprotocol through the service mapper, and the handshake hook. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RoutingTest {

    static WebSocketServer server;
    static WebSocketClient client;
    static final BlockingQueue<String> hookThreads = new ArrayBlockingQueue<>(100);

    /** Tells the client which endpoint it reached, with the chosen subprotocol and the hook's state. */
    static Handler named(String name) {
        return c -> c.sendText(name + " " + c.subprotocol().orElse("-") + " " + c.state() + " "
                + String.join(",", c.offeredSubprotocols()));
    }

    @BeforeAll
    static void start() throws Exception {
        ServiceMapper mapper = ServiceMapper.builder()
                .route("/chat", ServiceMapper.subprotocols(List.of("a", "b"), named("AB")),
                        ServiceMapper.subprotocol("c", named("C")),
                        ServiceMapper.none(named("NONE")))
                .route("/only", ServiceMapper.subprotocol("x", named("X")))
                .route("/mixed", ServiceMapper.entry(List.of("m"), true, named("M")))
                .route("/chat.*", ServiceMapper.none(named("CHATSTAR")))
                .route("/hook/.*", ServiceMapper.none(named("HOOKED")))
                .route("/any", ServiceMapper.any(named("ANY")), ServiceMapper.subprotocol("a", named("A")))
                .route("/pick", ServiceMapper.entry(List.of("a", "b"), true, named("PICK")),
                        ServiceMapper.any(named("PICKANY")))
                .build();
        server = WebSockets.serve(TestSupport.options().handshakeHook(request -> {
            hookThreads.add(Thread.currentThread().getName());
            String path = request.path();
            if (path.equals("/hook/reject")) {
                return HandshakeDecision.reject(403, Headers.of("X-Why", "test"), "go away");
            }
            if (path.equals("/hook/fail")) {
                throw new IllegalStateException("hook failure (expected by the test)");
            }
            if (path.equals("/hook/state")) {
                return HandshakeDecision.accept(Headers.of("X-Hook", "yes", "Set-Cookie", "k=v"),
                        "state-" + request.query().orElse(""));
            }
            if (path.equals("/pick") && request.query().isPresent()) {
                String q = request.query().get();
                return ((HandshakeDecision.Accept) HandshakeDecision.accept()).withSubprotocol(q.equals("none") ? ""
                        : q);
            }
            return HandshakeDecision.accept();
        }).build(), mapper);
        client = TestSupport.client();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String reach(String path, String... subprotocols) throws Exception {
        try (Connection c = client.connect(TestSupport.uri(server, path),
                ConnectRequest.builder().subprotocols(subprotocols).timeout(Duration.ofSeconds(10)).build())) {
            String got = c.receiveText();
            String expected = got.split(" ")[1];
            assertEquals(expected.equals("-") ? Optional.empty() : Optional.of(expected), c.subprotocol());
            return got;
        }
    }

    private static int refusal(String path, String... subprotocols) {
        HandshakeException e = assertThrows(HandshakeException.class, () -> client.connect(
                TestSupport.uri(server, path), ConnectRequest.builder().subprotocols(subprotocols).build()));
        return e.status();
    }

    @Test
    void noRouteIs404() {
        assertEquals(404, refusal("/nowhere"));
    }

    @Test
    void noEntryForOfferedSubprotocolsIs400() {
        assertEquals(400, refusal("/only"));
        assertEquals(400, refusal("/only", "y"));
        assertEquals(400, refusal("/chat", "zzz"));
    }

    @Test
    void noneEntryServesClientsWithoutSubprotocol() throws Exception {
        assertEquals("NONE - null ", reach("/chat"));
        assertEquals("M - null ", reach("/mixed"));
        assertEquals("M m null m", reach("/mixed", "m"));
    }

    @Test
    void offeredTokensAreTriedInClientOrder() throws Exception {
        assertEquals("C c null c,a", reach("/chat", "c", "a"));
        assertEquals("AB a null a,c", reach("/chat", "a", "c"));
        assertEquals("AB b null zzz,b", reach("/chat", "zzz", "b"));
        assertEquals("X x null y,x", reach("/only", "y", "x"));
    }

    @Test
    void firstMatchingRouteWinsWholePathMatches() throws Exception {
        assertEquals("CHATSTAR - null ", reach("/chatroom"));
        assertEquals("NONE - null ", reach("/chat?x=1"), "the query is not part of the path");
    }

    @Test
    void anyEntryTakesUnlistedOffersWithoutChoosingOne() throws Exception {
        assertEquals("ANY - null x,y", reach("/any", "x", "y"));
        assertEquals("A a null x,a", reach("/any", "x", "a"), "a listed offer wins over the any entry");
        assertEquals("ANY - null ", reach("/any"));
    }

    @Test
    void theHookMayAnswerWithAnotherOfferedSubprotocolOrNone() throws Exception {
        assertEquals("PICK a null a,b", reach("/pick", "a", "b"), "the mapper's choice");
        assertEquals("PICK b null a,b", reach("/pick?b", "a", "b"));
        assertEquals("PICK - null a,b", reach("/pick?none", "a", "b"));
        assertEquals("PICKANY z null y,z", reach("/pick?z", "y", "z"), "the endpoint stays the mapper's");
        assertEquals(500, refusal("/pick?zzz", "a", "b"), "a subprotocol the client did not offer");
    }

    @Test
    void hookStateAndHeadersReachConnectionAndClient() throws Exception {
        try (Connection c = client.connect(TestSupport.uri(server, "/hook/state?q=7"))) {
            assertEquals("HOOKED - state-q=7 ", c.receiveText());
            assertEquals("yes", c.responseHeaders().get("X-Hook"));
            assertEquals("k=v", c.responseHeaders().get("Set-Cookie"));
        }
        String thread = hookThreads.poll(5, TimeUnit.SECONDS);
        assertFalse(thread.startsWith("ws-server-"), "hook ran on " + thread);
    }

    @Test
    void hookRejectionReachesClient() {
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> client.connect(TestSupport.uri(server, "/hook/reject")));
        assertEquals(403, e.status());
        assertEquals("test", e.responseHeaders().get("X-Why"));
        assertTrue(e.getMessage().contains("go away"), e.getMessage());
    }

    @Test
    void hookFailureIs500() {
        assertEquals(500, refusal("/hook/fail"));
    }

    @Test
    void connectionDescribesItsHandshake() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(), c -> {
            seen.set(c.isServer() + " " + c.path() + " " + c.query().orElse("") + " " + c.requestLine() + " "
                    + c.requestHeaders().get("X-Client") + " " + c.responseHeaders().get("Upgrade") + " "
                    + c.uri() + " " + c.remoteAddress().getAddress().getHostAddress());
            c.sendText("ok");
        })) {
            try (Connection c = client.connect(TestSupport.uri(s, "/p/q?a=b"),
                    ConnectRequest.builder().header("X-Client", "me").build())) {
                assertEquals("ok", c.receiveText());
                assertFalse(c.isServer());
                assertEquals("/p/q", c.path());
                assertEquals(Optional.of("a=b"), c.query());
                assertEquals("GET /p/q?a=b HTTP/1.1", c.requestLine());
                assertEquals("me", c.requestHeaders().get("X-Client"));
                assertEquals("websocket", c.responseHeaders().get("Upgrade").toLowerCase());
                assertEquals(s.port(), c.remoteAddress().getPort());
                assertTrue(c.signalsStatusOnClose());
            }
            assertEquals("true /p/q a=b GET /p/q?a=b HTTP/1.1 me websocket ws://127.0.0.1:" + s.port()
                    + "/p/q?a=b 127.0.0.1", seen.get());
        }
    }
}
