package net.websocket.itest.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.Connection;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.HandshakeException;
import net.websocket.api.whiteboard.WebSocketWhiteboard;
import net.websocket.whiteboard.WhiteboardConfiguration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/** Handler services come and go while clients connect; routing follows at the next handshake. */
class WhiteboardTest {

    private static OsgiFramework fw;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        fw = OsgiFramework.start(false);
        fw.configure(WhiteboardConfiguration.SERVER_FACTORY_PID, "wb", Map.of(WhiteboardConfiguration.HOST,
                "127.0.0.1", WhiteboardConfiguration.PORT, 0, ConnectionSettings.CLOSE_TIMEOUT.name(), 3000L,
                WhiteboardConfiguration.SHUTDOWN_TIMEOUT, 3000L));
        port = fw.serverPort("wb");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fw != null) {
            fw.close();
        }
    }

    private static int status(String path, String... subprotocols) {
        return assertThrows(HandshakeException.class, () -> Clients.greeting(port, path, subprotocols)).status();
    }

    @Test
    void routingFollowsRegistrations() throws Exception {
        assertEquals(404, status("/r1"));
        ServiceRegistration<?> a = fw.registerGreeter("A", Map.of(WebSocketWhiteboard.PATH, "/r1"));
        assertEquals("A", Clients.greeting(port, "/r1"));

        ServiceRegistration<?> b = fw.registerGreeter("B", Map.of(WebSocketWhiteboard.PATH, "/r1",
                "service.ranking", 10));
        assertEquals("B", Clients.greeting(port, "/r1"));
        Connection onB = Clients.connect(port, "/r1");
        assertEquals("B", onB.receiveText());
        Connection onB2 = Clients.connect(port, "/r1");
        assertEquals("B", onB2.receiveText());

        b.unregister();
        assertEquals(CloseCodes.GOING_AWAY, Clients.closeStatus(onB).code());
        assertEquals(CloseCodes.GOING_AWAY, Clients.closeStatus(onB2).code());
        assertEquals("A", Clients.greeting(port, "/r1"));

        a.unregister();
        assertEquals(404, status("/r1"));
    }

    @Test
    void connectionsCommandShowsIdVariantPathSubprotocolRemoteAndAge() throws Exception {
        ServiceRegistration<?> chat = fw.registerGreeter("chat", Map.of(WebSocketWhiteboard.PATH, "/table",
                WebSocketWhiteboard.SUBPROTOCOL, "chat.v2"));
        try (Connection rfc = Clients.connect(port, "/table", "chat.v2");
                Connection hybi = Clients.connectWith("hybi00", port, "/table?x=1", "chat.v2")) {
            assertEquals("chat", rfc.receiveText());
            assertEquals("chat", hybi.receiveText());
            String table = fw.command("connections");
            String[] lines = table.split("\\R");
            assertTrue(lines[0].matches(
                    "ID\\s+SERVER\\s+VARIANT\\s+PATH\\s+SUBPROTOCOL\\s+REMOTE\\s+ENDPOINT\\s+AGE\\s*"), table);
            // id, server, variant#service, path (no query), subprotocol, the client's address, endpoint service, age
            String row = "\\d+\\s+wb\\s+%s#\\d+\\s+/table\\s+chat\\.v2\\s+127\\.0\\.0\\.1:%d\\s+\\d+\\s+\\d+s";
            assertTrue(line(lines, rfc).matches(String.format(row, "rfc6455", rfc.localAddress().getPort())), table);
            assertTrue(line(lines, hybi).matches(String.format(row, "hybi00", hybi.localAddress().getPort())), table);
        } finally {
            chat.unregister();
        }
    }

    @Test
    void theRuntimeServiceGivesTheWhiteboardAsDtos() throws Exception {
        ServiceRegistration<?> dto = fw.registerGreeter("dto", Map.of(WebSocketWhiteboard.PATH, "/dto",
                "service.ranking", 7));
        try (Connection c = Clients.connect(port, "/dto")) {
            assertEquals("dto", c.receiveText());
            ServiceReference<?> ref = fw.await("net.websocket.whiteboard.runtime.WebSocketServiceRuntime", null);
            Object runtime = fw.context().getService(ref);
            try {
                Object snapshot = OsgiFramework.call(runtime, "getRuntimeDTO");
                Object wb = Stream.of((Object[]) field(snapshot, "servers"))
                        .filter(s -> "wb".equals(field(s, "name"))).findFirst().orElseThrow();
                assertEquals("ws://127.0.0.1:" + port, field(wb, "address"));
                assertTrue(List.of((String[]) field(wb, "routes")).contains("/dto"));
                String clientAddress = "127.0.0.1:" + c.localAddress().getPort();
                Object conn = Stream.of((Object[]) field(wb, "connections"))
                        .filter(x -> clientAddress.equals(field(x, "remoteAddress"))).findFirst().orElseThrow();
                assertEquals("/dto", field(conn, "path"));
                Object endpoint = Stream.of((Object[]) field(snapshot, "endpoints"))
                        .filter(e -> "/dto".equals(field(e, "path"))).findFirst().orElseThrow();
                assertEquals(7, field(endpoint, "ranking"));
                assertEquals(field(endpoint, "serviceId"), field(conn, "endpointServiceId"));
                assertEquals(Set.of("rfc6455", "hybi00"),
                        Stream.of((Object[]) field(snapshot, "variants")).map(v -> (String) field(v, "name"))
                                .collect(java.util.stream.Collectors.toSet()));
            } finally {
                fw.context().ungetService(ref);
            }
        } finally {
            dto.unregister();
        }
    }

    /** A public field of a DTO of the framework's (its class is unknown to the test class path). */
    private static Object field(Object dto, String name) {
        try {
            return dto.getClass().getField(name).get(dto);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(dto.getClass() + " has no field " + name, e);
        }
    }

    /** The one line of a connection table that shows this client connection's address as the remote one. */
    private static String line(String[] lines, Connection client) {
        String text = "127.0.0.1:" + client.localAddress().getPort() + " ";
        List<String> found = new ArrayList<>();
        for (String l : lines) {
            if (l.contains(text)) {
                found.add(l);
            }
        }
        assertEquals(1, found.size(), String.join("\n", lines));
        return found.get(0).trim();
    }

    @Test
    void servicePropertyChangesMoveRoutes() throws Exception {
        ServiceRegistration<?> a = fw.registerGreeter("moving", Map.of(WebSocketWhiteboard.PATH, "/m1"));
        try {
            assertEquals("moving", Clients.greeting(port, "/m1"));
            Connection open = Clients.connect(port, "/m1");
            assertEquals("moving", open.receiveText());
            a.setProperties(new Hashtable<>(Map.of(WebSocketWhiteboard.PATH, "/m2")));
            assertEquals(404, status("/m1"));
            assertEquals("moving", Clients.greeting(port, "/m2"));
            // the same service still serves its open connection
            open.sendText("still");
            assertEquals("still", open.receiveText());
            open.close();
        } finally {
            a.unregister();
        }
    }

    @Test
    void subprotocolsAndServerNames() throws Exception {
        List<ServiceRegistration<?>> regs = new ArrayList<>();
        try {
            regs.add(fw.registerGreeter("chat", Map.of(WebSocketWhiteboard.PATH, "/s", WebSocketWhiteboard.SUBPROTOCOL,
                    new String[] {"chat", "chat.v2"}, "service.ranking", 1)));
            regs.add(fw.registerGreeter("plain", Map.of(WebSocketWhiteboard.PATH, "/s",
                    WebSocketWhiteboard.SUBPROTOCOL, WebSocketWhiteboard.NONE)));
            regs.add(fw.registerGreeter("elsewhere", Map.of(WebSocketWhiteboard.PATH, "/o", WebSocketWhiteboard.SERVER,
                    "another-server")));
            regs.add(fw.registerGreeter("here", Map.of(WebSocketWhiteboard.PATH, "/h", WebSocketWhiteboard.SERVER,
                    new String[] {"another-server", "wb"})));
            try (Connection c = Clients.connect(port, "/s", "chat.v2")) {
                assertEquals("chat.v2", c.subprotocol().orElseThrow());
                assertEquals("chat", c.receiveText());
            }
            try (Connection c = Clients.connect(port, "/s")) {
                assertTrue(c.subprotocol().isEmpty());
                assertEquals("plain", c.receiveText());
            }
            assertEquals(400, status("/s", "other"));
            assertEquals(404, status("/o"));
            assertEquals("here", Clients.greeting(port, "/h"));
            String handlers = fw.command("handlers");
            assertTrue(handlers.contains("chat,chat.v2") && handlers.contains("another-server"), handlers);
        } finally {
            regs.forEach(ServiceRegistration::unregister);
        }
    }

    /** An endpoint's service properties override the server's settings for its own connections only. */
    @Test
    void endpointPropertiesOverrideTheServersLimits() throws Exception {
        ServiceRegistration<?> small = fw.registerGreeter("small", Map.of(WebSocketWhiteboard.PATH, "/small",
                WebSocketWhiteboard.SETTING_PREFIX + ConnectionSettings.MAX_MESSAGE_SIZE.name(), 1000L));
        ServiceRegistration<?> plain = fw.registerGreeter("plain", Map.of(WebSocketWhiteboard.PATH, "/plain"));
        try {
            assertTrue(fw.command("handlers").contains("active ConnectionOverrides[maxMessageSize=1000]"),
                    fw.command("handlers"));
            try (Connection c = Clients.connect(port, "/small")) {
                assertEquals("small", c.receiveText());
                c.sendBinary(new byte[1000]);
                assertEquals(1000, c.receive().bytes().length);
                c.sendBinary(new byte[1001]);
                assertNull(c.receive());
                assertEquals(CloseCodes.MESSAGE_TOO_BIG, Clients.closeStatus(c).code());
            }
            try (Connection c = Clients.connect(port, "/plain")) {
                assertEquals("plain", c.receiveText());
                c.sendBinary(new byte[100_000]);
                assertEquals(100_000, c.receive().bytes().length);
            }
        } finally {
            small.unregister();
            plain.unregister();
        }
    }

    @Test
    void aServiceWithoutPathIsIgnored() throws Exception {
        ServiceRegistration<?> bad = fw.registerGreeter("bad", Map.of(WebSocketWhiteboard.SUBPROTOCOL, "x"));
        try {
            assertTrue(fw.command("handlers").contains("ignored: no websocket.path"), fw.command("handlers"));
        } finally {
            bad.unregister();
        }
    }

    /**
     * Two clients connect over and over while a higher-ranked handler comes and goes: every handshake reaches one
     * of the two, a connection whose handler left was closed with 1001, and when the churn stops routing is back
     * to the first.
     */
    @Test
    void handlersComeAndGoWhileClientsConnect() throws Exception {
        ServiceRegistration<?> a = fw.registerGreeter("A", Map.of(WebSocketWhiteboard.PATH, "/churn"));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                runs.add(clients.submit(() -> {
                    int done = 0;
                    for (int i = 0; i < 60; i++) {
                        try (Connection c = Clients.connect(port, "/churn")) {
                            String name = c.receiveText();
                            if (name == null) {
                                // routed to B just as it left: closed before it said anything
                                assertEquals(CloseCodes.GOING_AWAY, Clients.closeStatus(c).code());
                                done++;
                                continue;
                            }
                            assertTrue(name.equals("A") || name.equals("B"), name);
                            seen.add(name);
                            try {
                                c.sendText("ping " + i);
                                String echo = c.receiveText();
                                if (echo == null) {
                                    CloseStatus s = Clients.closeStatus(c);
                                    assertEquals(CloseCodes.GOING_AWAY, s.code(), s.toString());
                                } else {
                                    assertEquals("ping " + i, echo);
                                }
                            } catch (IOException closedUnderUs) {
                                assertEquals(CloseCodes.GOING_AWAY, Clients.closeStatus(c).code());
                            }
                            done++;
                        }
                    }
                    return done;
                }));
            }
            for (int i = 0; i < 10; i++) {
                ServiceRegistration<?> b = fw.registerGreeter("B", Map.of(WebSocketWhiteboard.PATH, "/churn",
                        "service.ranking", 5));
                Thread.sleep(30);
                b.unregister();
                Thread.sleep(30);
            }
            for (Future<Integer> f : runs) {
                assertEquals(60, f.get(60, TimeUnit.SECONDS));
            }
            assertTrue(seen.contains("A"), seen.toString());
            assertEquals("A", Clients.greeting(port, "/churn"));
        } finally {
            clients.shutdownNow();
            a.unregister();
        }
    }
}
