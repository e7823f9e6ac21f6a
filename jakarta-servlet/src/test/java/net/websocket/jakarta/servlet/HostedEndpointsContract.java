package net.websocket.jakarta.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The Jakarta container inside one embedded servlet container (a subclass each), through
 * {@link JakartaServletInitializer}, with the JDK's WebSocket client (Jakarta WebSocket 2.1, chapter 6): the web
 * application's {@code @ServerEndpoint} with its path parameter across the context path, its decoder and encoder; an
 * endpoint a listener added through the servlet context attribute; {@code upgradeHttpToWebSocket}; a plain servlet
 * beside; the authenticated user, its roles and the HTTP session of the upgrade request in {@code modifyHandshake}
 * and the session; the closing of the sessions when the application is undeployed (last).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(60)
abstract class HostedEndpointsContract {

    private static final long WAIT_SECONDS = 20;

    private HostingContainer container;
    private final HttpClient http = HttpClient.newHttpClient();

    /** {@return the container under test, started} */
    abstract HostingContainer start() throws Exception;

    @BeforeAll
    void startContainer() throws Exception {
        container = start();
    }

    @AfterAll
    void stopContainer() throws Exception {
        container.close();
    }

    private URI uri(String scheme, String path) {
        return URI.create(scheme + "://127.0.0.1:" + container.port() + path);
    }

    /** What the client received, in order: whole texts, then {@code close <code>}. */
    private static final class Received implements WebSocket.Listener {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            events.add("close " + statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            events.add("error " + error);
        }

        String next() throws InterruptedException {
            String e = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            return e == null ? "nothing within " + WAIT_SECONDS + " s" : e;
        }
    }

    private WebSocket connect(String path, Received received) throws Exception {
        return http.newWebSocketBuilder().buildAsync(uri("ws", path), received).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    @Order(1)
    void annotatedEndpointWithPathParameterAcrossTheContextPathDecoderAndEncoder() throws Exception {
        Received r = new Received();
        WebSocket ws = connect("/app/rooms/lobby", r);
        assertEquals("joined lobby", r.next());
        ws.sendText("hi there", true).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals("<lobby: HI THERE>", r.next());
        ws.sendClose(1000, "").get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals("close 1000", r.next());
    }

    @Test
    @Order(2)
    void endpointAddedByAListenerThroughTheServletContextAttribute() throws Exception {
        assertEchoes("/app/programmatic", "one", "echo one {}");
    }

    @Test
    @Order(3)
    void upgradeHttpToWebSocketFromAServlet() throws Exception {
        assertEchoes("/app/adhoc?name=given", "two", "echo two {name=given}");
    }

    /** Connects to {@code path}, sends {@code text}, expects {@code answer}, closes with 1000. */
    private void assertEchoes(String path, String text, String answer) throws Exception {
        Received r = new Received();
        WebSocket ws = connect(path, r);
        ws.sendText(text, true).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(answer, r.next());
        ws.sendClose(1000, "").get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals("close 1000", r.next());
    }

    @Test
    @Order(4)
    void plainServletAnswersBesideAndOtherRequestsPassDownTheChain() throws Exception {
        HttpResponse<String> hello = http.send(HttpRequest.newBuilder(uri("http", "/app/hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, hello.statusCode());
        assertEquals("hello", hello.body());
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(uri("http", "/app/rooms/lobby")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, plain.statusCode(), "a request that is no upgrade goes to the servlets (none there)");
    }

    @Test
    @Order(5)
    void pathsOutsideTheContextOrWithoutEndpointAreNotUpgraded() {
        for (String path : new String[] {"/rooms/lobby", "/app/nowhere"}) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> http.newWebSocketBuilder().buildAsync(uri("ws", path), new Received())
                            .get(WAIT_SECONDS, TimeUnit.SECONDS), path);
            Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
            assertTrue(cause instanceof WebSocketHandshakeException, path + ": " + cause);
            assertEquals(404, ((WebSocketHandshakeException) cause).getResponse().statusCode(), path);
        }
    }

    @Test
    @Order(6)
    void theEndpointSeesTheAuthenticatedUserItsRolesAndTheHttpSession() throws Exception {
        String credentials = "Basic " + Base64.getEncoder().encodeToString(
                (TestWebApp.USER + ":" + TestWebApp.PASSWORD).getBytes(StandardCharsets.UTF_8));
        TestWebApp.Authenticates.SESSIONS.clear();
        Received r = new Received();
        WebSocket ws = http.newWebSocketBuilder().header("Authorization", credentials)
                .buildAsync(uri("ws", "/app/secure/whoami"), r).get(WAIT_SECONDS, TimeUnit.SECONDS);
        String session = TestWebApp.Authenticates.SESSIONS.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(session, "the filter made an HTTP session");
        assertEquals("handshake alice chat=true admin=false httpSession=" + session, r.next(),
                "modifyHandshake's HandshakeRequest");
        ws.sendText("who?", true).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals("session alice", r.next(), "Session#getUserPrincipal after the handshake");
        ws.sendClose(1000, "").get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals("close 1000", r.next());

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> http.newWebSocketBuilder().buildAsync(uri("ws", "/app/secure/whoami"), new Received())
                        .get(WAIT_SECONDS, TimeUnit.SECONDS));
        Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
        assertTrue(cause instanceof WebSocketHandshakeException, String.valueOf(cause));
        assertEquals(401, ((WebSocketHandshakeException) cause).getResponse().statusCode(), "no credentials");
    }

    @Test
    @Order(100)
    void undeployingTheApplicationClosesItsSessionsWith1001() throws Exception {
        Received r = new Received();
        connect("/app/rooms/bye", r);
        assertEquals("joined bye", r.next());
        container.undeploy();
        assertEquals("close 1001", r.next());
    }
}
