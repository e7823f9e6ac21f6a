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
 * Builds the probe bundle: the classes of {@code net.websocket.itest.osgi.probe} from the test classes, importing
 * only the API packages (no Require-Bundle), so that inside the framework they implement the framework's API types.
 */
final class Probe {

    static final String PACKAGE = "net.websocket.itest.osgi.probe";
    static final String GREETER = PACKAGE + ".Greeter";
    static final String MARKED = PACKAGE + ".MarkedVariant";

    private Probe() {
    }

    /** Writes the probe bundle into {@code dir} and returns it. */
    static Path jar(Path dir) throws IOException {
        return jar(dir, OsgiFramework.PROBE, PACKAGE,
                "net.websocket.api;version=\"[1.0,2)\",net.websocket.api.spi;version=\"[1.0,2)\"");
    }

    /**
     * Writes a probe bundle of the classes of one package of the test classes, with these imports, into
     * {@code dir} and returns it.
     */
    static Path jar(Path dir, String bsn, String pkg, String imports) throws IOException {
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
