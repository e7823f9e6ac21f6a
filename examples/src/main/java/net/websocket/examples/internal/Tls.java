package net.websocket.examples.internal;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS for the command-line examples: a throw-away self-signed certificate for {@code ws serve --tls}, and client
 * contexts that trust one certificate by its SHA-256 fingerprint ({@code --trust-fingerprint}) or anything
 * ({@code --insecure}).
 *
 * <p>The JDK has no public API to make a certificate, so the server's is made by {@code keytool}, the one next to
 * the running {@code java}.
 */
public final class Tls {

    /** A server context and the fingerprint of its certificate, to tell clients. */
    public record SelfSigned(SSLContext context, X509Certificate certificate, String fingerprint) {
    }

    /** How long keytool may take. */
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    /** The certificate is meant for one run of the example server; two days leave room for clock skew. */
    private static final String VALIDITY_DAYS = "2";

    private Tls() {
    }

    /**
     * Makes a key pair and a self-signed certificate for {@code localhost}, {@code 127.0.0.1}, {@code ::1} and
     * {@code host}, in memory (the key store keytool writes is deleted at once).
     */
    public static SelfSigned selfSigned(String host) throws IOException {
        char[] password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16)).toCharArray();
        Path dir = Files.createTempDirectory("ws-tls");
        Path ks = dir.resolve("server.p12");
        try {
            List<String> cmd = List.of(keytool().toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                    "-keysize", "256", "-sigalg", "SHA256withECDSA", "-dname", "CN=net.websocket example server",
                    "-ext", "SAN=" + subjectAltNames(host), "-validity", VALIDITY_DAYS, "-keystore", ks.toString(),
                    "-storetype", "PKCS12", "-storepass", new String(password), "-keypass", new String(password),
                    "-noprompt");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IOException("keytool failed: " + new String(out, StandardCharsets.UTF_8).strip());
            }
            KeyStore store = KeyStore.getInstance(ks.toFile(), password);
            X509Certificate cert = (X509Certificate) store.getCertificate("server");
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return new SelfSigned(ctx, cert, fingerprint(cert));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making a certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the new certificate: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(ks);
            Files.deleteIfExists(dir);
        }
    }

    static Path keytool() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "keytool.exe" : "keytool");
    }

    /** keytool's SAN list: the loopback names and the listen host (an IP literal or a name; none for "*"). */
    static String subjectAltNames(String host) {
        List<String> names = new ArrayList<>(List.of("dns:localhost", "ip:127.0.0.1", "ip:::1"));
        if (host != null && !host.isEmpty() && !host.equals("*") && !host.equals("localhost")
                && !host.equals("127.0.0.1") && !host.equals("::1")) {
            boolean ip = host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
            names.add((ip ? "ip:" : "dns:") + host);
        }
        return String.join(",", names);
    }

    /** The SHA-256 fingerprint of a certificate's DER encoding, as colon-separated upper-case hex. */
    public static String fingerprint(X509Certificate cert) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    /**
     * Parses a SHA-256 fingerprint: 64 hex digits, with or without colons, any case.
     *
     * @throws UsageException if it is not one
     */
    public static byte[] parseFingerprint(String text) throws UsageException {
        String hex = text.replace(":", "").strip();
        if (hex.length() != 64) {
            throw new UsageException("a SHA-256 fingerprint has 64 hex digits, not: " + text);
        }
        try {
            return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("not a hex fingerprint: " + text);
        }
    }

    /**
     * A client context that accepts exactly the server certificate with this SHA-256 fingerprint (pinning: host
     * name verification is then pointless and should be turned off).
     */
    public static SSLContext pinned(byte[] sha256) {
        return context(new Trust(sha256));
    }

    /** A client context that accepts any server certificate: encryption without authentication, for testing. */
    public static SSLContext insecure() {
        return context(new Trust(null));
    }

    private static SSLContext context(TrustManager tm) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {tm}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS", e);
        }
    }

    /** Trusts a server certificate by fingerprint, or every one when the fingerprint is {@code null}. */
    private static final class Trust extends X509ExtendedTrustManager {
        private final byte[] sha256;

        Trust(byte[] sha256) {
            this.sha256 = sha256;
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            if (sha256 == null) {
                return;
            }
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the server sent no certificate");
            }
            try {
                byte[] d = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
                if (!MessageDigest.isEqual(d, sha256)) {
                    throw new CertificateException("the server's certificate has SHA-256 fingerprint "
                            + fingerprint(chain[0]) + ", not the one trusted");
                }
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new CertificateException(e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client context");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("a client context");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("a client context");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
