package net.websocket.whiteboard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import net.websocket.whiteboard.runtime.dto.ConnectionDTO;
import net.websocket.whiteboard.runtime.dto.EndpointDTO;
import net.websocket.whiteboard.runtime.dto.RuntimeDTO;
import net.websocket.whiteboard.runtime.dto.ServerDTO;
import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.ConnectionOverrides;
import net.websocket.api.ConnectionSetting;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.Handler;
import net.websocket.api.HandshakeDecision;
import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeHook;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.api.Listener;
import net.websocket.api.Message;
import net.websocket.api.WebSocketClient;
import net.websocket.api.spi.ClientHandshake;
import net.websocket.api.spi.ClientHandshakeRequest;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.api.spi.ServerHandshake;
import net.websocket.api.whiteboard.WebSocketWhiteboard;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ClientOptions;
import net.websocket.runtime.ServerOptions;
import net.websocket.runtime.VariantSource;
import net.websocket.whiteboard.WhiteboardConfiguration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whiteboard without a framework: the component's bind methods are called as SCR would, with service
 * properties, and real servers and clients talk over 127.0.0.1.
 */
class WhiteboardRuntimeTest {

    private static final AtomicLong IDS = new AtomicLong(1000);

    private WhiteboardRuntime runtime;
    private ServerHandle server;
    private final WebSocketClient client = WebSockets.client(
            ClientOptions.builder().closeTimeout(Duration.ofSeconds(3)).build());

    @BeforeEach
    void start() throws IOException {
        runtime = new WhiteboardRuntime();
        runtime.addVariant(variant("rfc6455"), props());
        runtime.addVariant(variant("hybi00"), props());
        server = runtime.startServer("main", null, options());
    }

    @AfterEach
    void stop() {
        runtime.deactivate();
    }

    /** A variant found on the module path (the variants are stateless: one instance may be registered twice). */
    private static ProtocolVariant variant(String name) {
        return VariantSource.serviceLoader().variants().stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow();
    }

    private static ServerOptions options() {
        return ServerOptions.builder().address(new InetSocketAddress("127.0.0.1", 0)).ioThreads(1)
                .closeTimeout(Duration.ofSeconds(3)).shutdownTimeout(Duration.ofSeconds(3)).build();
    }

    /** Service properties with a fresh service.id, then key/value pairs. */
    static Map<String, Object> props(Object... kv) {
        Map<String, Object> p = new HashMap<>();
        p.put(ServiceProps.SERVICE_ID, IDS.incrementAndGet());
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return p;
    }

    private URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.server().port() + path);
    }

    /** Greets with its name, then echoes. */
    static Handler greeter(String name) {
        return c -> {
            c.sendText(name);
            for (Message m; (m = c.receive()) != null;) {
                c.send(m);
            }
        };
    }

    private String greeting(String path, String... subprotocols) throws IOException {
        try (Connection c = client.connect(uri(path), ConnectRequest.builder().subprotocols(subprotocols).build())) {
            return c.receiveText();
        }
    }

    private static CloseStatus closeStatus(Connection c) throws Exception {
        return c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void routingFollowsRegistrations() throws Exception {
        HandshakeException e = assertThrows(HandshakeException.class, () -> greeting("/a"));
        assertEquals(404, e.status());

        Map<String, Object> aProps = props(WebSocketWhiteboard.PATH, "/a");
        Handler a = greeter("A");
        runtime.addHandler(a, aProps);
        assertEquals("A", greeting("/a"));

        // same path, higher ranking, a subprotocol: one route, entries in ranking order
        Map<String, Object> bProps = props(WebSocketWhiteboard.PATH, "/a", WebSocketWhiteboard.SUBPROTOCOL,
                new String[] {"x", "none"}, ServiceProps.SERVICE_RANKING, 5);
        Handler b = greeter("B");
        runtime.addHandler(b, bProps);
        assertEquals("B", greeting("/a"));
        assertEquals("B", greeting("/a", "x"));
        assertEquals(400, assertThrows(HandshakeException.class, () -> greeting("/a", "y")).status());

        // an open connection of B is closed with 1001 when B goes; then A serves again
        Connection open = client.connect(uri("/a"));
        assertEquals("B", open.receiveText());
        runtime.removeHandler(b, bProps);
        assertEquals(CloseCodes.GOING_AWAY, closeStatus(open).code());
        assertEquals("A", greeting("/a"));

        // property change: A moves to /moved
        aProps.put(WebSocketWhiteboard.PATH, "/moved");
        runtime.updateHandler(a, aProps);
        assertEquals(404, assertThrows(HandshakeException.class, () -> greeting("/a")).status());
        assertEquals("A", greeting("/moved"));
    }

    @Test
    void listenersAndServerNames() throws Exception {
        Listener echo = new Listener() {
            @Override
            public void onText(Connection c, String text) throws IOException {
                c.sendText("L:" + text);
            }
        };
        Map<String, Object> lProps = props(WebSocketWhiteboard.PATH, "/l.*", WebSocketWhiteboard.SUBPROTOCOLS,
                List.of("chat"));
        runtime.addListener(echo, lProps);
        runtime.addHandler(greeter("elsewhere"), props(WebSocketWhiteboard.PATH, "/other",
                WebSocketWhiteboard.SERVER, "another"));
        runtime.addHandler(greeter("here"), props(WebSocketWhiteboard.PATH, "/here", WebSocketWhiteboard.SERVERS,
                new String[] {"another", "main"}));

        try (Connection c = client.connect(uri("/listen"), ConnectRequest.builder().subprotocols("chat").build())) {
            assertEquals("chat", c.subprotocol().orElseThrow());
            c.sendText("hi");
            assertEquals("L:hi", c.receiveText());
            runtime.removeListener(echo, lProps);
            assertEquals(CloseCodes.GOING_AWAY, closeStatus(c).code());
        }
        assertEquals(404, assertThrows(HandshakeException.class, () -> greeting("/other")).status());
        assertEquals("here", greeting("/here"));
    }

    @Test
    void badPropertiesAreIgnored() throws Exception {
        runtime.addHandler(greeter("no path"), props());
        runtime.addHandler(greeter("bad regex"), props(WebSocketWhiteboard.PATH, "(("));
        runtime.addHandler(greeter("bad token"), props(WebSocketWhiteboard.PATH, "/t",
                WebSocketWhiteboard.SUBPROTOCOL, "a b"));
        assertEquals(3, runtime.endpoints().size());
        assertEquals(404, assertThrows(HandshakeException.class, () -> greeting("/t")).status());
        String table = new Commands(runtime).handlers();
        assertTrue(table.contains("ignored: no websocket.path property"), table);
        assertTrue(table.contains("ignored: bad websocket.path"), table);
        assertTrue(table.contains("ignored: bad websocket.subprotocol"), table);
    }

    /** Sends {@code size} bytes to a greeter and tells whether they came back (else the connection closed 1009). */
    private boolean echoed(String path, int size) throws Exception {
        try (Connection c = client.connect(uri(path))) {
            c.receiveText(); // the greeting
            c.sendBinary(new byte[size]);
            Message m = c.receive();
            if (m != null) {
                assertEquals(size, m.bytes().length);
                return true;
            }
            assertEquals(CloseCodes.MESSAGE_TOO_BIG, closeStatus(c).code());
            return false;
        }
    }

    @Test
    void endpointPropertiesOverrideTheServersSettings() throws Exception {
        // the server's limit is the default 1 MiB
        runtime.addHandler(greeter("small"), props(WebSocketWhiteboard.PATH, "/small",
                WebSocketWhiteboard.SETTING_PREFIX + ConnectionSettings.MAX_MESSAGE_SIZE.name(), 1000L, WebSocketWhiteboard.SETTING_PREFIX + ConnectionSettings.IDLE_TIMEOUT.name(), "60000",
                WebSocketWhiteboard.SETTING_PREFIX + ConnectionSettings.DROP_INCOMING_PINGS.name(), "true"));
        runtime.addHandler(greeter("quick"), props(WebSocketWhiteboard.PATH, "/quick",
                WebSocketWhiteboard.SETTING_PREFIX + ConnectionSettings.IDLE_TIMEOUT.name(), 200));
        runtime.addHandler(greeter("plain"), props(WebSocketWhiteboard.PATH, "/plain"));
        assertTrue(echoed("/small", 1000));
        assertFalse(echoed("/small", 1001));
        assertTrue(echoed("/plain", 100_000));
        try (Connection c = client.connect(uri("/quick"))) {
            assertEquals("quick", c.receiveText());
            assertEquals(CloseCodes.GOING_AWAY, closeStatus(c).code());
        }

        runtime.addHandler(greeter("bad size"), props(WebSocketWhiteboard.PATH, "/bad1",
                WebSocketWhiteboard.SETTING_PREFIX + ConnectionSettings.MAX_FRAME_SIZE.name(), 0L));
        runtime.addHandler(greeter("bad flag"), props(WebSocketWhiteboard.PATH, "/bad2",
                WebSocketWhiteboard.SETTING_PREFIX + ConnectionSettings.PROPAGATE_PROTOCOL_ERRORS.name(), "maybe"));
        runtime.addHandler(greeter("bad number"), props(WebSocketWhiteboard.PATH, "/bad3",
                WebSocketWhiteboard.SETTING_PREFIX + ConnectionSettings.PING_INTERVAL.name(), 1.5));
        String table = new Commands(runtime).handlers();
        assertTrue(table.contains("active ConnectionOverrides[idleTimeout=PT0.2S]"), table);
        assertTrue(table.contains("ignored: bad websocket.maxFrameSize"), table);
        assertTrue(table.contains("ignored: bad websocket.propagateProtocolErrors"), table);
        assertTrue(table.contains("ignored: bad websocket.pingInterval"), table);
        assertEquals(404, assertThrows(HandshakeException.class, () -> greeting("/bad1")).status());
    }

    @Test
    void hookOverridesGoOnTopOfTheEndpointsAndTheHighestRankedWins() throws Exception {
        runtime.addHandler(greeter("small"), props(WebSocketWhiteboard.PATH, "/small",
                WebSocketWhiteboard.SETTING_PREFIX + ConnectionSettings.MAX_MESSAGE_SIZE.name(), 1000L));
        HandshakeHook high = r -> HandshakeDecision.accept(
                ConnectionOverrides.builder().maxMessageSize(5000).build());
        HandshakeHook low = r -> HandshakeDecision.accept(
                ConnectionOverrides.builder().maxMessageSize(2000).build());
        runtime.addHook(low, props(ServiceProps.SERVICE_RANKING, 1));
        runtime.addHook(high, props(ServiceProps.SERVICE_RANKING, 9));
        assertTrue(echoed("/small", 5000));
        assertFalse(echoed("/small", 5001));
    }

    @Test
    void aNonBlockingListenerServiceRunsOnTheIoThread() throws Exception {
        Listener.NonBlocking where = new Listener.NonBlocking() {
            @Override
            public void onText(Connection c, String text) throws IOException {
                c.sendText(Thread.currentThread().getName());
            }
        };
        runtime.addListener(where, props(WebSocketWhiteboard.PATH, "/nb"));
        try (Connection c = client.connect(uri("/nb"))) {
            c.sendText("where?");
            String thread = c.receiveText();
            assertTrue(thread.startsWith("ws-server-") && thread.contains("-io-"), thread);
        }
    }

    @Test
    void theHighestRankedHookThatChoosesASubprotocolIsAnswered() throws Exception {
        runtime.addHandler(greeter("chat"), props(WebSocketWhiteboard.PATH, "/chat",
                WebSocketWhiteboard.SUBPROTOCOL, new String[] {"a", "b", "c"}));
        HandshakeHook high = r -> ((HandshakeDecision.Accept) HandshakeDecision.accept()).withSubprotocol("c");
        HandshakeHook low = r -> ((HandshakeDecision.Accept) HandshakeDecision.accept()).withSubprotocol("b")
                .withExtensions(java.util.List.of());
        HandshakeHook none = r -> HandshakeDecision.accept(Headers.of("X-Hook", "yes"), null);
        runtime.addHook(low, props(ServiceProps.SERVICE_RANKING, 1));
        runtime.addHook(none, props(ServiceProps.SERVICE_RANKING, 20));
        runtime.addHook(high, props(ServiceProps.SERVICE_RANKING, 9));
        try (Connection c = client.connect(uri("/chat"), ConnectRequest.builder().subprotocols("a", "b", "c")
                .build())) {
            assertEquals(java.util.Optional.of("c"), c.subprotocol());
            assertEquals("yes", c.responseHeaders().get("X-Hook"));
        }
    }

    @Test
    void anEndpointForAnySubprotocolTakesWhateverIsOfferedAndAListedOneWinsOverIt() throws Exception {
        runtime.addHandler(greeter("any"), props(WebSocketWhiteboard.PATH, "/any",
                WebSocketWhiteboard.SUBPROTOCOL, WebSocketWhiteboard.ANY));
        runtime.addHandler(greeter("chat"), props(WebSocketWhiteboard.PATH, "/any",
                WebSocketWhiteboard.SUBPROTOCOL, "chat"));
        runtime.addHandler(greeter("listed"), props(WebSocketWhiteboard.PATH, "/listed",
                WebSocketWhiteboard.SUBPROTOCOL, "chat"));
        try (Connection c = client.connect(uri("/any"), ConnectRequest.builder().subprotocols("x", "y").build())) {
            assertEquals("any", c.receiveText());
            assertEquals(java.util.Optional.empty(), c.subprotocol(), "accepted with no subprotocol");
        }
        assertEquals("any", greeting("/any"));
        try (Connection c = client.connect(uri("/any"), ConnectRequest.builder().subprotocols("x", "chat").build())) {
            assertEquals("chat", c.receiveText());
            assertEquals(java.util.Optional.of("chat"), c.subprotocol());
        }
        HandshakeException refused = assertThrows(HandshakeException.class, () -> greeting("/listed", "x"));
        assertEquals(400, refused.status(), "without " + WebSocketWhiteboard.ANY + " an unknown offer is refused");
    }

    @Test
    void aListenerServiceOfPartsGetsParts() throws Exception {
        Listener.Partial parts = new Listener.Partial() {
            private final StringBuilder message = new StringBuilder();

            @Override
            public void onTextPart(Connection c, String text, boolean last) throws IOException {
                message.append(text).append(last ? "." : "|");
                if (last) {
                    c.sendText(message.toString());
                    message.setLength(0);
                }
            }
        };
        runtime.addListener(parts, props(WebSocketWhiteboard.PATH, "/parts"));
        try (Connection c = client.connect(uri("/parts"))) {
            c.sendFragment(net.websocket.api.PayloadType.TEXT, java.nio.ByteBuffer.wrap(new byte[] {'a'}), false);
            c.sendFragment(net.websocket.api.PayloadType.CONTINUATION, java.nio.ByteBuffer.wrap(new byte[] {'b'}),
                    true);
            // a part never spans two frames: delivered in parts behind the whiteboard's wrapper
            assertEquals("a|b.", c.receiveText());
        }
    }

    @Test
    void hooksRunInRankingOrder() throws Exception {
        runtime.addHandler(greeter("secret"), props(WebSocketWhiteboard.PATH, "/secret"));
        runtime.addHandler(greeter("open"), props(WebSocketWhiteboard.PATH, "/open"));
        HandshakeHook reject = r -> HandshakeDecision.reject(403, "no");
        HandshakeHook header = r -> HandshakeDecision.accept(Headers.of("X-Hook", "yes"), null);
        runtime.addHook(reject, props(WebSocketWhiteboard.PATH, "/secret"));
        runtime.addHook(header, props());
        assertEquals(403, assertThrows(HandshakeException.class, () -> greeting("/secret")).status());
        try (Connection c = client.connect(uri("/open"))) {
            assertEquals("yes", c.responseHeaders().get("X-Hook"));
        }
    }

    @Test
    void aHandshakeNoHookAppliesToIsAcceptedWithoutAskingTheHooks() throws Exception {
        runtime.addHandler(greeter("secret"), props(WebSocketWhiteboard.PATH, "/secret"));
        runtime.addHandler(greeter("open"), props(WebSocketWhiteboard.PATH, "/open"));
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        HandshakeHook counting = r -> {
            calls.incrementAndGet();
            return HandshakeDecision.accept();
        };
        runtime.addHook(counting, props(WebSocketWhiteboard.PATH, "/secret"));
        assertEquals("open", greeting("/open"));
        assertEquals(0, calls.get(), "no hook applies to /open: accepted on the I/O thread, no hook called");
        assertEquals("secret", greeting("/secret"));
        assertEquals(1, calls.get(), "the hook for /secret decided");
    }

    @Test
    void connectionsCloseWhenTheirVariantGoesAndRankingDecides() throws Exception {
        runtime.addHandler(greeter("echo"), props(WebSocketWhiteboard.PATH, "/e"));
        Map<String, Object> highProps = props(ServiceProps.SERVICE_RANKING, 10);
        ProtocolVariant high = new Marked(variant("rfc6455"), "high");
        Connection onDefault = client.connect(uri("/e"));
        assertEquals("echo", onDefault.receiveText());
        assertEquals(null, onDefault.responseHeaders().get("X-Instance"));

        runtime.addVariant(high, highProps);
        Connection onHigh = client.connect(uri("/e"));
        assertEquals("high", onHigh.responseHeaders().get("X-Instance"));
        assertEquals("echo", onHigh.receiveText());
        Connection hybi = client.connect(uri("/e"), ConnectRequest.builder().variant("hybi00").build());
        assertEquals("echo", hybi.receiveText());

        String table = new Commands(runtime).connections();
        assertTrue(table.contains("rfc6455#" + highProps.get(ServiceProps.SERVICE_ID)), table);

        runtime.removeVariant(high, highProps);
        assertEquals(CloseCodes.GOING_AWAY, closeStatus(onHigh).code());
        // the others keep working
        onDefault.sendText("still here");
        assertEquals("still here", onDefault.receiveText());
        hybi.sendText("me too");
        assertEquals("me too", hybi.receiveText());
        try (Connection again = client.connect(uri("/e"))) {
            assertEquals(null, again.responseHeaders().get("X-Instance"));
            assertEquals("echo", again.receiveText());
        }
        onDefault.close();
        hybi.close();
        assertEquals(0, runtime.registry().pendingNotes());
    }

    @Test
    void connectionsShowTheirIdAndDisconnectClosesOneById() throws Exception {
        runtime.addHandler(greeter("echo"), props(WebSocketWhiteboard.PATH, "/e"));
        Connection first = client.connect(uri("/e"));
        assertEquals("echo", first.receiveText());
        Connection second = client.connect(uri("/e"));
        assertEquals("echo", second.receiveText());
        List<TrackedConnection> onServer = runtime.registry().connections().stream()
                .filter(tc -> tc.server() != null).toList();
        assertEquals(2, onServer.size());
        Commands commands = new Commands(runtime);
        String table = commands.connections();
        for (TrackedConnection tc : onServer) {
            assertTrue(table.lines().anyMatch(l -> l.startsWith(tc.connection().id() + " ")), table);
        }
        // the server side of the first client's connection: the one whose peer is the first's local address
        TrackedConnection target = onServer.stream()
                .filter(tc -> tc.connection().remoteAddress().equals(first.localAddress())).findFirst().orElseThrow();

        assertEquals("closing connection " + target.connection().id(), commands.disconnect(target.connection().id()));
        CloseStatus st = closeStatus(first);
        assertEquals(CloseCodes.GOING_AWAY, st.code());
        assertEquals("closed by an operator", st.reason());
        second.sendText("still here");
        assertEquals("still here", second.receiveText());
        assertEquals("no open connection none", commands.disconnect("none"));
        second.close();
    }

    @Test
    void theRuntimeServiceDescribesServersVariantsEndpointsAndConnections() throws Exception {
        runtime.addHandler(greeter("echo"), props(WebSocketWhiteboard.PATH, "/e", ServiceProps.SERVICE_RANKING, 5,
                WebSocketWhiteboard.SUBPROTOCOL, new String[] {"chat", WebSocketWhiteboard.NONE}));
        runtime.addHandler(greeter("bad"), props(WebSocketWhiteboard.PATH, "(("));
        runtime.addHook(r -> null, props(ServiceProps.SERVICE_RANKING, 2));
        runtime.failed("broken", "pid.broken", "port in use");
        try (Connection c = client.connect(uri("/e"), ConnectRequest.builder().subprotocols("chat").build())) {
            assertEquals("echo", c.receiveText());
            RuntimeDTO dto = new RuntimeDtos(runtime).getRuntimeDTO();

            assertEquals(1, dto.servers.length);
            ServerDTO main = dto.servers[0];
            assertEquals("main", main.name);
            assertEquals("ws://127.0.0.1:" + server.server().port(), main.address);
            assertTrue(main.running);
            assertEquals(List.of("/e"), List.of(main.routes));
            assertNull(main.servletPatterns, "a socket of its own: no servlet patterns");
            assertNull(main.servletContextSelect);
            assertEquals(1, main.connections.length);
            ConnectionDTO conn = main.connections[0];
            assertEquals("/e", conn.path);
            assertEquals("chat", conn.subprotocol);
            assertEquals(RuntimeDtos.address(c.localAddress()), conn.remoteAddress);
            assertTrue(conn.variant.startsWith("rfc6455#"), conn.variant);
            assertEquals(1, dto.failedServers.length);
            assertEquals("port in use", dto.failedServers[0].failureReason);

            assertEquals(List.of("rfc6455", "hybi00"), Stream.of(dto.variants).map(v -> v.name).toList());
            assertEquals(1, dto.variants[0].order);
            assertEquals(1, dto.variants[0].connectionCount);
            assertEquals(List.of("13"), List.of(dto.variants[0].versions));

            EndpointDTO echo = Stream.of(dto.endpoints).filter(e -> "/e".equals(e.path)).findFirst().orElseThrow();
            assertEquals("handler", echo.kind);
            assertEquals(5, echo.ranking);
            assertEquals(conn.endpointServiceId, echo.serviceId);
            assertEquals(1, echo.connectionCount);
            assertEquals(List.of("chat", WebSocketWhiteboard.NONE), List.of(echo.subprotocols));
            assertNull(echo.failureReason);
            assertTrue(Stream.of(dto.endpoints).anyMatch(e -> "((".equals(e.path) && e.failureReason != null));
            assertTrue(Stream.of(dto.endpoints).anyMatch(e -> e.kind.equals("hook") && e.ranking == 2));
            // the Gogo tables print the same
            String servers = new Commands(runtime).servers();
            assertTrue(servers.contains("failed: port in use"), servers);
            assertTrue(new Commands(runtime).connections().contains(conn.id), "connections table");
        }
    }

    @Test
    void clientServiceUsesLiveVariants() throws Exception {
        runtime.addHandler(greeter("echo"), props(WebSocketWhiteboard.PATH, "/e"));
        ClientComponent osgiClient = new ClientComponent(runtime, Map.of());
        Connection c = osgiClient.connect(uri("/e"), ConnectRequest.builder().variant("hybi00").build());
        assertEquals("echo", c.receiveText());
        TrackedVariant hybi = runtime.variants().stream().filter(v -> v.name().equals("hybi00")).findFirst()
                .orElseThrow();
        assertEquals(1, hybi.connectionCount() - 1, "server side and client side both tracked");
        osgiClient.deactivate();
        assertNotNull(closeStatus(c));
        assertTrue(c.isClosed());
    }

    @Test
    void stoppingAServerClosesItsConnections() throws Exception {
        runtime.addHandler(greeter("echo"), props(WebSocketWhiteboard.PATH, "/e"));
        Connection c = client.connect(uri("/e"));
        assertEquals("echo", c.receiveText());
        assertTrue(new Commands(runtime).servers().contains("running"));
        runtime.stopServer(server);
        assertEquals(CloseCodes.GOING_AWAY, closeStatus(c).code());
    }

    @Test
    void serverConfigDefaultsAreTheRuntimeDefaults() {
        // an empty configuration, and one holding every default the Metatype description gives
        for (Map<String, Object> config : List.of(Map.<String, Object>of(),
                metatypeDefaults(WhiteboardConfiguration.SERVER_FACTORY_PID))) {
            ServerSettings s = ServerSettings.of(config, "net.websocket.server~web");
            assertEquals("web", s.name());
            ServerOptions d = ServerOptions.defaults();
            ServerOptions o = s.options();
            assertEquals(d.address(), o.address());
            assertEquals(d.backlog(), o.backlog());
            assertEquals(d.connection(), o.connection());
            assertEquals(d.maxRequestHeadSize(), o.maxRequestHeadSize());
            assertEquals(d.maxConnections(), o.maxConnections());
            assertEquals(d.maxHandshakesInProgress(), o.maxHandshakesInProgress());
            assertEquals(d.maxConnectionsPerAddress(), o.maxConnectionsPerAddress());
            assertEquals(d.maxQueuedBytes(), o.maxQueuedBytes());
            assertEquals(d.handshakeTimeout(), o.handshakeTimeout());
            assertEquals(d.shutdownTimeout(), o.shutdownTimeout());
            assertEquals(d.ioThreads(), o.ioThreads());
            assertEquals(d.accessDeniedStatus(), o.accessDeniedStatus());
            assertEquals(d.accessDeniedBody(), o.accessDeniedBody());
            assertEquals(d.tlsOptions().isPresent(), o.tlsOptions().isPresent());
            assertTrue(s.extensions(), "extensions on, as the runtime's default");
            for (String origin : new String[] {"https://evil.example", "http://localhost"}) {
                assertEquals(d.originPolicy().allows(java.util.Optional.of(origin), "/"),
                        o.originPolicy().allows(java.util.Optional.of(origin), "/"), origin);
            }
        }
        assertEquals("net.websocket.server.1", ServerSettings.name(Map.of(WhiteboardConfiguration.NAME, ""),
                "net.websocket.server.1"));
        assertEquals("given", ServerSettings.name(Map.of(WhiteboardConfiguration.NAME, " given "), "x~y"));
        assertEquals("y", ServerSettings.name(Map.of(), "x~y"));
        // Karaf's config:edit --factory --alias chat: a generated PID, the alias in the file's name
        assertEquals("chat", ServerSettings.name(Map.of(ServerSettings.FILE_PROPERTY,
                "file:/opt/karaf/etc/net.websocket.server-chat.cfg"), "net.websocket.server.a1b2"));
        assertEquals("given", ServerSettings.name(Map.of(WhiteboardConfiguration.NAME, "given",
                ServerSettings.FILE_PROPERTY, "file:/etc/net.websocket.server-chat.cfg"), "net.websocket.server.a1b2"));
        assertEquals("net.websocket.server.a1b2", ServerSettings.name(Map.of(ServerSettings.FILE_PROPERTY,
                "file:/etc/other.cfg"), "net.websocket.server.a1b2"));
        assertEquals("x", ServerSettings.fileAlias("C:\\karaf\\etc\\net.websocket.server-x.config"));
        assertNull(ServerSettings.fileAlias("file:/etc/net.websocket.server-.cfg"));
        // a blank host listens on every address, as before
        assertTrue(ServerSettings.of(Map.of(WhiteboardConfiguration.HOST, " "), "pid").options().address()
                .getAddress().isAnyLocalAddress());
    }

    @Test
    void clientConfigDefaultsAreTheRuntimeDefaults() {
        for (Map<String, Object> config : List.of(Map.<String, Object>of(),
                metatypeDefaults(WhiteboardConfiguration.CLIENT_PID))) {
            ClientOptions d = ClientOptions.defaults();
            ClientOptions o = ClientComponent.options(config).build();
            assertEquals(d.connection(), o.connection());
            assertEquals(d.maxResponseHeadSize(), o.maxResponseHeadSize());
            assertEquals(d.ioThreads(), o.ioThreads());
            assertEquals(d.hostnameVerification(), o.hostnameVerification());
        }
    }

    @Test
    void theMetatypeDescribesEveryConnectionSettingFromItsTable() {
        ConfigurationMetaType metatype = new ConfigurationMetaType();
        for (String pid : List.of(WhiteboardConfiguration.SERVER_FACTORY_PID, WhiteboardConfiguration.CLIENT_PID)) {
            org.osgi.service.metatype.ObjectClassDefinition ocd = metatype.getObjectClassDefinition(pid, null);
            assertEquals(pid, ocd.getID());
            Map<String, org.osgi.service.metatype.AttributeDefinition> byId = new java.util.HashMap<>();
            for (org.osgi.service.metatype.AttributeDefinition ad : ocd.getAttributeDefinitions(
                    org.osgi.service.metatype.ObjectClassDefinition.ALL)) {
                assertNull(byId.put(ad.getID(), ad), "one attribute " + ad.getID());
            }
            for (ConnectionSetting<?> setting : ConnectionSettings.SETTINGS) {
                org.osgi.service.metatype.AttributeDefinition ad = byId.get(setting.name());
                assertNotNull(ad, setting.name());
                assertEquals(setting.description().substring(0, 10), ad.getDescription().substring(0, 10));
            }
            // values are checked by the setting's own rule
            org.osgi.service.metatype.AttributeDefinition frame = byId.get(ConnectionSettings.MAX_FRAME_SIZE.name());
            assertEquals("", frame.validate("4096"));
            assertFalse(frame.validate("0").isEmpty());
            assertFalse(frame.validate("lots").isEmpty());
            assertEquals("", byId.get(ConnectionSettings.PONG_TIMEOUT.name()).validate("0"), "0: follows");
        }
    }

    @Test
    void clientConfigValuesAreApplied() {
        ClientOptions o = ClientComponent.options(Map.of("pingInterval", 250L,
                "pongTimeout", 100L, "maxMessageSize", 5000L, "propagateProtocolErrors", true,
                "hostnameVerification", false, "outboundQueueLimit", 1234, "dropIncomingPings", true)).build();
        assertEquals(Duration.ofMillis(250), o.connection().pingInterval());
        assertEquals(Duration.ofMillis(100), o.connection().pongTimeout());
        assertEquals(5000, o.connection().maxMessageSize());
        assertTrue(o.connection().propagateProtocolErrors());
        assertFalse(o.hostnameVerification());
        assertEquals(1234, o.connection().outboundQueueLimit());
        assertTrue(o.connection().dropIncomingPings());
        assertEquals(Duration.ofMillis(250), ClientComponent.options(Map.of("pingInterval", 250L, "pongTimeout", 0L))
                .build().connection().pongTimeout(), "0: the ping interval");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientComponent.options(Map.of("idleTimeout", "soon")));
        assertTrue(e.getMessage().contains("idleTimeout"), e.getMessage());
    }

    @Test
    void serverConfigValuesAreApplied() {
        Map<String, Object> c = Map.of("pingInterval", 250L, "pongTimeout", 100L,
                "allowedOrigins", new String[] {" https://good.example ", ""}, "accessDeniedStatus", 451,
                "accessDeniedBody", "no", "propagateProtocolErrors", true, "extensions", false);
        ServerSettings s = ServerSettings.of(c, "pid");
        ServerOptions o = s.options();
        assertEquals(Duration.ofMillis(250), o.connection().pingInterval());
        assertEquals(Duration.ofMillis(100), o.connection().pongTimeout());
        assertTrue(o.originPolicy().allows(java.util.Optional.of("HTTPS://GOOD.EXAMPLE"), "/"));
        assertTrue(!o.originPolicy().allows(java.util.Optional.of("https://evil.example"), "/"));
        assertTrue(o.originPolicy().allows(java.util.Optional.empty(), "/"), "clients without Origin");
        assertEquals(451, o.accessDeniedStatus());
        assertEquals("no", o.accessDeniedBody());
        assertTrue(o.connection().propagateProtocolErrors());
        assertTrue(!s.extensions());

        Map<String, Object> noPong = Map.of("pingInterval", 700L);
        assertEquals(Duration.ofMillis(700), ServerSettings.of(noPong, "pid").options().connection().pongTimeout());

        Map<String, Object> badStore = Map.of("keyStore", "no-such-store.p12", "keyStorePassword", "s3cret-pw");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerSettings.of(badStore, "pid"));
        assertTrue(e.getMessage().contains("no-such-store.p12") && !e.getMessage().contains("s3cret-pw"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServerSettings.of(
                Map.of("accessDeniedStatus", 200), "pid"));
    }

    /** The configuration a Metatype-aware tool makes from the descriptions' defaults, typed as they say. */
    private static Map<String, Object> metatypeDefaults(String pid) {
        Map<String, Object> config = new java.util.HashMap<>();
        for (org.osgi.service.metatype.AttributeDefinition ad : new ConfigurationMetaType()
                .getObjectClassDefinition(pid, null).getAttributeDefinitions(
                        org.osgi.service.metatype.ObjectClassDefinition.ALL)) {
            String[] d = ad.getDefaultValue();
            if (ad.getCardinality() != 0) {
                config.put(ad.getID(), d);
                continue;
            }
            config.put(ad.getID(), switch (ad.getType()) {
                case org.osgi.service.metatype.AttributeDefinition.LONG -> Long.parseLong(d[0]);
                case org.osgi.service.metatype.AttributeDefinition.INTEGER -> Integer.parseInt(d[0]);
                case org.osgi.service.metatype.AttributeDefinition.BOOLEAN -> Boolean.parseBoolean(d[0]);
                default -> d[0];
            });
        }
        return config;
    }

    /**
     * A variant that marks its handshake responses, to tell two instances of one variant apart: everything else is
     * the real variant's.
     */
    private static final class Marked implements ProtocolVariant {
        private final ProtocolVariant delegate;
        private final String mark;

        Marked(ProtocolVariant delegate, String mark) {
            this.delegate = delegate;
            this.mark = mark;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public List<String> versions() {
            return delegate.versions();
        }

        @Override
        public boolean matches(HandshakeRequest request) {
            return delegate.matches(request);
        }

        @Override
        public ServerHandshake startServer(HandshakeRequest request, EngineConfig config) throws HandshakeException {
            ServerHandshake h = delegate.startServer(request, config);
            return new ServerHandshake() {
                @Override
                public int bodyLength() {
                    return h.bodyLength();
                }

                @Override
                public void readBody(ByteBuffer body) throws HandshakeException {
                    h.readBody(body);
                }

                @Override
                public List<String> offeredSubprotocols() {
                    return h.offeredSubprotocols();
                }

                @Override
                public ByteBuffer accept(String subprotocol, Headers extraHeaders) {
                    return h.accept(subprotocol, extraHeaders.toBuilder().add("X-Instance", mark).build());
                }

                @Override
                public ByteBuffer accept(String subprotocol, Headers extraHeaders, long maxFrameSize,
                        long maxMessageSize) {
                    return h.accept(subprotocol, extraHeaders.toBuilder().add("X-Instance", mark).build(),
                            maxFrameSize, maxMessageSize);
                }

                @Override
                public FrameEngine engine() {
                    return h.engine();
                }
            };
        }

        @Override
        public ClientHandshake startClient(ClientHandshakeRequest request, EngineConfig config) {
            return delegate.startClient(request, config);
        }
    }
}
