package net.websocket.itest.hybi00;

import net.websocket.itest.support.ExternalPeer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A throw-away self-signed key for a loopback TLS server, made with the JDK's keytool. */
final class TestKeys {

    /** The key store's password. */
    static final char[] PASSWORD = "changeit".toCharArray();

    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);

    private TestKeys() {
    }

    /**
     * A PKCS#12 key store in {@code dir} with one EC key and a certificate for 127.0.0.1, valid for two days.
     *
     * @throws IOException if keytool is missing or fails
     */
    static Path selfSigned(Path dir) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IOException("no keytool at " + keytool);
        }
        Path store = dir.resolve("server.p12");
        String password = new String(PASSWORD);
        try {
            ExternalPeer.Result r = ExternalPeer.run(List.of(keytool.toString(), "-genkeypair", "-alias", "server",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", password, "-keypass", password), KEYTOOL_TIMEOUT);
            if (r.exitCode() != 0 || !Files.isRegularFile(store)) {
                throw new IOException("keytool failed (exit " + r.exitCode() + "): " + r.output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return store;
    }

    /** Deletes a directory and what is in it. */
    static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
