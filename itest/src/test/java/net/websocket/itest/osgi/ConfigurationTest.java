package net.websocket.itest.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import net.websocket.api.CloseCodes;
import net.websocket.api.Connection;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.HandshakeException;
import net.websocket.api.whiteboard.WebSocketWhiteboard;
import net.websocket.whiteboard.WhiteboardConfiguration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceRegistration;

/** Server configurations created, changed and deleted at run time: the servers follow. */
class ConfigurationTest {

    private static final String FACTORY_PID = WhiteboardConfiguration.SERVER_FACTORY_PID;
    private static final String SERVER = "net.websocket.api.WebSocketServer";

    private static OsgiFramework fw;
    private static ServiceRegistration<?> hello;

    @BeforeAll
    static void start() throws Exception {
        fw = OsgiFramework.start(false);
        hello = fw.registerGreeter("hello", Map.of(WebSocketWhiteboard.PATH, "/h"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (fw != null) {
            fw.close();
        }
    }

    private static Map<String, Object> config(int port) {
        Map<String, Object> p = new HashMap<>();
        p.put(WhiteboardConfiguration.HOST, "127.0.0.1");
        p.put(WhiteboardConfiguration.PORT, port);
        p.put(ConnectionSettings.CLOSE_TIMEOUT.name(), 3000L);
        p.put(WhiteboardConfiguration.SHUTDOWN_TIMEOUT, 3000L);
        return p;
    }

    /** A port that was free a moment ago. */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void serversFollowTheirConfigurations() throws Exception {
        Object config = fw.configure(FACTORY_PID, "c1", config(0));
        int first = fw.serverPort("c1");
        Connection open = Clients.connect(first, "/h");
        assertEquals("hello", open.receiveText());
        assertTrue(fw.command("servers").contains("127.0.0.1:" + first));

        // changed: rebound with the new options; the old connection is closed with 1001
        int second = freePort();
        OsgiFramework.update(config, config(second));
        fw.await(SERVER, "(&(websocket.server=c1)(websocket.server.port=" + second + "))");
        assertEquals(CloseCodes.GOING_AWAY, Clients.closeStatus(open).code());
        assertThrows(IOException.class, () -> Clients.greeting(first, "/h"));
        Connection onSecond = Clients.connect(second, "/h");
        assertEquals("hello", onSecond.receiveText());

        // a second server, with an endpoint of its own
        fw.configure(FACTORY_PID, "c2", config(0));
        int other = fw.serverPort("c2");
        assertNotEquals(second, other);
        ServiceRegistration<?> only = fw.registerGreeter("only c2", Map.of(WebSocketWhiteboard.PATH, "/only",
                WebSocketWhiteboard.SERVER, "c2"));
        try {
            assertEquals("only c2", Clients.greeting(other, "/only"));
            assertEquals(404, assertThrows(HandshakeException.class, () -> Clients.greeting(second, "/only"))
                    .status());
        } finally {
            only.unregister();
        }

        // deleted: stopped, its connections closed with 1001; the other server goes on
        OsgiFramework.deleteConfiguration(config);
        fw.awaitGone(SERVER, "(websocket.server=c1)");
        assertEquals(CloseCodes.GOING_AWAY, Clients.closeStatus(onSecond).code());
        assertThrows(IOException.class, () -> Clients.greeting(second, "/h"));
        assertEquals("hello", Clients.greeting(other, "/h"));
        assertTrue(!fw.command("servers").contains("c1 "), fw.command("servers"));
    }

    @Test
    void aServerThatCannotListenIsReportedAndRecovers() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Object config = fw.configure(FACTORY_PID, "busy", config(taken.getLocalPort()));
            long deadline = System.nanoTime() + OsgiFramework.WAIT.toNanos();
            String servers = fw.command("servers");
            while (!servers.contains("failed") && System.nanoTime() < deadline) {
                Thread.sleep(20);
                servers = fw.command("servers");
            }
            assertTrue(servers.contains("busy") && servers.contains("failed: cannot listen"), servers);
            OsgiFramework.update(config, config(0));
            int port = fw.serverPort("busy");
            assertEquals("hello", Clients.greeting(port, "/h"));
            assertTrue(!fw.command("servers").contains("failed"), fw.command("servers"));
            OsgiFramework.deleteConfiguration(config);
            fw.awaitGone(SERVER, "(websocket.server=busy)");
        }
    }
}
