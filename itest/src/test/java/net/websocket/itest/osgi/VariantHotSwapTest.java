package net.websocket.itest.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.HandshakeException;
import net.websocket.api.whiteboard.WebSocketWhiteboard;
import net.websocket.whiteboard.WhiteboardConfiguration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;

/**
 * Hot swap under load: clients of both variants exchange messages continuously while the RFC 6455 bundle is stopped,
 * started, updated to a new jar and uninstalled. At each step: which handshakes succeed, the RFC 6455 connections
 * that lose their implementation are closed with 1001, and the hybi-00 connections lose nothing.
 */
class VariantHotSwapTest {

    /** How long each step lets the load run, so that messages flow before and after every change. */
    private static final long STEP_MILLIS = 300;
    /** Load clients per variant. */
    private static final int CLIENTS = 2;

    private static OsgiFramework fw;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        fw = OsgiFramework.start(false);
        fw.registerGreeter("echo", Map.of(WebSocketWhiteboard.PATH, "/e"));
        fw.configure(WhiteboardConfiguration.SERVER_FACTORY_PID, "hs", Map.of(WhiteboardConfiguration.HOST,
                "127.0.0.1", WhiteboardConfiguration.PORT, 0, ConnectionSettings.CLOSE_TIMEOUT.name(), 3000L,
                WhiteboardConfiguration.SHUTDOWN_TIMEOUT, 3000L));
        port = fw.serverPort("hs");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fw != null) {
            fw.close();
        }
    }

    private static List<EchoLoad> loads(String variant) throws IOException {
        List<EchoLoad> out = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Connection connection = Clients.connectWith(variant, port, "/e");
            if (!"echo".equals(connection.receiveText())) {
                throw new IOException("no greeting");
            }
            out.add(new EchoLoad(variant, connection));
        }
        return out;
    }

    private static void assertAllClosedWith1001(List<EchoLoad> loads) throws Exception {
        for (EchoLoad l : loads) {
            CloseStatus s = l.awaitClosedByServer();
            assertEquals(CloseCodes.GOING_AWAY, s.code(), s.toString());
            assertTrue(l.exchanged.get() > 0, "exchanged nothing before the change");
        }
    }

    private static void assertHandshake(String variant) throws Exception {
        // the variant's service appears as its component activates: give it a moment
        long deadline = System.nanoTime() + OsgiFramework.WAIT.toNanos();
        while (true) {
            try (Connection c = Clients.connectWith(variant, port, "/e")) {
                assertEquals("echo", c.receiveText());
                return;
            } catch (HandshakeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private static void assertNoRfc6455() {
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> Clients.connectWith(ConnectRequest.RFC6455, port, "/e"));
        assertEquals(426, e.status(), "no RFC 6455 variant: 426 Upgrade Required");
    }

    private static void assertRunning(List<EchoLoad> loads) throws InterruptedException {
        int[] before = loads.stream().mapToInt(l -> l.exchanged.get()).toArray();
        Thread.sleep(STEP_MILLIS);
        for (int i = 0; i < loads.size(); i++) {
            assertTrue(loads.get(i).exchanged.get() > before[i], loads.get(i).getName() + " stalled");
            assertNull(loads.get(i).error);
        }
    }

    @Test
    void hotSwapUnderLoad() throws Exception {
        Bundle rfc = fw.bundle(OsgiFramework.RFC6455);
        List<EchoLoad> hybi = loads(ConnectRequest.HYBI00);
        List<EchoLoad> rfcLoads = loads(ConnectRequest.RFC6455);
        assertRunning(hybi);
        assertRunning(rfcLoads);

        // stopped: its connections get 1001, its handshakes 426; hybi-00 goes on
        rfc.stop();
        assertAllClosedWith1001(rfcLoads);
        assertNoRfc6455();
        assertHandshake(ConnectRequest.HYBI00);
        assertRunning(hybi);

        // started again: its handshakes succeed
        rfc.start();
        assertHandshake(ConnectRequest.RFC6455);
        rfcLoads = loads(ConnectRequest.RFC6455);
        assertRunning(rfcLoads);
        assertRunning(hybi);

        // updated to a new jar: the old implementation's connections get 1001, the new one serves
        Path newJar = OsgiFramework.withVersion(OsgiFramework.projectBundle(OsgiFramework.RFC6455), "1.0.1",
                fw.work());
        try (InputStream in = Files.newInputStream(newJar)) {
            rfc.update(in);
        }
        assertAllClosedWith1001(rfcLoads);
        assertEquals(new Version(1, 0, 1), rfc.getVersion());
        assertHandshake(ConnectRequest.RFC6455);
        rfcLoads = loads(ConnectRequest.RFC6455);
        assertRunning(rfcLoads);
        assertRunning(hybi);
        assertTrue(fw.command("variants").contains("rfc6455"));

        // uninstalled: 1001 again, then 426
        rfc.uninstall();
        assertAllClosedWith1001(rfcLoads);
        assertNoRfc6455();
        assertRunning(hybi);

        // the hybi-00 connections were never touched and lost nothing (every echo matched, in order)
        for (EchoLoad l : hybi) {
            assertTrue(l.finish() > 0);
        }
        assertFalse(fw.command("variants").contains("rfc6455"), fw.command("variants"));
    }
}
