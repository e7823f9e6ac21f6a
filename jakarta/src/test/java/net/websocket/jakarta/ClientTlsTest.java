package net.websocket.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.websocket.runtime.ClientOptions;

/**
 * The client container over {@code wss://} ({@code WebSocketContainer.connectToServer} with a secure URI), against
 * this module's server container with a self-signed certificate made for the test by the JDK's {@code keytool}; the
 * client trusts it through the container's {@link ClientOptions} (its TLS context).
 */
public class ClientTlsTest {

    static final String PASSWORD = "changeit";
    private static final long WAIT = 10;

    /** Echoes, saying whether its session is secure. */
    @ServerEndpoint("/secure-echo")
    public static class SecureEcho {
        @OnMessage
        public String echo(String text, Session session) {
            return text + " " + session.isSecure();
        }
    }

    /** Keeps what it receives. */
    @ClientEndpoint
    public static class Received {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

        @OnMessage
        public void text(String text) {
            texts.add(text);
        }
    }

    @TempDir
    static Path dir;
    static Path keyStore;
    static JakartaServerContainer server;

    @BeforeAll
    static void start() throws Exception {
        keyStore = selfSigned(dir);
        server = new JakartaServerContainer();
        server.addEndpoint(SecureEcho.class);
        server.start(Servers.loopback().toBuilder().tls(keyStore, PASSWORD.toCharArray()).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /**
     * {@code connectToServer} over wss: the session is secure and its request URI is the wss one; messages go both
     * ways through TLS. A container whose TLS context does not trust the certificate fails with an
     * {@code IOException}, as for any connection that cannot be made.
     */
    @Test
    void theClientConnectsOverWss() throws Exception {
        URI uri = URI.create("wss://127.0.0.1:" + server.server().port() + "/secure-echo?q=1");
        try (JakartaClientContainer client = new JakartaClientContainer(ClientOptions.builder()
                .sslContext(trusting(keyStore)).ioThreads(1).build())) {
            Received received = new Received();
            Session session = client.connectToServer(received, uri);
            assertTrue(session.isSecure());
            assertEquals(uri, session.getRequestURI());
            session.getBasicRemote().sendText("over tls");
            assertEquals("over tls true", received.texts.poll(WAIT, TimeUnit.SECONDS));
            session.close();
        }
    }

    @Test
    void anUntrustedCertificateIsAnIoException() throws Exception {
        URI uri = URI.create("wss://127.0.0.1:" + server.server().port() + "/secure-echo");
        try (JakartaClientContainer client = new JakartaClientContainer(ClientOptions.builder()
                .sslContext(trustingNothing()).ioThreads(1).build())) {
            assertThrows(IOException.class, () -> client.connectToServer(new Received(), uri));
        }
    }

    /**
     * A configuration's own {@code SSLContext} (new in 2.1) is the TLS context of its connections: a container whose
     * client trusts nothing here connects an endpoint whose configuration trusts the server's certificate, and the
     * same container without that configuration still fails; a configuration whose context trusts nothing fails on
     * a container that trusts the server.
     */
    @Test
    void aConfigurationsOwnSslContextIsUsedForItsConnections() throws Exception {
        URI uri = URI.create("wss://127.0.0.1:" + server.server().port() + "/secure-echo");
        BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        Endpoint endpoint = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig endpointConfig) {
                session.addMessageHandler(String.class, texts::add);
            }
        };
        try (JakartaClientContainer client = new JakartaClientContainer(ClientOptions.builder()
                .sslContext(trustingNothing()).ioThreads(1).build())) {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create().sslContext(trusting(keyStore)).build();
            Session session = client.connectToServer(endpoint, config, uri);
            assertTrue(session.isSecure());
            session.getBasicRemote().sendText("own context");
            assertEquals("own context true", texts.poll(WAIT, TimeUnit.SECONDS));
            session.close();
            assertThrows(IOException.class, () -> client.connectToServer(new Received(), uri),
                    "the container's own context still trusts nothing");
        }
        try (JakartaClientContainer client = new JakartaClientContainer(ClientOptions.builder()
                .sslContext(trusting(keyStore)).ioThreads(1).build())) {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create().sslContext(trustingNothing()).build();
            assertThrows(IOException.class, () -> client.connectToServer(endpoint, config, uri));
        }
    }

    /** A client TLS context that trusts no certificate. */
    static SSLContext trustingNothing() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        TrustManagerFactory none = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        none.init(empty);
        ctx.init(null, none.getTrustManagers(), null);
        return ctx;
    }

    /** A PKCS12 key store with one EC key and its certificate for 127.0.0.1, made by keytool. */
    static Path selfSigned(Path dir) throws Exception {
        return selfSigned(dir, "server", "CN=127.0.0.1", "SAN=ip:127.0.0.1");
    }

    /**
     * A PKCS12 key store {@code <alias>.p12} with one EC key and its self-signed certificate, made by keytool.
     *
     * @param dir       where
     * @param alias     the key's alias and the file's name
     * @param dname     the certificate's subject
     * @param extension a {@code -ext} of keytool
     */
    static Path selfSigned(Path dir, String alias, String dname, String extension) throws Exception {
        Path ks = dir.resolve(alias + ".p12");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-alias", alias, "-keyalg", "EC", "-keysize", "256", "-dname",
                dname, "-ext", extension, "-validity", "2", "-keystore", ks.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("keytool failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return ks;
    }

    /** A client TLS context that trusts exactly the certificate of this key store. */
    static SSLContext trusting(Path keyStore) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, trustManagers(keyStore), null);
        return ctx;
    }

    /** Trust managers that trust exactly the certificate of this key store. */
    static TrustManager[] trustManagers(Path keyStore) throws Exception {
        KeyStore ks = KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray());
        Certificate cert = ks.getCertificate(ks.aliases().nextElement());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("trusted", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf.getTrustManagers();
    }
}
