package net.websocket.whiteboard.internal;

import static net.websocket.whiteboard.internal.WhiteboardRuntimeTest.greeter;
import static net.websocket.whiteboard.internal.WhiteboardRuntimeTest.props;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import net.websocket.api.Connection;
import net.websocket.api.Handler;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.api.Listener;
import net.websocket.api.WebSocketClient;
import net.websocket.api.whiteboard.WebSocketWhiteboard;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ClientOptions;
import net.websocket.runtime.ServerOptions;
import net.websocket.runtime.VariantSource;
import net.websocket.upgrade.Handshake;
import net.websocket.upgrade.UpgradeServer;
import net.websocket.whiteboard.WhiteboardConfiguration;
import net.websocket.whiteboard.runtime.dto.RuntimeDTO;
import net.websocket.whiteboard.runtime.dto.ServerDTO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The server {@code http-whiteboard}, run while endpoints ask for the HTTP whiteboard's port: the whiteboard without
 * a framework, whose bundle context records the services it registers, and handshakes decided by the offered
 * {@link UpgradeServer} as the HTTP whiteboard's servlet would have them decided.
 */
class OnDemandHttpServerTest {

    private static final String HTTP = WebSocketWhiteboard.HTTP_WHITEBOARD_SERVER;

    private final Registry registry = new Registry();
    private WhiteboardRuntime runtime;

    @BeforeEach
    void start() {
        runtime = withVariant(new WhiteboardRuntime());
        runtime.activate(registry.context());
    }

    private static WhiteboardRuntime withVariant(WhiteboardRuntime r) {
        r.addVariant(VariantSource.serviceLoader().variants().stream()
                .filter(v -> v.name().equals("rfc6455")).findFirst().orElseThrow(), props());
        return r;
    }

    @AfterEach
    void stop() {
        runtime.deactivate();
    }

    /** A registered service, as the bundle context saw it. */
    private static final class Registered {
        final Object service;
        volatile Dictionary<String, ?> props;
        volatile int updates;
        volatile boolean unregistered;

        Registered(Object service, Dictionary<String, ?> props) {
            this.service = service;
            this.props = props;
        }
    }

    /** A bundle context that only registers services, and remembers them. */
    private static final class Registry {
        final List<Registered> all = new CopyOnWriteArrayList<>();

        BundleContext context() {
            return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("registerService")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        @SuppressWarnings("unchecked")
                        Registered r = new Registered(args[1], (Dictionary<String, ?>) args[2]);
                        all.add(r);
                        return registration(r);
                    });
        }

        private ServiceRegistration<?> registration(Registered r) {
            return (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                        if (r.unregistered) {
                            throw new IllegalStateException("unregistered");
                        }
                        switch (method.getName()) {
                            case "setProperties" -> {
                                @SuppressWarnings("unchecked")
                                Dictionary<String, ?> p = (Dictionary<String, ?>) args[0];
                                r.props = p;
                                r.updates++;
                            }
                            case "unregister" -> r.unregistered = true;
                            default -> throw new UnsupportedOperationException(method.getName());
                        }
                        return null;
                    });
        }

        /** The services registered now. */
        List<Registered> live() {
            return all.stream().filter(r -> !r.unregistered).toList();
        }

        /** The one offer registered now. */
        Registered offer() {
            List<Registered> live = live();
            assertEquals(1, live.size(), "one offer");
            return live.get(0);
        }
    }

    /** The status the offered server answers an RFC 6455 handshake for this path with (the handshake abandoned). */
    private static int status(Registered offer, String path) {
        HandshakeRequest request = new HandshakeRequest("GET", path, "HTTP/1.1", Headers.builder()
                .add("Host", "127.0.0.1:8080").add("Upgrade", "websocket").add("Connection", "Upgrade")
                .add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").add("Sec-WebSocket-Version", "13").build(),
                new InetSocketAddress("127.0.0.1", 50000), new InetSocketAddress("127.0.0.1", 8080), false);
        Handshake h = ((UpgradeServer) offer.service).handshake(request);
        if (h.accepted()) {
            h.abandon();
        }
        return h.status();
    }

    private static String[] patterns(Registered offer) {
        return (String[]) offer.props.get(WhiteboardConfiguration.HTTP_WHITEBOARD_PATTERN);
    }

    private boolean runs() {
        return runtime.servers().stream().anyMatch(s -> s.name().equals(HTTP));
    }

    @Test
    void anEndpointThatAsksStartsTheServerAndTheLastOneGoingStopsIt() {
        Handler plain = greeter("plain");
        runtime.addHandler(plain, props(WebSocketWhiteboard.PATH, "/echo"));
        assertTrue(registry.live().isEmpty(), "no endpoint asks for the HTTP port yet");
        assertTrue(!runs());

        Map<String, Object> chatProps = props(WebSocketWhiteboard.PATH, "/chat", WebSocketWhiteboard.HTTP_WHITEBOARD,
                true);
        Handler chat = greeter("chat");
        runtime.addHandler(chat, chatProps);
        Registered offer = registry.offer();
        assertEquals(HTTP, offer.props.get(WebSocketWhiteboard.SERVER));
        assertNull(offer.props.get(WhiteboardConfiguration.SERVER_PID));
        assertNull(offer.props.get(WhiteboardConfiguration.HTTP_WHITEBOARD_CONTEXT_SELECT));
        assertArrayEquals(new String[] {"/chat"}, patterns(offer));
        assertEquals(101, status(offer, "/chat"));
        assertEquals(404, status(offer, "/echo"), "an endpoint that did not ask is not on the HTTP port");

        runtime.removeHandler(chat, chatProps);
        assertTrue(offer.unregistered, "the offer is withdrawn with the last endpoint that asked");
        assertTrue(!runs());
        assertTrue(!((UpgradeServer) offer.service).isRunning());
    }

    @Test
    void severalEndpointsShareTheOneOfferWhosePatternsFollowThem() {
        Map<String, Object> chatProps = props(WebSocketWhiteboard.PATH, "/chat", WebSocketWhiteboard.HTTP_WHITEBOARD,
                true);
        Handler chat = greeter("chat");
        runtime.addHandler(chat, chatProps);
        Registered offer = registry.offer();
        runtime.addListener(new Listener() {
        }, props(WebSocketWhiteboard.PATH, "/rooms/[a-z]+", WebSocketWhiteboard.HTTP_WHITEBOARD, "true"));
        assertSame(offer, registry.offer(), "the same server, the same service");
        assertArrayEquals(new String[] {"/chat", "/rooms/*"}, patterns(offer));
        assertEquals(1, offer.updates);
        assertEquals(101, status(offer, "/rooms/lobby"));
        assertEquals(404, status(offer, "/rooms/Lobby"), "the expression decides within the pattern");

        runtime.removeHandler(chat, chatProps);
        assertSame(offer, registry.offer());
        assertArrayEquals(new String[] {"/rooms/*"}, patterns(offer));
        assertEquals(404, status(offer, "/chat"));
    }

    @Test
    void aConfigurationOfTheNameReplacesTheServerWhileItExists() {
        runtime.addHandler(greeter("chat"), props(WebSocketWhiteboard.PATH, "/chat",
                WebSocketWhiteboard.HTTP_WHITEBOARD, true));
        Registered first = registry.offer();
        runtime.configured(HTTP, true);
        assertTrue(first.unregistered);
        assertTrue(!runs());
        runtime.configured("another", true);
        runtime.configured(HTTP, false);
        Registered second = registry.offer();
        assertTrue(second != first);
        assertEquals(101, status(second, "/chat"));
    }

    @Test
    void anEndpointOnItsOwnServerAndOnTheHttpPort() throws Exception {
        ServerHandle main = runtime.startServer("main", null, ServerOptions.builder()
                .address(new InetSocketAddress("127.0.0.1", 0)).ioThreads(1).build());
        runtime.addHandler(greeter("both"), props(WebSocketWhiteboard.PATH, "/both",
                WebSocketWhiteboard.SERVER, "main", WebSocketWhiteboard.HTTP_WHITEBOARD, true));
        assertEquals(101, status(registry.offer(), "/both"));
        WebSocketClient client = WebSockets.client(ClientOptions.builder().closeTimeout(Duration.ofSeconds(3))
                .build());
        try (Connection c = client.connect(URI.create("ws://127.0.0.1:" + main.server().port() + "/both"))) {
            assertEquals("both", c.receiveText());
        }
    }

    @Test
    void theRuntimeDtoShowsTheServerOnDemandAndWhatAskedForIt() {
        runtime.addHandler(greeter("chat"), props(WebSocketWhiteboard.PATH, "/chat",
                WebSocketWhiteboard.HTTP_WHITEBOARD, true));
        RuntimeDTO dto = new RuntimeDtos(runtime).getRuntimeDTO();
        ServerDTO s = dto.servers[0];
        assertEquals(HTTP, s.name);
        assertEquals(RuntimeDtos.HTTP_WHITEBOARD_ADDRESS, s.address);
        assertNull(s.pid);
        assertTrue(s.running);
        assertArrayEquals(new String[] {"/chat"}, s.routes);
        assertArrayEquals(new String[] {"/chat"}, s.servletPatterns);
        assertNull(s.servletContextSelect);
        assertArrayEquals(new String[] {HTTP}, dto.endpoints[0].servers);
        // a second endpoint, an expression: the offer's patterns follow, and ws:servers prints them
        runtime.addHandler(greeter("rooms"), props(WebSocketWhiteboard.PATH, "/rooms/[a-z]+",
                WebSocketWhiteboard.HTTP_WHITEBOARD, true));
        ServerDTO after = new RuntimeDtos(runtime).getRuntimeDTO().servers[0];
        assertArrayEquals(patterns(registry.offer()), after.servletPatterns);
        assertArrayEquals(new String[] {"/chat", "/rooms/*"}, after.servletPatterns);
        String table = new Commands(runtime).servers();
        assertTrue(table.contains(RuntimeDtos.HTTP_WHITEBOARD_ADDRESS + " " + String.join(",", after.servletPatterns)),
                table);
    }

    @Test
    void theServerStopsWithTheWhiteboard() {
        runtime.addHandler(greeter("chat"), props(WebSocketWhiteboard.PATH, "/chat",
                WebSocketWhiteboard.HTTP_WHITEBOARD, true));
        Registered offer = registry.offer();
        runtime.deactivate();
        assertTrue(offer.unregistered);
        assertTrue(!((UpgradeServer) offer.service).isRunning());
    }

    @Test
    void nothingStartsBeforeTheWhiteboardIsActive() {
        runtime.deactivate();
        WhiteboardRuntime fresh = withVariant(new WhiteboardRuntime());
        fresh.addHandler(greeter("chat"), props(WebSocketWhiteboard.PATH, "/chat",
                WebSocketWhiteboard.HTTP_WHITEBOARD, true));
        assertTrue(fresh.servers().isEmpty(), "greedy references are bound before activation");
        Registry other = new Registry();
        fresh.activate(other.context());
        try {
            assertEquals(101, status(other.offer(), "/chat"));
        } finally {
            fresh.deactivate();
        }
    }
}
