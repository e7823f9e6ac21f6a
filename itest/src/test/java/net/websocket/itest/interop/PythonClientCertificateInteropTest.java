package net.websocket.itest.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;

import net.websocket.api.Message;
import net.websocket.api.WebSocketServer;
import net.websocket.itest.support.ExternalPeer;
import net.websocket.itest.support.PythonPeer;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ServerOptions;
import net.websocket.runtime.TlsOptions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS with an independent TLS stack: the python-websockets client over Python's {@code ssl} (OpenSSL),
 * presenting a client certificate to our server, which needs one ({@link TlsOptions.ClientAuth#NEED}) and reads it
 * from the connection; the same client without a certificate is refused. Skipped where that package is missing.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PythonClientCertificateInteropTest {

    private static final String PASSWORD = "interop-secret";
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    /** Connects, prints the greeting, sends a text and prints its echo; any failure exits non-zero. */
    private static final String SCRIPT = String.join("\n",
            "import asyncio, ssl, sys, websockets",
            "async def main(uri, ca, cert, key):",
            "    ctx = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=ca)",
            "    if cert:",
            "        ctx.load_cert_chain(cert, key)",
            "    async with websockets.connect(uri, ssl=ctx, open_timeout=20, close_timeout=5) as ws:",
            "        print('GREETING ' + await ws.recv())",
            "        await ws.send('from python')",
            "        print('ECHO ' + await ws.recv())",
            "asyncio.run(main(*sys.argv[1:5]))",
            "");

    @TempDir
    Path dir;

    @Test
    void pythonClientPresentsItsCertificateAndOneWithoutIsRefused() throws Exception {
        String why = PythonPeer.unavailableReason();
        assumeTrue(why == null, () -> "python-websockets peer skipped: " + why);
        Path serverStore = keyPair("server", "ip:127.0.0.1");
        Path clientStore = keyPair("python", null);
        Path serverPem = pem(dir.resolve("server.pem"), certificate(serverStore));
        Path clientPem = pem(dir.resolve("client.pem"), certificate(clientStore));
        Path clientKey = dir.resolve("client.key");
        Files.writeString(clientKey, pemBlock("PRIVATE KEY",
                load(clientStore).getKey("python", PASSWORD.toCharArray()).getEncoded()));

        TrustManagerFactory trustClient = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("python", certificate(clientStore));
        trustClient.init(trust);
        TlsOptions tls = TlsOptions.builder().keyStore(serverStore, PASSWORD.toCharArray())
                .trustManagers(trustClient.getTrustManagers()).clientAuth(TlsOptions.ClientAuth.NEED).build();
        ServerOptions options = ServerOptions.builder().address(new InetSocketAddress("127.0.0.1", 0))
                .tlsOptions(tls).build();
        try (WebSocketServer server = WebSockets.serve(options, c -> {
            String peer;
            try {
                peer = ((X509Certificate) c.sslSession().orElseThrow().getPeerCertificates()[0])
                        .getSubjectX500Principal().getName();
            } catch (SSLPeerUnverifiedException e) {
                peer = "nobody";
            }
            c.sendText("hello " + peer);
            for (Message m; (m = c.receive()) != null;) {
                c.send(m);
            }
        })) {
            String uri = "wss://127.0.0.1:" + server.port() + "/";
            ExternalPeer.Result ok = ExternalPeer.run(List.of(PythonPeer.PYTHON, "-c", SCRIPT, uri,
                    serverPem.toString(), clientPem.toString(), clientKey.toString()), RUN_TIMEOUT);
            assertEquals(0, ok.exitCode(), ok.output());
            assertTrue(ok.output().contains("GREETING hello CN=python"), ok.output());
            assertTrue(ok.output().contains("ECHO from python"), ok.output());

            ExternalPeer.Result refused = ExternalPeer.run(List.of(PythonPeer.PYTHON, "-c", SCRIPT, uri,
                    serverPem.toString(), "", ""), RUN_TIMEOUT);
            assertNotEquals(0, refused.exitCode(), refused.output());
            assertTrue(!refused.output().contains("GREETING"), refused.output());
        }
    }

    /** A PKCS12 key store with a self-signed EC key named CN={@code alias}, made by the JDK's keytool. */
    private Path keyPair(String alias, String san) throws Exception {
        Path file = dir.resolve(alias + ".p12");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", alias,
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + alias, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (san != null) {
            cmd.addAll(List.of("-ext", "san=" + san));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("keytool failed: " + output);
        }
        return file;
    }

    private static KeyStore load(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }

    private static X509Certificate certificate(Path store) throws Exception {
        KeyStore ks = load(store);
        return (X509Certificate) ks.getCertificate(ks.aliases().nextElement());
    }

    private static Path pem(Path file, X509Certificate cert) throws Exception {
        return Files.writeString(file, pemBlock("CERTIFICATE", cert.getEncoded()));
    }

    private static String pemBlock(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
