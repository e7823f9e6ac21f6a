package net.websocket.bench.load;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Netty 4.2 echo server, {@value #NAME} in reports: the module {@code bench/netty42}, built against Netty 4.2
 * alone, since Netty 4.1 (the server {@code netty}, on this JVM's class path) and 4.2 cannot share a class path. The
 * bench build copies that module's jar and Netty 4.2's jars into {@code target/netty42} beside this module's classes
 * (bench/pom.xml), and the server runs in a JVM of its own with that directory as its class path, as a
 * {@link Baseline} server runs with the baseline build's.
 */
final class Netty42 {

    /** Its name in reports, logs and {@code --servers}. */
    static final String NAME = "netty42";

    /** Its main class, in the module {@code bench/netty42}. */
    static final String MAIN_CLASS = "net.websocket.bench.netty42.Netty42EchoServer";

    /** The directory of the bench build that holds its class path, beside {@code classes}. */
    static final String DIRECTORY = "netty42";

    private Netty42() {
    }

    /**
     * Its class path: every jar in {@code netty42} beside the directory (or jar) this class was loaded from.
     *
     * @throws IllegalStateException if that directory is missing (the bench module was not built with Maven)
     */
    static String classPath() {
        Path here;
        try {
            here = Path.of(Netty42.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path dir = here.toAbsolutePath().getParent().resolve(DIRECTORY);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir + " is missing: build the bench module with Maven (bench/run does)");
        }
        return dir + File.separator + "*";
    }
}
