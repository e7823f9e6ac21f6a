package net.websocket.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates made at test time. The JDK has no public API to create a certificate, so its
 * {@code keytool} (the one next to the running {@code java}) makes a PKCS12 key store.
 */
final class TestCerts {

    static final String PASSWORD = "changeit";

    /** keytool needs a second or two; more on a loaded machine. */
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private TestCerts() {
    }

    static Path keytool() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "keytool.exe" : "keytool");
    }

    /**
     * Makes a key store holding one EC key and its self-signed certificate.
     *
     * @param san the subject alternative names, as keytool takes them, e.g. {@code ip:127.0.0.1,dns:localhost}
     */
    static Path generate(Path dir, String alias, String san) throws IOException, InterruptedException {
        Path ks = dir.resolve(alias + ".p12");
        List<String> cmd = List.of(keytool().toString(), "-genkeypair", "-alias", alias, "-keyalg", "EC",
                "-keysize", "256", "-sigalg", "SHA256withECDSA", "-dname", "CN=" + alias, "-ext", "SAN=" + san,
                "-validity", "2", "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                "-keypass", PASSWORD, "-noprompt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("keytool did not finish");
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(ks)) {
            throw new IOException("keytool failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return ks;
    }

    static KeyStore load(Path keyStore) throws Exception {
        return KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray());
    }

    static X509Certificate certificate(Path keyStore) throws Exception {
        KeyStore ks = load(keyStore);
        return (X509Certificate) ks.getCertificate(ks.aliases().nextElement());
    }

    /** A client context that trusts exactly these certificates. */
    static SSLContext trusting(X509Certificate... certs) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < certs.length; i++) {
            trust.setCertificateEntry("cert" + i, certs[i]);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** A server context with the key of this store. */
    static SSLContext serverContext(Path keyStore) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(keyStore), PASSWORD.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }
}
