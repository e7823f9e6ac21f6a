package net.websocket.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Client configuration (Jakarta WebSocket 2.1, section 3.2: subprotocols, the configurator's {@code beforeRequest}
 * and {@code afterResponse}), programmatic client endpoints (section 2.1.1), the container's defaults and
 * {@link ContainerProvider} (the Javadoc of {@link WebSocketContainer} and {@link ContainerProvider}), against this
 * module's server container.
 */
public class ClientConfigurationTest {

    static final long WAIT = 10;

    /** A programmatic client endpoint: queues the text messages and the close it gets. */
    public static class Texts extends Endpoint {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, texts::add);
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closed.complete(reason);
        }
    }

    /** The server side: copies the request's X-Token into the response's X-Token-Seen. */
    public static class Mirror extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            List<String> token = request.getHeaders().get("X-Token");
            response.getHeaders().put("X-Token-Seen", List.of(token == null ? "none" : token.get(0)));
        }
    }

    /** The client's configurator: adds X-Token, keeps the response's headers. */
    public static class Token extends ClientEndpointConfig.Configurator {
        final CompletableFuture<Map<String, List<String>>> response = new CompletableFuture<>();
        volatile List<String> protocolBefore;

        @Override
        public void beforeRequest(Map<String, List<String>> headers) {
            protocolBefore = headers.get("Sec-WebSocket-Protocol");
            headers.put("X-Token", List.of("t-42"));
        }

        @Override
        public void afterResponse(HandshakeResponse hr) {
            response.complete(hr.getHeaders());
        }
    }

    static JakartaServerContainer server;
    static JakartaClientContainer client;

    @BeforeAll
    static void start() throws Exception {
        server = Servers.serve(
                ServerEndpointConfig.Builder.create(ConfigurationTest.Echo.class, "/chat")
                        .subprotocols(List.of("v1", "v2")).build(),
                ServerEndpointConfig.Builder.create(ConfigurationTest.Echo.class, "/mirror")
                        .configurator(new Mirror()).build(),
                TyrusInteropTest.Echo.class);
        client = new JakartaClientContainer();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    /**
     * 2.1.1 and 3.2: a programmatic endpoint with a configuration connects; the handlers it adds in onOpen get the
     * messages; the configuration passed to onOpen is the one given.
     */
    @Test
    void aProgrammaticEndpointConnectsWithItsConfiguration() throws Exception {
        Texts t = new Texts();
        Session s = client.connectToServer(t, ClientEndpointConfig.Builder.create().build(),
                Servers.uri(server, "/interop-echo"));
        s.getBasicRemote().sendText("programmatic");
        assertEquals("programmatic", t.texts.poll(WAIT, TimeUnit.SECONDS));
        s.getAsyncRemote().sendText("async").get(WAIT, TimeUnit.SECONDS);
        assertEquals("async", t.texts.poll(WAIT, TimeUnit.SECONDS));
        s.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "done"));
        assertEquals(1000, t.closed.get(WAIT, TimeUnit.SECONDS).getCloseCode().getCode());
    }

    /**
     * 3.2.1: the preferred subprotocols are offered in their order; the server chooses one it supports (its order
     * is the client's preference here) and the session reports it.
     */
    @Test
    void thePreferredSubprotocolsAreOfferedInOrder() throws Exception {
        Token configurator = new Token();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of("v3", "v2", "v1")).configurator(configurator).build();
        Texts t = new Texts();
        Session s = client.connectToServer(t, config, Servers.uri(server, "/chat"));
        assertEquals(List.of("v3", "v2", "v1"), configurator.protocolBefore);
        assertEquals("v2", s.getNegotiatedSubprotocol());
        s.getBasicRemote().sendText("hi");
        assertEquals("hi null 1 v2", t.texts.poll(WAIT, TimeUnit.SECONDS));
        s.close();
    }

    /**
     * 3.2.2 (Configurator): beforeRequest adds a request header the server sees; afterResponse sees the headers of
     * the handshake response, before connectToServer returns.
     */
    @Test
    void beforeRequestAndAfterResponseSeeTheHandshake() throws Exception {
        Token configurator = new Token();
        Session s = client.connectToServer(Texts.class,
                ClientEndpointConfig.Builder.create().configurator(configurator).build(),
                Servers.uri(server, "/mirror"));
        assertTrue(configurator.response.isDone(), "afterResponse runs before the session is returned");
        Map<String, List<String>> headers = configurator.response.get();
        assertEquals(List.of("t-42"), headers.get("X-Token-Seen"));
        assertEquals(List.of("t-42"), headers.get("x-token-seen"), "header names without regard to case");
        assertNotNull(headers.get("Sec-WebSocket-Accept"));
        s.close();
    }

    /**
     * WebSocketContainer Javadoc: the container's text buffer size is the sessions' default, and a larger message
     * closes the session with 1009; the idle timeout closes an idle session; the async send timeout is the
     * sessions'.
     */
    @Test
    void containerDefaultsBecomeTheSessionsSettings() throws Exception {
        JakartaClientContainer small = new JakartaClientContainer();
        small.setDefaultMaxTextMessageBufferSize(10);
        small.setAsyncSendTimeout(1234);
        Texts t = new Texts();
        Session s = small.connectToServer(t, null, Servers.uri(server, "/interop-echo"));
        assertEquals(10, s.getMaxTextMessageBufferSize());
        assertEquals(1234, s.getAsyncRemote().getSendTimeout());
        s.getBasicRemote().sendText("short");
        assertEquals("short", t.texts.poll(WAIT, TimeUnit.SECONDS));
        s.getBasicRemote().sendText("longer than ten");
        assertEquals(1009, t.closed.get(WAIT, TimeUnit.SECONDS).getCloseCode().getCode());

        JakartaClientContainer idle = new JakartaClientContainer();
        idle.setDefaultMaxSessionIdleTimeout(300);
        Texts quiet = new Texts();
        Session q = idle.connectToServer(quiet, null, Servers.uri(server, "/interop-echo"));
        assertEquals(300, q.getMaxIdleTimeout());
        CloseReason r = quiet.closed.get(WAIT, TimeUnit.SECONDS);
        assertEquals(1001, r.getCloseCode().getCode(), r.toString());
    }

    /**
     * ContainerProvider Javadoc: getWebSocketContainer finds this implementation through ServiceLoader (here on the
     * class path; ModulePathTest in examples covers the module path), and the container it gives connects.
     */
    @Test
    void containerProviderFindsThisContainer() throws Exception {
        WebSocketContainer c = ContainerProvider.getWebSocketContainer();
        assertTrue(c.getClass().getName().startsWith("net.websocket.jakarta."), c.getClass().getName());
        Texts t = new Texts();
        Session s = c.connectToServer(t, ClientEndpointConfig.Builder.create().build(),
                Servers.uri(server, "/interop-echo"));
        s.getBasicRemote().sendText("found");
        assertEquals("found", t.texts.poll(WAIT, TimeUnit.SECONDS));
        s.close();
    }

    /** 2.1.3 on a client: a handler of a type is added and removed like on a server. */
    @Test
    void handlersAreAddedAndRemoved() throws Exception {
        Texts t = new Texts();
        Session s = client.connectToServer(t, null, Servers.uri(server, "/interop-echo"));
        assertEquals(1, s.getMessageHandlers().size());
        MessageHandler h = s.getMessageHandlers().iterator().next();
        s.removeMessageHandler(h);
        assertEquals(0, s.getMessageHandlers().size());
        s.getBasicRemote().sendText("no handler now");
        assertEquals(1003, t.closed.get(WAIT, TimeUnit.SECONDS).getCloseCode().getCode());
    }

}
