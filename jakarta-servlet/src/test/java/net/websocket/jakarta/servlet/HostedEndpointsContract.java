package net.websocket.jakarta.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import net.websocket.testsupport.JdkWebSocketRecorder;

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

    private JdkWebSocketRecorder connect(String path) throws Exception {
        return new JdkWebSocketRecorder(Duration.ofSeconds(WAIT_SECONDS)).connect(http.newWebSocketBuilder(),
                uri("ws", path));
    }

    @Test
    @Order(1)
    void annotatedEndpointWithPathParameterAcrossTheContextPathDecoderAndEncoder() throws Exception {
        JdkWebSocketRecorder r = connect("/app/rooms/lobby");
        assertEquals("joined lobby", r.nextText());
        r.socket().sendText("hi there", true).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals("<lobby: HI THERE>", r.nextText());
        r.socket().sendClose(1000, "").get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(1000, r.awaitClose());
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
        JdkWebSocketRecorder r = connect(path);
        r.socket().sendText(text, true).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(answer, r.nextText());
        r.socket().sendClose(1000, "").get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(1000, r.awaitClose());
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
                    () -> connect(path), path);
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
        JdkWebSocketRecorder r = new JdkWebSocketRecorder(Duration.ofSeconds(WAIT_SECONDS))
                .connect(http.newWebSocketBuilder().header("Authorization", credentials),
                        uri("ws", "/app/secure/whoami"));
        String session = TestWebApp.Authenticates.SESSIONS.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(session, "the filter made an HTTP session");
        assertEquals("handshake alice chat=true admin=false httpSession=" + session, r.nextText(),
                "modifyHandshake's HandshakeRequest");
        r.socket().sendText("who?", true).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals("session alice", r.nextText(), "Session#getUserPrincipal after the handshake");
        r.socket().sendClose(1000, "").get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(1000, r.awaitClose());

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> connect("/app/secure/whoami"));
        Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
        assertTrue(cause instanceof WebSocketHandshakeException, String.valueOf(cause));
        assertEquals(401, ((WebSocketHandshakeException) cause).getResponse().statusCode(), "no credentials");
    }

    @Test
    @Order(100)
    void undeployingTheApplicationClosesItsSessionsWith1001() throws Exception {
        JdkWebSocketRecorder r = connect("/app/rooms/bye");
        assertEquals("joined bye", r.nextText());
        container.undeploy();
        assertEquals(1001, r.awaitClose());
    }
}
