package net.websocket.itest.osgi;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import net.websocket.itest.osgi.probe.Greeter;

/**
 * Builds the probe bundles: the classes of {@code net.websocket.itest.osgi.probe} from the test classes, importing
 * only the API packages (no Require-Bundle), so that inside the framework they implement the framework's API types;
 * those of {@code net.websocket.itest.osgi.jprobe}, a Jakarta endpoint importing only the Jakarta API; and other
 * bundles of a test package the same way (e.g. a plain servlet importing the Servlet API).
 */
final class Probe {

    static final String PACKAGE = "net.websocket.itest.osgi.probe";
    static final String GREETER = PACKAGE + ".Greeter";
    static final String MARKED = PACKAGE + ".MarkedVariant";

    static final String JAKARTA_PACKAGE = "net.websocket.itest.osgi.jprobe";
    static final String JAKARTA_PROBE = "net.websocket.itest.jprobe";
    static final String ROOM = JAKARTA_PACKAGE + ".Room";

    private Probe() {
    }

    /** Writes the probe bundle into {@code dir} and returns it. */
    static Path jar(Path dir) throws IOException {
        return jar(dir, PACKAGE, OsgiFramework.PROBE,
                "net.websocket.api;version=\"[1.0,2)\",net.websocket.api.spi;version=\"[1.0,2)\"");
    }

    /**
     * Writes the Jakarta probe bundle into {@code dir} and returns it: the classes of {@value #JAKARTA_PACKAGE},
     * importing only the Jakarta WebSocket API packages, as a bundle with an endpoint for Pax Web would.
     */
    static Path jakartaJar(Path dir) throws IOException {
        return jar(dir, JAKARTA_PACKAGE, JAKARTA_PROBE,
                "jakarta.websocket;version=\"[2.1,3)\",jakarta.websocket.server;version=\"[2.1,3)\"");
    }

    /**
     * Writes a bundle of the test classes of one package (not its subpackages) into {@code dir} and returns it.
     *
     * @param imports its Import-Package header
     */
    static Path jar(Path dir, String pkg, String bsn, String imports) throws IOException {
        Path classes;
        try {
            classes = Path.of(Greeter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        String folder = pkg.replace('.', '/');
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", bsn);
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Import-Package", imports);
        Path out = dir.resolve(bsn + ".jar");
        try (OutputStream os = Files.newOutputStream(out); JarOutputStream jar = new JarOutputStream(os, m);
                Stream<Path> files = Files.list(classes.resolve(folder))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                jar.putNextEntry(new JarEntry(folder + "/" + f.getFileName()));
                Files.copy(f, jar);
                jar.closeEntry();
            }
        }
        return out;
    }
}
