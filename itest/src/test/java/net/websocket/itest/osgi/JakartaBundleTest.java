package net.websocket.itest.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ServerOptions;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The Jakarta face in a real Felix: the {@code net.websocket.jakarta} bundle, beside the Jakarta WebSocket 2.1 API
 * bundles and the core bundles, resolves and starts, its {@code jakarta.websocket} imports wired to the API bundles
 * and its net.websocket imports to the API and runtime bundles (packages only); a bundle gets the client container
 * as a {@code jakarta.websocket.WebSocketContainer} service and connects with it.
 */
class JakartaBundleTest {

    /** Installs and starts the Jakarta WebSocket API bundles and the jakarta bundle. */
    private static void installJakarta(OsgiFramework fw) throws Exception {
        for (String bsn : List.of("jakarta.websocket-client-api", "jakarta.websocket-api", "net.websocket.jakarta")) {
            Path jar = OsgiFramework.projectBundle(bsn);
            try (InputStream in = Files.newInputStream(jar)) {
                fw.context().installBundle(jar.toUri().toString(), in).start();
            }
        }
    }

    @Test
    void theJakartaBundleResolvesAgainstTheApiBundles() throws Exception {
        OsgiFramework fw = OsgiFramework.start(false);
        try {
            installJakarta(fw);
            Bundle jakarta = fw.bundle("net.websocket.jakarta");
            assertEquals(Bundle.ACTIVE, jakarta.getState());
            BundleWiring wiring = jakarta.adapt(BundleWiring.class);
            List<BundleWire> wires = wiring.getRequiredWires("osgi.wiring.package");
            assertTrue(wires.stream().anyMatch(w -> "jakarta.websocket.server".equals(
                    w.getCapability().getAttributes().get("osgi.wiring.package"))
                    && w.getProvider().getBundle().getSymbolicName().equals("jakarta.websocket-api")), wires::toString);
            assertTrue(wires.stream().anyMatch(w -> "net.websocket.nio".equals(
                    w.getCapability().getAttributes().get("osgi.wiring.package"))
                    && w.getProvider().getBundle().getSymbolicName().equals("net.websocket.runtime")), wires::toString);
            assertTrue(wiring.getRequiredWires("osgi.wiring.bundle").isEmpty(), "no Require-Bundle");
        } finally {
            fw.close();
        }
    }

    /**
     * How a bundle gets the Jakarta client container in OSGi: the jakarta bundle's component registers a
     * {@code WebSocketContainer} service over the whiteboard's {@code WebSocketClient}; a bundle's
     * {@code @ClientEndpoint} connects through it to a server (here one outside the framework, on 127.0.0.1), and
     * the sessions it opened close when it releases the service.
     */
    @Test
    void aBundleGetsTheClientContainerAsAService() throws Exception {
        OsgiFramework fw = OsgiFramework.start(false);
        ServerOptions options = ServerOptions.builder().listen("127.0.0.1", 0).build();
        try (WebSocketServer server = WebSockets.serve(options, c -> {
            c.sendText("hello " + c.path());
            while (c.receive() != null) {
                // open until the client closes
            }
        })) {
            installJakarta(fw);
            Path dir = Files.createTempDirectory("jakarta-probe");
            Path jar = Probe.jar(dir, "net.websocket.itest.osgi.jakartaprobe", "net.websocket.itest.jakartaprobe",
                    "jakarta.websocket;version=\"[2.1,3)\"");
            Bundle probe;
            try (InputStream in = Files.newInputStream(jar)) {
                probe = fw.context().installBundle(jar.toUri().toString(), in);
            }
            probe.start();
            ServiceReference<?> ref = fw.await("jakarta.websocket.WebSocketContainer", null);
            assertEquals("net.websocket.jakarta", ref.getBundle().getSymbolicName());
            BundleContext context = probe.getBundleContext();
            Object container = context.getService(ref);
            Class<?> containerType = probe.loadClass("jakarta.websocket.WebSocketContainer");
            Object endpoint = probe.loadClass("net.websocket.itest.osgi.jakartaprobe.FirstText")
                    .getConstructor().newInstance();
            Object session = containerType.getMethod("connectToServer", Object.class, URI.class)
                    .invoke(container, endpoint, URI.create("ws://127.0.0.1:" + server.port() + "/from-a-bundle"));
            @SuppressWarnings("unchecked")
            CompletableFuture<String> first = (CompletableFuture<String>) endpoint.getClass().getField("first")
                    .get(endpoint);
            assertEquals("hello /from-a-bundle", first.get(OsgiFramework.WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(Boolean.TRUE, OsgiFramework.call(session, "isOpen"));
            context.ungetService(ref);
            assertEquals(Boolean.FALSE, OsgiFramework.call(session, "isOpen"),
                    "released with the service: the bundle's sessions are closed");
        } finally {
            fw.close();
        }
    }
}
