package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.TrustManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import net.websocket.api.Connection;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/**
 * A server whose key store file is replaced while it runs ({@link TlsOptions.Builder#reloadOnChange}): new
 * connections get the new certificate, the connection opened before keeps working, and a file that cannot be used
 * leaves the server serving the last good certificate; likewise a replaced trust store decides which client
 * certificates new handshakes accept. The servers look at the files at every new connection (a check interval of
 * zero), or, to show that nothing is looked at sooner, once an hour, so the tests wait for nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsReloadTest {

    @TempDir
    Path dir;

    @Test
    void aReplacedKeyStoreServesNewConnectionsWhileOpenOnesGoOn() throws Exception {
        Path first = TestCerts.generate(dir, "first", "ip:127.0.0.1");
        Path second = TestCerts.generate(dir, "second", "ip:127.0.0.1");
        X509Certificate firstCert = TestCerts.certificate(first);
        X509Certificate secondCert = TestCerts.certificate(second);
        Path live = dir.resolve("live.p12");
        Files.copy(first, live);
        TlsOptions tls = TlsOptions.builder().keyStore(live, TestCerts.PASSWORD.toCharArray())
                .reloadOnChange(Duration.ZERO).build();
        WebSocketClient client = WebSockets.client(ClientOptions.builder()
                .tlsOptions(TlsOptions.builder().trustManagers(TestCerts.trustManagers(firstCert, secondCert)).build())
                .closeTimeout(Duration.ofSeconds(3)).build());
        try (WebSocketServer server = WebSockets.serve(TestSupport.options().tlsOptions(tls).build(),
                TestSupport.ECHO)) {
            java.net.URI uri = java.net.URI.create("wss://127.0.0.1:" + server.port() + "/");
            try (Connection old = client.connect(uri)) {
                assertEquals(firstCert, served(old));
                echoes(old, "before");

                replace(live, second);
                try (Connection fresh = client.connect(uri)) {
                    assertEquals(secondCert, served(fresh), "a new connection gets the new certificate");
                    echoes(fresh, "new");
                }
                echoes(old, "the old connection goes on");
                assertFalse(old.isClosed());
                assertEquals(firstCert, served(old));

                // a broken file (half written, say) leaves the last good key in use
                Path broken = dir.resolve("broken.p12");
                Files.write(broken, new byte[] {1, 2, 3});
                replace(live, broken);
                try (Connection still = client.connect(uri)) {
                    assertEquals(secondCert, served(still), "the last good certificate");
                }
                replace(live, first);
                try (Connection back = client.connect(uri)) {
                    assertEquals(firstCert, served(back), "a good file again is taken again");
                }
                echoes(old, "still there");
            }
        }
    }

    @Test
    void withoutReloadingTheKeyStoreIsReadOnce() throws Exception {
        Path first = TestCerts.generate(dir, "first", "ip:127.0.0.1");
        Path second = TestCerts.generate(dir, "second", "ip:127.0.0.1");
        X509Certificate firstCert = TestCerts.certificate(first);
        Path live = dir.resolve("live.p12");
        Files.copy(first, live);
        WebSocketClient client = WebSockets.client(ClientOptions.builder().sslContext(TestCerts.trusting(firstCert,
                TestCerts.certificate(second))).closeTimeout(Duration.ofSeconds(3)).build());
        try (WebSocketServer server = WebSockets.serve(TestSupport.options()
                .tls(live, TestCerts.PASSWORD.toCharArray()).build(), TestSupport.ECHO)) {
            java.net.URI uri = java.net.URI.create("wss://127.0.0.1:" + server.port() + "/");
            replace(live, second);
            try (Connection c = client.connect(uri)) {
                assertEquals(firstCert, served(c), "ServerOptions.tls(Path, char[]) reads the file once");
            }
        }
    }

    @Test
    void theFilesAreNotLookedAtAgainBeforeTheCheckIntervalHasPassed() throws Exception {
        Path first = TestCerts.generate(dir, "first", "ip:127.0.0.1");
        Path second = TestCerts.generate(dir, "second", "ip:127.0.0.1");
        X509Certificate firstCert = TestCerts.certificate(first);
        Path live = dir.resolve("live.p12");
        Files.copy(first, live);
        TlsOptions tls = TlsOptions.builder().keyStore(live, TestCerts.PASSWORD.toCharArray())
                .reloadOnChange(Duration.ofHours(1)).build();
        WebSocketClient client = WebSockets.client(ClientOptions.builder().sslContext(TestCerts.trusting(firstCert,
                TestCerts.certificate(second))).closeTimeout(Duration.ofSeconds(3)).build());
        try (WebSocketServer server = WebSockets.serve(TestSupport.options().tlsOptions(tls).build(),
                TestSupport.ECHO)) {
            java.net.URI uri = java.net.URI.create("wss://127.0.0.1:" + server.port() + "/");
            replace(live, second);
            try (Connection c = client.connect(uri)) {
                assertEquals(firstCert, served(c), "an hour has not passed since the files were read");
            }
        }
    }

    @Test
    void aReplacedTrustStoreDecidesWhichClientCertificatesNewHandshakesAccept() throws Exception {
        Path caA = TestCerts.authority(dir, "ca-a");
        Path caB = TestCerts.authority(dir, "ca-b");
        Path serverStore = TestCerts.generate(dir, "server", "ip:127.0.0.1");
        Path alice = TestCerts.signed(dir, caA, "alice", null);
        Path bob = TestCerts.signed(dir, caB, "bob", null);
        Path trustA = TestCerts.trustStore(dir.resolve("trust-a.p12"), caA);
        Path trustB = TestCerts.trustStore(dir.resolve("trust-b.p12"), caB);
        Path live = dir.resolve("trust.p12");
        Files.copy(trustA, live);
        char[] password = TestCerts.PASSWORD.toCharArray();
        TlsOptions tls = TlsOptions.builder().keyStore(serverStore, password).trustStore(live, password)
                .clientAuth(TlsOptions.ClientAuth.NEED).reloadOnChange(Duration.ZERO).build();
        TrustManager[] trustServer = TestCerts.trustManagers(TestCerts.certificate(serverStore));
        WebSocketClient asAlice = WebSockets.client(ClientOptions.builder().tlsOptions(TlsOptions.builder()
                .trustManagers(trustServer).keyStore(alice, password).build()).closeTimeout(Duration.ofSeconds(3))
                .build());
        WebSocketClient asBob = WebSockets.client(ClientOptions.builder().tlsOptions(TlsOptions.builder()
                .trustManagers(trustServer).keyStore(bob, password).build()).closeTimeout(Duration.ofSeconds(3))
                .build());
        try (WebSocketServer server = WebSockets.serve(TestSupport.options().tlsOptions(tls).build(),
                TestSupport.ECHO)) {
            java.net.URI uri = java.net.URI.create("wss://127.0.0.1:" + server.port() + "/");
            try (Connection old = asAlice.connect(uri)) {
                echoes(old, "alice, vouched for by authority A");
                assertThrows(IOException.class, () -> asBob.connect(uri), "authority B is not trusted yet");

                replace(live, trustB);
                try (Connection c = asBob.connect(uri)) {
                    echoes(c, "bob, vouched for by authority B");
                }
                assertThrows(IOException.class, () -> asAlice.connect(uri), "authority A is trusted no more");
                echoes(old, "the connection alice opened before goes on");
            }
        }
    }

    /** Replaces {@code target} by a copy of {@code source} in one step, as a deployment should. */
    private static void replace(Path target, Path source) throws Exception {
        Path tmp = Files.createTempFile(target.getParent(), "next", ".p12");
        Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static X509Certificate served(Connection c) throws Exception {
        return (X509Certificate) c.sslSession().orElseThrow().getPeerCertificates()[0];
    }

    private static void echoes(Connection c, String text) throws Exception {
        c.sendText(text);
        assertEquals(text, c.receiveText());
        assertNotEquals(null, c.sslSession().orElseThrow().getProtocol());
    }
}
