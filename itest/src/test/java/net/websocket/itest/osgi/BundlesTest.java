package net.websocket.itest.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import net.websocket.api.CloseCodes;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.ConnectionSetting;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.HandshakeException;
import net.websocket.examples.ExampleServer;
import net.websocket.whiteboard.WhiteboardConfiguration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Every bundle of the project, with the examples and the distribution's default server, in a real Felix: all
 * resolve and start, wire to each other through packages only, and the default server serves the examples.
 */
class BundlesTest {

    private static OsgiFramework fw;

    @BeforeAll
    static void start() throws Exception {
        fw = OsgiFramework.start(true);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fw != null) {
            fw.close();
        }
    }

    @Test
    void everyBundleResolvesAndStarts() {
        for (Bundle b : fw.bundles()) {
            assertEquals(Bundle.ACTIVE, b.getState(), b.getSymbolicName() + " is not active");
        }
        List<String> names = new ArrayList<>();
        fw.bundles().forEach(b -> names.add(b.getSymbolicName()));
        assertTrue(names.containsAll(OsgiFramework.CORE), names.toString());
        assertTrue(names.containsAll(OsgiFramework.EXAMPLES), names.toString());
    }

    @Test
    void bundlesWireThroughPackagesOnly() {
        List<String> ours = new ArrayList<>(OsgiFramework.CORE);
        ours.addAll(OsgiFramework.EXAMPLES);
        ours.add(OsgiFramework.PROBE);
        for (String bsn : ours) {
            Bundle b = fw.bundle(bsn);
            assertNull(b.getHeaders().get(Constants.REQUIRE_BUNDLE), bsn + " has Require-Bundle");
            BundleWiring w = b.adapt(BundleWiring.class);
            assertNotNull(w, bsn + " is not resolved");
            assertTrue(w.getRequiredWires(BundleNamespace.BUNDLE_NAMESPACE).isEmpty(), bsn + " requires a bundle");
        }
        // the runtime gets the API from the API bundle, and the examples get the runtime from the runtime bundle
        assertTrue(importsFrom("net.websocket.runtime", "net.websocket.api", "net.websocket.api"));
        assertTrue(importsFrom("net.websocket.runtime", "net.websocket.api.spi", "net.websocket.api"));
        assertTrue(importsFrom("net.websocket.rfc6455", "net.websocket.api.spi", "net.websocket.api"));
        assertTrue(importsFrom("net.websocket.examples", "net.websocket.runtime", "net.websocket.runtime"));
        // the whiteboard uses the runtime's exported package
        assertTrue(importsFrom("net.websocket.whiteboard", "net.websocket.runtime", "net.websocket.runtime"));
        assertTrue(importsFrom(OsgiFramework.DEFLATE, "net.websocket.api.spi", "net.websocket.api"));
        // both variants share the codec helpers of the API bundle
        assertTrue(importsFrom("net.websocket.rfc6455", "net.websocket.api.codec", "net.websocket.api"));
        assertTrue(importsFrom("net.websocket.hybi00", "net.websocket.api.codec", "net.websocket.api"));
    }

    private static boolean importsFrom(String bsn, String pkg, String provider) {
        for (BundleWire wire : fw.bundle(bsn).adapt(BundleWiring.class)
                .getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            if (pkg.equals(wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))) {
                return provider.equals(wire.getProvider().getSymbolicName());
            }
        }
        return false;
    }

    @Test
    void internalPackagesAreNotExported() {
        assertEquals(Set.of("net.websocket.nio", "net.websocket.runtime", "net.websocket.upgrade"),
                exports("net.websocket.runtime"));
        assertEquals(Set.of("net.websocket.whiteboard", "net.websocket.whiteboard.runtime",
                "net.websocket.whiteboard.runtime.dto"), exports("net.websocket.whiteboard"));
        assertEquals(Set.of("net.websocket.api", "net.websocket.api.spi", "net.websocket.api.codec",
                "net.websocket.api.whiteboard"), exports("net.websocket.api"));
        assertEquals(Set.of("net.websocket.examples"), exports("net.websocket.examples"));
        assertEquals(Set.of("net.websocket.deflate"), exports(OsgiFramework.DEFLATE));
    }

    private static Set<String> exports(String bsn) {
        Set<String> out = new java.util.TreeSet<>();
        for (BundleCapability c : fw.bundle(bsn).adapt(BundleWiring.class)
                .getCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
            out.add((String) c.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE));
        }
        return out;
    }

    @Test
    void theDefaultServerServesTheExamples() throws Exception {
        int port = fw.serverPort("default");
        try (Connection c = Clients.connect(port, "/echo")) {
            c.sendText("hello");
            assertEquals("hello", c.receiveText());
            c.sendBinary(new byte[] {1, 2, 3});
            assertEquals(3, c.receive().length());
        }
        try (Connection c = Clients.connect(port, "/test", ExampleServer.SUBPROTOCOL)) {
            assertEquals(ExampleServer.SUBPROTOCOL, c.subprotocol().orElseThrow());
            assertEquals(ExampleServer.WITH_SUBPROTOCOL, c.receiveText());
        }
        try (Connection c = Clients.connect(port, "/test")) {
            assertEquals(ExampleServer.WITHOUT_SUBPROTOCOL, c.receiveText());
            c.sendText("hi");
            assertEquals("You said: hi", c.receiveText());
        }
        try (Connection c = Clients.connectWith(ConnectRequest.HYBI00, port, "/echo")) {
            c.sendText("old");
            assertEquals("old", c.receiveText());
        }
        try (Connection c = Clients.connect(port, "/time")) {
            assertNotNull(c.receiveText());
        }
        assertEquals(400, assertThrows(HandshakeException.class,
                () -> Clients.connect(port, "/test", "other")).status());
        assertEquals(404, assertThrows(HandshakeException.class, () -> Clients.connect(port, "/nowhere")).status());
        // the origin check is a whiteboard hook for /origin-echo only
        ConnectRequest evil = ConnectRequest.builder().header("Origin", "http://evil.example").build();
        assertEquals(403, assertThrows(HandshakeException.class,
                () -> Clients.CLIENT.connect(OsgiFramework.uri(port, "/origin-echo"), evil)).status());
        try (Connection c = Clients.CLIENT.connect(OsgiFramework.uri(port, "/echo"), evil)) {
            c.sendText("any origin here");
            assertEquals("any origin here", c.receiveText());
        }
    }

    /**
     * The deflate bundle's extension service reaches the default server through the whiteboard: handshakes agree to
     * permessage-deflate while it is active, not while it is stopped, and connections that agreed keep it.
     */
    @Test
    void theDefaultServerNegotiatesDeflateWhileTheBundleIsActive() throws Exception {
        int port = fw.serverPort("default");
        String text = "compressible ".repeat(1000);
        Bundle deflate = fw.bundle(OsgiFramework.DEFLATE);
        try (Connection before = Clients.connect(port, "/echo")) {
            assertEquals("permessage-deflate", before.responseHeaders().get("Sec-WebSocket-Extensions"));
            before.sendText(text);
            assertEquals(text, before.receiveText());
            deflate.stop();
            try (Connection without = Clients.connect(port, "/echo")) {
                assertNull(without.responseHeaders().get("Sec-WebSocket-Extensions"), "no extension service");
                without.sendText(text);
                assertEquals(text, without.receiveText());
            }
            before.sendText(text);
            assertEquals(text, before.receiveText(), "a connection keeps what it agreed to");
        } finally {
            deflate.start();
        }
        // components activate asynchronously
        long deadline = System.nanoTime() + OsgiFramework.WAIT.toNanos();
        String agreed = null;
        while (agreed == null && System.nanoTime() < deadline) {
            try (Connection again = Clients.connect(port, "/echo")) {
                agreed = again.responseHeaders().get("Sec-WebSocket-Extensions");
            }
            if (agreed == null) {
                Thread.sleep(50);
            }
        }
        assertEquals("permessage-deflate", agreed, "agreed again once the bundle is back");
    }

    @Test
    void shellCommandsPrintTables() throws Exception {
        int port = fw.serverPort("default");
        try (Connection c = Clients.connect(port, "/echo")) {
            c.sendText("x");
            assertEquals("x", c.receiveText());
            String servers = fw.command("servers");
            assertTrue(servers.contains("default") && servers.contains("running")
                    && servers.contains("127.0.0.1:" + port), servers);
            String variants = fw.command("variants");
            assertTrue(variants.contains("rfc6455") && variants.contains("hybi00"), variants);
            String handlers = fw.command("handlers");
            for (String path : ExampleServer.PATHS) {
                assertTrue(handlers.contains(path), handlers);
            }
            assertTrue(handlers.contains("hook"), handlers);
            String connections = fw.command("connections");
            assertTrue(connections.contains("/echo") && connections.contains("default")
                    && connections.contains("rfc6455#"), connections);
        }
    }

    @Test
    void theClientServiceConnectsAndIsReleased() throws Exception {
        int port = fw.serverPort("default");
        ServiceReference<?> ref = fw.await("net.websocket.api.WebSocketClient", null);
        Object client = fw.context().getService(ref);
        Object c = OsgiFramework.call(client, "connect", OsgiFramework.uri(port, "/echo"));
        OsgiFramework.call(c, "sendText", "from inside");
        assertEquals("from inside", OsgiFramework.call(c, "receiveText"));
        assertTrue(fw.command("connections").contains("(client)"), fw.command("connections"));
        // each bundle has its own client; releasing it closes the connections it opened
        fw.context().ungetService(ref);
        Object status = ((CompletionStage<?>) OsgiFramework.call(c, "closed")).toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
        assertEquals(CloseCodes.GOING_AWAY, OsgiFramework.call(status, "code"));
    }

    @Test
    void metatypeAndComponentsAreDeclared() throws Exception {
        Bundle whiteboard = fw.bundle("net.websocket.whiteboard");
        assertNotNull(whiteboard.getHeaders().get("Service-Component"));
        // the Metatype service describes server and client configurations, every connection setting included
        Object metatype = fw.context().getService(fw.await("org.osgi.service.metatype.MetaTypeService", null));
        Object information = OsgiFramework.call(metatype, "getMetaTypeInformation", whiteboard);
        for (String pid : List.of(WhiteboardConfiguration.SERVER_FACTORY_PID, WhiteboardConfiguration.CLIENT_PID)) {
            Object ocd = OsgiFramework.call(information, "getObjectClassDefinition", pid, null);
            List<String> ids = new java.util.ArrayList<>();
            for (Object ad : (Object[]) OsgiFramework.call(ocd, "getAttributeDefinitions", -1)) {
                ids.add((String) OsgiFramework.call(ad, "getID"));
            }
            for (ConnectionSetting<?> setting : ConnectionSettings.SETTINGS) {
                assertTrue(ids.contains(setting.name()), pid + " " + ids);
            }
        }
        assertTrue(java.util.Arrays.asList((String[]) OsgiFramework.call(information, "getFactoryPids"))
                .contains(WhiteboardConfiguration.SERVER_FACTORY_PID));
        // the runtime is plain Java: no OSGi package, no component
        Bundle runtime = fw.bundle("net.websocket.runtime");
        assertFalse(runtime.getHeaders().get(Constants.IMPORT_PACKAGE).contains("org.osgi"),
                runtime.getHeaders().get(Constants.IMPORT_PACKAGE));
        assertNull(runtime.getHeaders().get("Service-Component"));
        for (String bsn : List.of(OsgiFramework.RFC6455, OsgiFramework.HYBI00)) {
            String capabilities = fw.bundle(bsn).getHeaders().get(Constants.PROVIDE_CAPABILITY);
            assertTrue(capabilities.contains("net.websocket.api.spi.ProtocolVariant"), capabilities);
            assertNotNull(fw.bundle(bsn).getHeaders().get("Service-Component"));
        }
        assertFalse(fw.bundle("net.websocket.examples").getHeaders().get(Constants.IMPORT_PACKAGE)
                .contains("net.websocket.whiteboard.internal"));
    }
}
