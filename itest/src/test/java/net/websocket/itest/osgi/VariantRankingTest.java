package net.websocket.itest.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import net.websocket.api.CloseCodes;
import net.websocket.api.Connection;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.whiteboard.WebSocketWhiteboard;
import net.websocket.itest.osgi.probe.MarkedVariant;
import net.websocket.whiteboard.WhiteboardConfiguration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceRegistration;

/**
 * Two implementations of one variant: the rfc6455 bundle's and a second registration (from the probe bundle) with
 * another {@code service.ranking}. New connections go to the higher-ranked one; removing it falls back.
 */
class VariantRankingTest {

    private static OsgiFramework fw;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        fw = OsgiFramework.start(false);
        fw.registerGreeter("echo", Map.of(WebSocketWhiteboard.PATH, "/k"));
        fw.configure(WhiteboardConfiguration.SERVER_FACTORY_PID, "rk", Map.of(WhiteboardConfiguration.HOST,
                "127.0.0.1", WhiteboardConfiguration.PORT, 0, ConnectionSettings.CLOSE_TIMEOUT.name(), 3000L,
                WhiteboardConfiguration.SHUTDOWN_TIMEOUT, 3000L));
        port = fw.serverPort("rk");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fw != null) {
            fw.close();
        }
    }

    private static String instance(Connection c) {
        return c.responseHeaders().get(MarkedVariant.HEADER);
    }

    private static void assertEchoes(Connection c, String text) throws Exception {
        c.sendText(text);
        assertEquals(text, c.receiveText());
    }

    @Test
    void higherRankingServesNewConnectionsAndRemovingItFallsBack() throws Exception {
        Connection onDefault = Clients.connect(port, "/k");
        assertEquals("echo", onDefault.receiveText());
        assertNull(instance(onDefault));

        ServiceRegistration<?> high = fw.registerMarkedVariant(OsgiFramework.RFC6455, "high",
                Map.of("service.ranking", 10));
        Connection onHigh = Clients.connect(port, "/k");
        assertEquals("high", instance(onHigh));
        assertEquals("echo", onHigh.receiveText());
        String variants = fw.command("variants");
        assertTrue(variants.indexOf(MarkedVariant.class.getName()) < variants.indexOf("Rfc6455Variant"), variants);

        // a lower-ranked third implementation changes nothing
        ServiceRegistration<?> low = fw.registerMarkedVariant(OsgiFramework.RFC6455, "low",
                Map.of("service.ranking", -5));
        try (Connection c = Clients.connect(port, "/k")) {
            assertEquals("high", instance(c));
        }

        high.unregister();
        assertEquals(CloseCodes.GOING_AWAY, Clients.closeStatus(onHigh).code());
        try (Connection c = Clients.connect(port, "/k")) {
            assertNull(instance(c), "back to the bundle's own implementation");
        }
        assertEchoes(onDefault, "untouched");

        low.unregister();
        try (Connection c = Clients.connect(port, "/k")) {
            assertNull(instance(c));
            assertEquals("echo", c.receiveText());
        }
        assertEchoes(onDefault, "still untouched");
        onDefault.close();
    }
}
