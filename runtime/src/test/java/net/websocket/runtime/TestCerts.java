package net.websocket.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
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
        runKeytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-keysize", "256", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=" + alias, "-ext", "SAN=" + san, "-validity", "2", "-keystore", ks.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt");
        return ks;
    }

    /** Makes a certificate authority: a key store holding an EC key and its self-signed CA certificate. */
    static Path authority(Path dir, String alias) throws IOException, InterruptedException {
        Path ks = dir.resolve(alias + ".p12");
        runKeytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-keysize", "256", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=" + alias, "-ext", "bc:c", "-validity", "2", "-keystore", ks.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt");
        return ks;
    }

    /**
     * Makes a key store holding one EC key whose certificate the authority {@code ca} signed (keytool's
     * {@code -certreq} and {@code -gencert}), the chain being that certificate and the authority's.
     *
     * @param san the subject alternative names, or {@code null} for none (a client certificate)
     */
    static Path signed(Path dir, Path ca, String alias, String san) throws Exception {
        Path ks = dir.resolve(alias + ".p12");
        Path csr = dir.resolve(alias + ".csr");
        Path cer = dir.resolve(alias + ".cer");
        runKeytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-keysize", "256", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=" + alias, "-validity", "2", "-keystore", ks.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt");
        runKeytool("-certreq", "-alias", alias, "-keystore", ks.toString(), "-storepass", PASSWORD, "-file",
                csr.toString());
        KeyStore authority = load(ca);
        String caAlias = authority.aliases().nextElement();
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", caAlias, "-keystore", ca.toString(),
                "-storepass", PASSWORD, "-infile", csr.toString(), "-outfile", cer.toString(), "-validity", "2",
                "-sigalg", "SHA256withECDSA"));
        if (san != null) {
            gencert.addAll(List.of("-ext", "SAN=" + san));
        }
        runKeytool(gencert.toArray(new String[0]));
        Certificate leaf;
        try (InputStream in = Files.newInputStream(cer)) {
            leaf = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore store = load(ks);
        Key key = store.getKey(alias, PASSWORD.toCharArray());
        store.setKeyEntry(alias, key, PASSWORD.toCharArray(),
                new Certificate[] {leaf, authority.getCertificate(caAlias)});
        try (OutputStream out = Files.newOutputStream(ks)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return ks;
    }

    /** Runs keytool with these arguments. */
    private static void runKeytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(keytool().toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("keytool did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
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
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, trustManagers(certs), null);
        return ctx;
    }

    /** Trust managers that accept these certificates and those they signed. */
    static TrustManager[] trustManagers(X509Certificate... certs) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < certs.length; i++) {
            trust.setCertificateEntry("cert" + i, certs[i]);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf.getTrustManagers();
    }

    /** Writes a PKCS12 trust store holding the certificates of these key stores (password {@link #PASSWORD}). */
    static Path trustStore(Path file, Path... keyStores) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < keyStores.length; i++) {
            trust.setCertificateEntry("cert" + i, certificate(keyStores[i]));
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            trust.store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    /** Key managers that present the key of this store. */
    static KeyManager[] keyManagers(Path keyStore) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(keyStore), PASSWORD.toCharArray());
        return kmf.getKeyManagers();
    }

    /** A server context with the key of this store. */
    static SSLContext serverContext(Path keyStore) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(keyManagers(keyStore), null, null);
        return ctx;
    }
}
