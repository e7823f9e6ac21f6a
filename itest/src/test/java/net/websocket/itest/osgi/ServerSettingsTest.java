package net.websocket.itest.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import net.websocket.api.CloseCodes;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.HandshakeException;
import net.websocket.api.Listener;
import net.websocket.api.WebSocketClient;
import net.websocket.api.whiteboard.WebSocketWhiteboard;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ClientOptions;
import net.websocket.runtime.TlsOptions;
import net.websocket.whiteboard.WhiteboardConfiguration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;

/** The newer server settings given by configuration: allowed origins, TLS from a key store, keepalive. */
class ServerSettingsTest {

    private static final String FACTORY_PID = WhiteboardConfiguration.SERVER_FACTORY_PID;
    private static final String SERVER = "net.websocket.api.WebSocketServer";
    /** The key store password; only ever in this test's temporary key store. */
    private static final String STORE_PASSWORD = "changeit-for-tests";

    private static OsgiFramework fw;

    @BeforeAll
    static void start() throws Exception {
        fw = OsgiFramework.start(false);
        fw.registerGreeter("hello", Map.of(WebSocketWhiteboard.PATH, "/h"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (fw != null) {
            fw.close();
        }
    }

    private static Map<String, Object> config() {
        Map<String, Object> p = new HashMap<>();
        p.put(WhiteboardConfiguration.HOST, "127.0.0.1");
        p.put(WhiteboardConfiguration.PORT, 0);
        p.put(ConnectionSettings.CLOSE_TIMEOUT.name(), 3000L);
        p.put(WhiteboardConfiguration.SHUTDOWN_TIMEOUT, 3000L);
        return p;
    }

    @Test
    void allowedOriginsRefuseOthersWithTheConfiguredAnswer() throws Exception {
        Map<String, Object> p = config();
        p.put(WhiteboardConfiguration.ALLOWED_ORIGINS, new String[] {"https://good.example"});
        Object config = fw.configure(FACTORY_PID, "origins", p);
        try {
            int port = fw.serverPort("origins");
            HandshakeException refused = assertThrows(HandshakeException.class,
                    () -> connect(port, "https://evil.example"));
            assertEquals(403, refused.status());
            try (Connection good = connect(port, "https://GOOD.example")) {
                assertEquals("hello", good.receiveText());
            }
            assertEquals("hello", Clients.greeting(port, "/h"), "a client without Origin is let in");

            // the answer is configurable too; the change rebinds the server
            long before = serviceId("origins");
            p.put(WhiteboardConfiguration.ACCESS_DENIED_STATUS, 451);
            OsgiFramework.update(config, p);
            fw.await(SERVER, "(&(websocket.server=origins)(!(service.id=" + before + ")))");
            int again = fw.serverPort("origins");
            assertEquals(451, assertThrows(HandshakeException.class, () -> connect(again, "https://evil.example"))
                    .status());
        } finally {
            OsgiFramework.deleteConfiguration(config);
            fw.awaitGone(SERVER, "(websocket.server=origins)");
        }
    }

    @Test
    void aKeyStoreMakesItServeTls() throws Exception {
        Path store = keyStore(fw.work().resolve("server.p12"));
        Map<String, Object> p = config();
        p.put(WhiteboardConfiguration.KEY_STORE, store.toString());
        p.put(WhiteboardConfiguration.KEY_STORE_PASSWORD, STORE_PASSWORD);
        p.put(WhiteboardConfiguration.KEY_STORE_TYPE, "PKCS12");
        Object config = fw.configure(FACTORY_PID, "secure", p);
        WebSocketClient tlsClient = WebSockets.client(ClientOptions.builder().sslContext(trusting(store))
                .closeTimeout(Duration.ofSeconds(3)).build());
        try {
            ServiceReference<?> ref = fw.await(SERVER, "(&(websocket.server=secure)(websocket.server.tls=true))");
            int port = (Integer) ref.getProperty(WhiteboardConfiguration.SERVER_PORT);
            try (Connection c = tlsClient.connect(URI.create("wss://127.0.0.1:" + port + "/h"))) {
                assertEquals("hello", c.receiveText());
                c.sendText("over tls");
                assertEquals("over tls", c.receiveText());
            }
            assertThrows(IOException.class, () -> Clients.greeting(port, "/h"), "plain ws:// to a TLS port");
            assertTrue(fw.command("servers").contains("wss://127.0.0.1:" + port), fw.command("servers"));

            // a wrong password: reported (without the password), and no server
            p.put(WhiteboardConfiguration.KEY_STORE_PASSWORD, "wrong-password");
            OsgiFramework.update(config, p);
            fw.awaitGone(SERVER, "(websocket.server=secure)");
            String servers = awaitServers("cannot use key store");
            assertFalse(servers.contains("wrong-password"), servers);
        } finally {
            OsgiFramework.deleteConfiguration(config);
            fw.awaitGone(SERVER, "(websocket.server=secure)");
        }
    }

    @Test
    void aReplacedKeyStoreIsServedToNewConnectionsWithoutRebinding() throws Exception {
        Path first = keyStore(fw.work().resolve("first.p12"), "first");
        Path second = keyStore(fw.work().resolve("second.p12"), "second");
        Path live = fw.work().resolve("live.p12");
        Files.copy(first, live, StandardCopyOption.REPLACE_EXISTING);
        Map<String, Object> p = config();
        p.put(WhiteboardConfiguration.KEY_STORE, live.toString());
        p.put(WhiteboardConfiguration.KEY_STORE_PASSWORD, STORE_PASSWORD);
        p.put(WhiteboardConfiguration.TLS_RELOAD_INTERVAL, 0L); // look at every new connection
        Object config = fw.configure(FACTORY_PID, "reloading", p);
        WebSocketClient tlsClient = WebSockets.client(ClientOptions.builder().sslContext(trusting(first, second))
                .closeTimeout(Duration.ofSeconds(3)).build());
        try {
            ServiceReference<?> ref = fw.await(SERVER, "(&(websocket.server=reloading)(websocket.server.tls=true))");
            int port = (Integer) ref.getProperty(WhiteboardConfiguration.SERVER_PORT);
            URI uri = URI.create("wss://127.0.0.1:" + port + "/h");
            try (Connection old = tlsClient.connect(uri)) {
                assertEquals("hello", old.receiveText());
                assertEquals("CN=first", subject(old));

                Path next = Files.createTempFile(fw.work(), "next", ".p12");
                Files.copy(second, next, StandardCopyOption.REPLACE_EXISTING);
                Files.move(next, live, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                try (Connection fresh = tlsClient.connect(uri)) {
                    assertEquals("hello", fresh.receiveText());
                    assertEquals("CN=second", subject(fresh), "the new key, for a new connection");
                }
                old.sendText("still here");
                assertEquals("still here", old.receiveText(), "the open connection is not affected");
                assertEquals(ref.getProperty("service.id"), serviceId("reloading"), "no rebinding");
            }
        } finally {
            OsgiFramework.deleteConfiguration(config);
            fw.awaitGone(SERVER, "(websocket.server=reloading)");
        }
    }

    @Test
    void aNeededClientCertificateIsCheckedAgainstTheTrustStore() throws Exception {
        Path serverStore = keyStore(fw.work().resolve("mtls-server.p12"), "127.0.0.1");
        Path clientStore = keyStore(fw.work().resolve("mtls-client.p12"), "client");
        Path trustStore = fw.work().resolve("mtls-trust.p12");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("client", load(clientStore).getCertificate("server"));
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, STORE_PASSWORD.toCharArray());
        }
        Map<String, Object> p = config();
        p.put(WhiteboardConfiguration.KEY_STORE, serverStore.toString());
        p.put(WhiteboardConfiguration.KEY_STORE_PASSWORD, STORE_PASSWORD);
        p.put(WhiteboardConfiguration.TRUST_STORE, trustStore.toString());
        p.put(WhiteboardConfiguration.TRUST_STORE_PASSWORD, STORE_PASSWORD);
        p.put(WhiteboardConfiguration.CLIENT_AUTH, "need");
        p.put(WhiteboardConfiguration.TLS_PROTOCOLS, new String[] {"TLSv1.3"});
        Object config = fw.configure(FACTORY_PID, "mutual", p);
        try {
            int port = (Integer) fw.await(SERVER, "(&(websocket.server=mutual)(websocket.server.tls=true))")
                    .getProperty(WhiteboardConfiguration.SERVER_PORT);
            URI uri = URI.create("wss://127.0.0.1:" + port + "/h");
            TlsOptions anonymous = TlsOptions.builder().context(trusting(serverStore)).build();
            assertThrows(IOException.class, () -> WebSockets.client(ClientOptions.builder().tlsOptions(anonymous)
                    .build()).connect(uri), "no client certificate");
            TlsOptions withCertificate = TlsOptions.builder()
                    .keyStore(clientStore, STORE_PASSWORD.toCharArray()).trustStore(trustStoreOf(serverStore),
                            STORE_PASSWORD.toCharArray()).build();
            try (Connection c = WebSockets.client(ClientOptions.builder().tlsOptions(withCertificate).build())
                    .connect(uri)) {
                assertEquals("hello", c.receiveText());
                assertEquals("TLSv1.3", c.sslSession().orElseThrow().getProtocol());
            }
        } finally {
            OsgiFramework.deleteConfiguration(config);
            fw.awaitGone(SERVER, "(websocket.server=mutual)");
        }
    }

    @Test
    void changingThePingIntervalRebindsWithKeepalive() throws Exception {
        Map<String, Object> p = config();
        p.put(ConnectionSettings.PING_INTERVAL.name(), 0L);
        Object config = fw.configure(FACTORY_PID, "keepalive", p);
        try {
            int port = fw.serverPort("keepalive");
            long before = serviceId("keepalive");
            Pings quiet = new Pings();
            Connection old = Clients.CLIENT.connect(OsgiFramework.uri(port, "/h"),
                    ConnectRequest.builder().listener(quiet).timeout(Duration.ofSeconds(10)).build());
            assertFalse(quiet.first.await(600, TimeUnit.MILLISECONDS), "no keepalive pings while it is off");

            p.put(ConnectionSettings.PING_INTERVAL.name(), 100L);
            OsgiFramework.update(config, p);
            ServiceReference<?> ref = fw.await(SERVER, "(&(websocket.server=keepalive)(!(service.id=" + before
                    + ")))");
            assertEquals(CloseCodes.GOING_AWAY, Clients.closeStatus(old).code(), "rebinding closes with 1001");
            int rebound = (Integer) ref.getProperty(WhiteboardConfiguration.SERVER_PORT);
            assertNotEquals(0, rebound);
            Pings pinged = new Pings();
            try (Connection c = Clients.CLIENT.connect(OsgiFramework.uri(rebound, "/h"),
                    ConnectRequest.builder().listener(pinged).timeout(Duration.ofSeconds(10)).build())) {
                assertTrue(pinged.first.await(10, TimeUnit.SECONDS), "keepalive pings after the change");
                assertFalse(c.isClosed());
            }
        } finally {
            OsgiFramework.deleteConfiguration(config);
            fw.awaitGone(SERVER, "(websocket.server=keepalive)");
        }
    }

    /** Counts down on the first ping from the server. */
    private static final class Pings implements Listener {
        final CountDownLatch first = new CountDownLatch(1);

        @Override
        public void onPing(Connection connection, ByteBuffer data) {
            first.countDown();
        }
    }

    private static Connection connect(int port, String origin) throws IOException {
        return Clients.CLIENT.connect(OsgiFramework.uri(port, "/h"), ConnectRequest.builder()
                .header("Origin", origin).timeout(Duration.ofSeconds(10)).build());
    }

    private static long serviceId(String server) throws InterruptedException {
        return (Long) fw.await(SERVER, "(websocket.server=" + server + ")").getProperty("service.id");
    }

    /** Polls {@code ws:servers} until it contains {@code text}; returns it. */
    private static String awaitServers(String text) throws Exception {
        long deadline = System.nanoTime() + OsgiFramework.WAIT.toNanos();
        String servers = fw.command("servers");
        while (!servers.contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            servers = fw.command("servers");
        }
        assertTrue(servers.contains(text), servers);
        return servers;
    }

    /** Makes a PKCS12 key store with a self-signed certificate for 127.0.0.1, using the JDK's keytool. */
    private static Path keyStore(Path file) throws Exception {
        return keyStore(file, "127.0.0.1");
    }

    /** Makes a PKCS12 key store with a self-signed certificate for 127.0.0.1 named CN={@code cn}, alias server. */
    private static Path keyStore(Path file, String cn) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + cn, "-ext", "san=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", STORE_PASSWORD,
                "-keypass", STORE_PASSWORD).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool finished");
        assertEquals(0, process.exitValue(), output);
        assertTrue(Files.size(file) > 0);
        return file;
    }

    /** A client TLS context that trusts the certificates of these key stores only. */
    private static SSLContext trusting(Path... stores) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < stores.length; i++) {
            trust.setCertificateEntry("server" + i, load(stores[i]).getCertificate("server"));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path store) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        return keys;
    }

    /** A trust store file holding the certificate of this key store. */
    private static Path trustStoreOf(Path store) throws Exception {
        Path file = store.resolveSibling("trusting-" + store.getFileName());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", load(store).getCertificate("server"));
        try (OutputStream out = Files.newOutputStream(file)) {
            trust.store(out, STORE_PASSWORD.toCharArray());
        }
        return file;
    }

    private static String subject(Connection c) throws Exception {
        return ((X509Certificate) c.sslSession().orElseThrow().getPeerCertificates()[0]).getSubjectX500Principal()
                .getName();
    }
}
