package net.websocket.itest.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The Jakarta face in a real Felix: the {@code net.websocket.jakarta} bundle, beside the Jakarta WebSocket 2.1 API
 * bundles and the core bundles, resolves and starts, its {@code jakarta.websocket} imports wired to the API bundles
 * and its net.websocket imports to the API and runtime bundles (packages only).
 */
class JakartaBundleTest {

    @Test
    void theJakartaBundleResolvesAgainstTheApiBundles() throws Exception {
        OsgiFramework fw = OsgiFramework.start(false);
        try {
            for (String bsn : List.of("jakarta.websocket-client-api", "jakarta.websocket-api",
                    "net.websocket.jakarta")) {
                Path jar = OsgiFramework.projectBundle(bsn);
                try (InputStream in = Files.newInputStream(jar)) {
                    fw.context().installBundle(jar.toUri().toString(), in).start();
                }
            }
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
}
