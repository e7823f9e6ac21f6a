package net.websocket.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import net.websocket.jakarta.internal.DefaultConfigurator;

/**
 * Server configuration (Jakarta WebSocket 2.1, chapter 3, and programmatic endpoints, section 2.1.1), driven by the
 * Tyrus client.
 */
public class ConfigurationTest {

    /** A programmatic endpoint: echoes with what the handshake stored in its configuration's user properties. */
    public static class Echo extends Endpoint {
        private int messages;

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> {
                messages++;
                try {
                    session.getBasicRemote().sendText(text + " " + config.getUserProperties().get("agent") + " "
                            + messages + " " + session.getNegotiatedSubprotocol());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    /** A configurator that checks origins, changes the handshake and hands out one shared instance. */
    public static class Custom extends ServerEndpointConfig.Configurator {
        static final Echo SHARED = new Echo();

        @Override
        public boolean checkOrigin(String origin) {
            return origin == null || !origin.contains("evil");
        }

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            List<String> agent = request.getHeaders().get("x-agent");
            sec.getUserProperties().put("agent", agent == null ? "none" : agent.get(0));
            response.getHeaders().put("X-Seen", List.of(request.getRequestURI().getPath()));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return (T) SHARED;
        }
    }

    /** Chooses the last subprotocol the client requested that the endpoint supports, not the first. */
    public static class LastSupported extends ServerEndpointConfig.Configurator {
        @Override
        public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
            String chosen = "";
            for (String r : requested) {
                chosen = supported.contains(r) ? r : chosen;
            }
            return chosen;
        }
    }

    /** Chooses a subprotocol the client never offered: a broken configurator. */
    public static class Unoffered extends ServerEndpointConfig.Configurator {
        @Override
        public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
            return "never-offered";
        }
    }

    static JakartaServerContainer container;

    @BeforeAll
    static void start() throws Exception {
        container = Servers.serve(
                ServerEndpointConfig.Builder.create(Echo.class, "/programmatic").build(),
                ServerEndpointConfig.Builder.create(Echo.class, "/custom").configurator(new Custom()).build(),
                ServerEndpointConfig.Builder.create(Echo.class, "/chat").subprotocols(List.of("v2", "v1")).build(),
                ServerEndpointConfig.Builder.create(Echo.class, "/last").subprotocols(List.of("v1", "v2"))
                        .configurator(new LastSupported()).build(),
                ServerEndpointConfig.Builder.create(Echo.class, "/unoffered").configurator(new Unoffered())
                        .build());
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    /**
     * 2.1.1 programmatic endpoints: an Endpoint subclass deployed with a ServerEndpointConfig, a new instance per
     * connection by default (3.1.7), handlers added in onOpen.
     */
    @Test
    void programmaticEndpointsGetAnInstancePerConnection() throws Exception {
        try (TyrusPeer a = TyrusPeer.connect(Servers.uri(container, "/programmatic"));
                TyrusPeer b = TyrusPeer.connect(Servers.uri(container, "/programmatic"))) {
            a.send("x");
            assertEquals("x null 1 ", a.text());
            a.send("y");
            assertEquals("y null 2 ", a.text());
            b.send("z");
            assertEquals("z null 1 ", b.text());
        }
    }

    /** 3.1.7 customizing endpoint creation: getEndpointInstance's instance serves every connection. */
    @Test
    void getEndpointInstanceChoosesTheInstance() throws Exception {
        int before;
        try (TyrusPeer a = TyrusPeer.connect(Servers.uri(container, "/custom"))) {
            a.send("a");
            before = Integer.parseInt(a.text().split(" ")[2]);
        }
        try (TyrusPeer b = TyrusPeer.connect(Servers.uri(container, "/custom"))) {
            b.send("b");
            assertEquals(before + 1, Integer.parseInt(b.text().split(" ")[2]));
        }
    }

    /**
     * 3.1.5 handshake modification: modifyHandshake sees the request's headers and URI, its response headers reach
     * the client, and what it stores in the configuration's user properties is the session's (3.1.6).
     */
    @Test
    void modifyHandshakeSeesTheRequestAndChangesTheResponse() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/custom"),
                Map.of("X-Agent", List.of("tester")), List.of())) {
            Map<String, List<String>> headers = p.responseHeaders.get(TyrusPeer.WAIT_SECONDS,
                    java.util.concurrent.TimeUnit.SECONDS);
            String seen = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("X-Seen"))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
            assertEquals("/custom", seen);
            p.send("m");
            assertTrue(p.text().startsWith("m tester "));
        }
    }

    /** 3.1.4 origin check: an origin checkOrigin refuses gets 403, the handshake fails. */
    @Test
    void checkOriginRefusesTheHandshake() {
        Exception e = assertThrows(Exception.class, () -> TyrusPeer.connect(Servers.uri(container, "/custom"),
                Map.of("Origin", List.of("http://evil.example")), List.of()));
        assertTrue(String.valueOf(e.getCause()).contains("403") || String.valueOf(e).contains("403"), e.toString());
    }

    /** 3.1.2 subprotocol negotiation: the first subprotocol the client asks for that the endpoint supports. */
    @Test
    void theFirstRequestedSupportedSubprotocolIsChosen() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/chat"), Map.of(), List.of("v0", "v1", "v2"))) {
            assertEquals("v1", p.session.getNegotiatedSubprotocol());
            p.send("s");
            assertEquals("s null 1 v1", p.text());
        }
    }

    /**
     * 3.1.2: an endpoint that supports none of the requested subprotocols, or none at all, accepts the handshake
     * without choosing one (the response names no subprotocol; the session's is the empty string).
     */
    @Test
    void withoutASupportedSubprotocolTheHandshakeIsAcceptedWithNone() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/programmatic"), Map.of(), List.of("v9", "v8"))) {
            assertEquals("", p.session.getNegotiatedSubprotocol());
            p.send("n");
            assertEquals("n null 1 ", p.text());
        }
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/chat"), Map.of(), List.of("v0"))) {
            assertEquals("", p.session.getNegotiatedSubprotocol());
            p.send("o");
            assertEquals("o null 1 ", p.text());
        }
    }

    /**
     * 3.1.2: the configurator's getNegotiatedSubprotocol is the answer, here another of the requested and supported
     * subprotocols than the first; one the client did not offer fails the handshake (500).
     */
    @Test
    void theConfiguratorsSubprotocolIsTheAnswer() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/last"), Map.of(), List.of("v1", "v0", "v2"))) {
            assertEquals("v2", p.session.getNegotiatedSubprotocol());
            p.send("l");
            assertEquals("l null 1 v2", p.text());
        }
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/last"), Map.of(), List.of("v1"))) {
            assertEquals("v1", p.session.getNegotiatedSubprotocol());
        }
        Exception e = assertThrows(Exception.class, () -> TyrusPeer.connect(Servers.uri(container, "/unoffered"),
                Map.of(), List.of("v1")));
        assertTrue(String.valueOf(e.getCause()).contains("500") || String.valueOf(e).contains("500"), e.toString());
    }

    /**
     * ServerEndpointConfig.Configurator: the container's default configurator is found through ServiceLoader, as
     * the API's own Configurator finds it; its rules are those of section 3.1.
     */
    @Test
    void theDefaultConfiguratorIsFoundThroughServiceLoader() throws Exception {
        ServerEndpointConfig.Configurator plain = new ServerEndpointConfig.Configurator();
        assertEquals("b", plain.getNegotiatedSubprotocol(List.of("a", "b"), List.of("c", "b", "a")));
        assertEquals("", plain.getNegotiatedSubprotocol(List.of("a"), List.of("c")));
        assertTrue(plain.checkOrigin("http://anything"));
        assertInstanceOf(Echo.class, plain.getEndpointInstance(Echo.class));
        assertInstanceOf(DefaultConfigurator.class,
                java.util.ServiceLoader.load(ServerEndpointConfig.Configurator.class).findFirst().orElseThrow());
    }

    /** WebSocketContainer defaults: the buffer size set before start is each session's (and the connection's). */
    @Test
    void containerDefaultsBecomeTheSessionsSettings() throws Exception {
        JakartaServerContainer c = new JakartaServerContainer();
        c.setDefaultMaxTextMessageBufferSize(64);
        c.addEndpoint(ServerEndpointConfig.Builder.create(SizeReporter.class, "/size").build());
        c.start(Servers.loopback());
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(c, "/size"))) {
            p.send("?");
            assertEquals("64", p.text());
            p.send("x".repeat(65));
            assertEquals(1009, p.closeReason().getCloseCode().getCode());
        } finally {
            c.close();
        }
        assertThrows(jakarta.websocket.DeploymentException.class,
                () -> c.addEndpoint(ServerEndpointConfig.Builder.create(Echo.class, "/late").build()));
    }

    /**
     * WebSocketContainer.setDefaultMaxSessionIdleTimeout: set before the start, it is each session's idle timeout,
     * and a session that receives nothing for that long is closed (1001, going away).
     */
    @Test
    void theContainersIdleTimeoutClosesAnIdleSession() throws Exception {
        JakartaServerContainer c = new JakartaServerContainer();
        c.setDefaultMaxSessionIdleTimeout(300);
        c.addEndpoint(ServerEndpointConfig.Builder.create(SizeReporter.class, "/idle").build());
        c.start(Servers.loopback());
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(c, "/idle"))) {
            assertEquals(300, c.getDefaultMaxSessionIdleTimeout());
            assertEquals(1001, p.closeReason().getCloseCode().getCode());
        } finally {
            c.close();
        }
    }

    /** Reports its session's text buffer size. */
    public static class SizeReporter extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(new MessageHandler.Whole<String>() {
                @Override
                public void onMessage(String text) {
                    try {
                        session.getBasicRemote().sendText(String.valueOf(session.getMaxTextMessageBufferSize()));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
        }
    }
}
