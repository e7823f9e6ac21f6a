package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.Handler;
import net.websocket.api.HandshakeDecision;
import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeHook;
import net.websocket.api.Message;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/**
 * {@link TlsOptions} end to end, with a certificate authority made in the test that signs the server's and a
 * client's certificates: client certificates (from a key store file or key managers, and from the JDK's own WebSocket
 * client) required or wanted, read from the server's connection; protocol versions and cipher suites restricted and
 * the negotiated ones read from the session; host name verification on by default; the server name (SNI) a client
 * asked for, seen by the server.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MutualTlsTest {

    @TempDir
    static Path dir;

    /** The authority's key store. */
    static Path ca;
    /** The server's key, for localhost and 127.0.0.1, signed by the authority. */
    static Path serverStore;
    /** A client's key, CN=alice, signed by the authority. */
    static Path aliceStore;
    /** A self-signed server key for another host name only. */
    static Path otherStore;
    static TrustManager[] trustCa;

    @BeforeAll
    static void certificates() throws Exception {
        ca = TestCerts.authority(dir, "test-ca");
        serverStore = TestCerts.signed(dir, ca, "localhost", "dns:localhost,ip:127.0.0.1");
        aliceStore = TestCerts.signed(dir, ca, "alice", null);
        otherStore = TestCerts.generate(dir, "other", "dns:other.example");
        trustCa = TestCerts.trustManagers(TestCerts.certificate(ca));
    }

    /** What the server saw of each connection's TLS session. */
    record Seen(String peer, String protocol, String cipherSuite, List<SNIServerName> serverNames) {
    }

    /** A server with these TLS settings that records what it sees of each connection, and echoes. */
    private static final class Recording implements AutoCloseable {
        final LinkedBlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        final WebSocketServer server;

        Recording(TlsOptions tls) throws IOException {
            Handler h = c -> {
                SSLSession s = c.sslSession().orElseThrow();
                String peer;
                try {
                    peer = ((X509Certificate) s.getPeerCertificates()[0]).getSubjectX500Principal().getName();
                } catch (SSLPeerUnverifiedException e) {
                    peer = "none";
                }
                seen.add(new Seen(peer, s.getProtocol(), s.getCipherSuite(),
                        ((ExtendedSSLSession) s).getRequestedServerNames()));
                for (Message m; (m = c.receive()) != null;) {
                    c.send(m);
                }
            };
            server = WebSockets.serve(TestSupport.options().tlsOptions(tls).build(), h);
        }

        Seen next() throws InterruptedException {
            Seen s = seen.poll(20, TimeUnit.SECONDS);
            assertTrue(s != null, "the server saw no connection");
            return s;
        }

        URI uri(String host) {
            return URI.create("wss://" + host + ":" + server.port() + "/");
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private static TlsOptions.Builder serverTls() throws IOException {
        return TlsOptions.builder().keyStore(serverStore, TestCerts.PASSWORD.toCharArray()).trustManagers(trustCa);
    }

    private static WebSocketClient client(TlsOptions tls) {
        return WebSockets.client(ClientOptions.builder().tlsOptions(tls).closeTimeout(Duration.ofSeconds(3)).build());
    }

    /** A client that trusts the authority and presents alice's certificate. */
    private static TlsOptions.Builder alice() throws IOException {
        return TlsOptions.builder().trustManagers(trustCa).keyStore(aliceStore, TestCerts.PASSWORD.toCharArray());
    }

    /** A client that trusts the authority and has no certificate. */
    private static TlsOptions.Builder anonymous() {
        return TlsOptions.builder().trustManagers(trustCa);
    }

    private static void echoes(Connection c) throws IOException {
        c.sendText("over mutual TLS");
        assertEquals("over mutual TLS", c.receiveText());
    }

    // ------------------------------------------------------------------------------ client certificates

    @Test
    void neededClientCertificateIsReadFromTheConnectionAndItsAbsenceRefused() throws Exception {
        try (Recording r = new Recording(serverTls().clientAuth(TlsOptions.ClientAuth.NEED).build())) {
            try (Connection c = client(alice().build()).connect(r.uri("localhost"))) {
                echoes(c);
                assertEquals("CN=alice", r.next().peer(), "the client's certificate, read by the server");
                X509Certificate server = (X509Certificate) c.sslSession().orElseThrow().getPeerCertificates()[0];
                assertEquals("CN=localhost", server.getSubjectX500Principal().getName(), "the client's view");
            }
            assertThrows(IOException.class, () -> client(anonymous().build()).connect(r.uri("localhost")),
                    "a client without a certificate is refused");
            try (Connection c = client(alice().build()).connect(r.uri("localhost"))) {
                echoes(c); // the refusal disturbed nothing
            }
            assertEquals("CN=alice", r.next().peer());
            assertTrue(r.seen.isEmpty(), "the refused client never reached the endpoint: " + r.seen);
        }
    }

    @Test
    void wantedClientCertificateIsReadWhenPresentedAndOptionalOtherwise() throws Exception {
        try (Recording r = new Recording(serverTls().clientAuth(TlsOptions.ClientAuth.WANT).build())) {
            try (Connection c = client(alice().build()).connect(r.uri("localhost"))) {
                echoes(c);
            }
            assertEquals("CN=alice", r.next().peer());
            try (Connection c = client(anonymous().build()).connect(r.uri("localhost"))) {
                echoes(c);
            }
            assertEquals("none", r.next().peer());
        }
    }

    @Test
    void withoutClientAuthNoCertificateIsAsked() throws Exception {
        try (Recording r = new Recording(serverTls().build())) {
            try (Connection c = client(alice().build()).connect(r.uri("localhost"))) {
                echoes(c);
            }
            assertEquals("none", r.next().peer(), "the client offered its certificate to nobody");
        }
    }

    @Test
    void aClientCertificateFromAnotherAuthorityIsRefused() throws Exception {
        try (Recording r = new Recording(serverTls().clientAuth(TlsOptions.ClientAuth.NEED).build())) {
            // the self-signed "other" key: a certificate the server's trust material does not vouch for
            TlsOptions stranger = anonymous().keyStore(otherStore, TestCerts.PASSWORD.toCharArray()).build();
            assertThrows(IOException.class, () -> client(stranger).connect(r.uri("localhost")));
            assertTrue(r.seen.isEmpty(), r.seen.toString());
        }
    }

    @Test
    void keyManagersPresentTheClientCertificateOfOurClientAndOfTheJdkClient() throws Exception {
        KeyManager[] aliceKeys = TestCerts.keyManagers(aliceStore);
        try (Recording r = new Recording(serverTls().clientAuth(TlsOptions.ClientAuth.NEED).build())) {
            try (Connection c = client(anonymous().keyManagers(aliceKeys).build()).connect(r.uri("localhost"))) {
                echoes(c);
            }
            assertEquals("CN=alice", r.next().peer(), "a client certificate held by key managers");

            // an independent client: the JDK's HttpClient WebSocket, with alice's key managers in its context
            SSLContext jdkContext = SSLContext.getInstance("TLS");
            jdkContext.init(aliceKeys, trustCa, null);
            LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
            java.net.http.WebSocket.Listener listener = new java.net.http.WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        got.add(text.toString());
                        text.setLength(0);
                    }
                    ws.request(1);
                    return null;
                }
            };
            java.net.http.WebSocket ws = HttpClient.newBuilder().sslContext(jdkContext).build().newWebSocketBuilder()
                    .buildAsync(r.uri("localhost"), listener).get(20, TimeUnit.SECONDS);
            ws.sendText("from the JDK", true).get(10, TimeUnit.SECONDS);
            assertEquals("from the JDK", got.poll(20, TimeUnit.SECONDS));
            assertEquals("CN=alice", r.next().peer(), "the JDK client's certificate, read by our server");
            ws.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theHandshakeHookDecidesByTheClientCertificate() throws Exception {
        Path bobStore = TestCerts.signed(dir, ca, "bob", null);
        HandshakeHook onlyAlice = request -> {
            X509Certificate client = (X509Certificate) request.sslSession().orElseThrow().getPeerCertificates()[0];
            return client.getSubjectX500Principal().getName().equals("CN=alice") ? HandshakeDecision.accept()
                    : HandshakeDecision.reject(403, "not you");
        };
        TlsOptions tls = serverTls().clientAuth(TlsOptions.ClientAuth.NEED).build();
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().tlsOptions(tls).handshakeHook(onlyAlice)
                .build(), TestSupport.ECHO)) {
            URI uri = URI.create("wss://localhost:" + s.port() + "/");
            try (Connection c = client(alice().build()).connect(uri)) {
                echoes(c);
            }
            TlsOptions bob = anonymous().keyStore(bobStore, TestCerts.PASSWORD.toCharArray()).build();
            HandshakeException e = assertThrows(HandshakeException.class, () -> client(bob).connect(uri));
            assertEquals(403, e.status(), "bob's certificate is good, but the hook wants alice");
        }
    }

    // ------------------------------------------------------------------------ protocols and cipher suites

    @Test
    void protocolVersionsAreRestrictedAndTheNegotiatedOneIsReadable() throws Exception {
        try (Recording r = new Recording(serverTls().protocols("TLSv1.3").build())) {
            assertThrows(IOException.class, () -> client(anonymous().protocols("TLSv1.2").build())
                    .connect(r.uri("localhost")), "no version in common");
            try (Connection c = client(anonymous().build()).connect(r.uri("localhost"))) {
                echoes(c);
                assertEquals("TLSv1.3", c.sslSession().orElseThrow().getProtocol());
            }
            assertEquals("TLSv1.3", r.next().protocol());
        }
        try (Recording r = new Recording(serverTls().build())) {
            try (Connection c = client(anonymous().protocols("TLSv1.2").build()).connect(r.uri("localhost"))) {
                echoes(c);
                assertEquals("TLSv1.2", c.sslSession().orElseThrow().getProtocol());
            }
            assertEquals("TLSv1.2", r.next().protocol(), "the client's limit, with a server that offers both");
        }
    }

    @Test
    void cipherSuitesAreRestricted() throws Exception {
        String gcm128 = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
        String gcm256 = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
        try (Recording r = new Recording(serverTls().protocols("TLSv1.2").cipherSuites(gcm256).build())) {
            assertThrows(IOException.class, () -> client(anonymous().cipherSuites(gcm128).build())
                    .connect(r.uri("localhost")), "no cipher suite in common");
            try (Connection c = client(anonymous().build()).connect(r.uri("localhost"))) {
                echoes(c);
                assertEquals(gcm256, c.sslSession().orElseThrow().getCipherSuite());
            }
            assertEquals(gcm256, r.next().cipherSuite());
        }
    }

    @Test
    void versionsOrSuitesNoneOfWhichIsSupportedFailAtBuildNotAtEveryConnection() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> serverTls().protocols("TLSv9.9").build());
        assertTrue(e.getMessage().contains("TLSv9.9"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> anonymous().cipherSuites("TLS_NO_SUCH_SUITE").build());
        TlsOptions some = serverTls().protocols("TLSv9.9", "TLSv1.3").build(); // the known one is enabled
        assertEquals(List.of("TLSv9.9", "TLSv1.3"), some.protocols());
        try (Recording r = new Recording(some);
                Connection c = client(anonymous().build()).connect(r.uri("localhost"))) {
            echoes(c);
            assertEquals("TLSv1.3", c.sslSession().orElseThrow().getProtocol());
        }
    }

    /**
     * A connection's own TLS context (ConnectRequest.sslContext) in place of the client's: one client whose own
     * context trusts nobody here connects with a request that trusts the authority and shows alice's certificate,
     * and is refused without it; the client's host name verification still applies to the request's context.
     */
    @Test
    void aRequestsOwnContextReplacesTheClientsTrustAndCertificate() throws Exception {
        SSLContext aliceContext = SSLContext.getInstance("TLS");
        aliceContext.init(TestCerts.keyManagers(aliceStore), trustCa, null);
        SSLContext trustsOther = TestCerts.trusting(TestCerts.certificate(otherStore));
        WebSocketClient client = client(TlsOptions.builder().context(trustsOther).build());
        try (Recording r = new Recording(serverTls().clientAuth(TlsOptions.ClientAuth.NEED).build())) {
            assertThrows(IOException.class, () -> client.connect(r.uri("localhost")),
                    "the client's own context trusts another certificate");
            ConnectRequest asAlice = ConnectRequest.builder().sslContext(aliceContext).build();
            try (Connection c = client.connect(r.uri("localhost"), asAlice)) {
                echoes(c);
                assertEquals("CN=localhost", ((X509Certificate) c.sslSession().orElseThrow()
                        .getPeerCertificates()[0]).getSubjectX500Principal().getName());
            }
            assertEquals("CN=alice", r.next().peer(), "the request's key managers showed alice's certificate");
            assertTrue(r.seen.isEmpty(), r.seen.toString());
        }
        // the request's context, the client's host name verification: other.example's certificate, trusted by the
        // request, still does not do for localhost
        try (Recording r = new Recording(TlsOptions.builder().keyStore(otherStore, TestCerts.PASSWORD.toCharArray())
                .build())) {
            WebSocketClient trustsCa = client(anonymous().build());
            assertThrows(IOException.class, () -> trustsCa.connect(r.uri("localhost"),
                    ConnectRequest.builder().sslContext(trustsOther).build()));
            WebSocketClient unverified = client(anonymous().insecureNoHostnameVerification().build());
            try (Connection c = unverified.connect(r.uri("localhost"),
                    ConnectRequest.builder().sslContext(trustsOther).build())) {
                echoes(c);
            }
        }
    }

    // ------------------------------------------------------------------------ host names and SNI

    @Test
    void hostNameVerificationIsOnByDefaultAndOffOnlyWhenSaidSo() throws Exception {
        X509Certificate other = TestCerts.certificate(otherStore);
        TlsOptions trustsOther = TlsOptions.builder().trustManagers(TestCerts.trustManagers(other)).build();
        try (Recording r = new Recording(TlsOptions.builder().keyStore(otherStore, TestCerts.PASSWORD.toCharArray())
                .build())) {
            assertTrue(trustsOther.hostnameVerification());
            assertThrows(IOException.class, () -> client(trustsOther).connect(r.uri("localhost")),
                    "a certificate for other.example does not do for localhost");
            try (Connection c = client(trustsOther.toBuilder().insecureNoHostnameVerification().build())
                    .connect(r.uri("localhost"))) {
                echoes(c);
                Certificate[] chain = c.sslSession().orElseThrow().getPeerCertificates();
                assertEquals(other, chain[0]);
            }
        }
    }

    @Test
    void theServerSeesTheServerNameTheClientAskedFor() throws Exception {
        try (Recording r = new Recording(serverTls().build())) {
            try (Connection c = client(anonymous().build()).connect(r.uri("localhost"))) {
                echoes(c);
            }
            List<SNIServerName> names = r.next().serverNames();
            assertEquals(1, names.size(), names.toString());
            assertEquals("localhost", new String(names.get(0).getEncoded(), StandardCharsets.US_ASCII));
            try (Connection c = client(anonymous().build()).connect(r.uri("127.0.0.1"))) {
                echoes(c);
            }
            assertEquals(List.of(), r.next().serverNames(), "no SNI for an IP literal");
        }
    }

    @Test
    void aPlainConnectionHasNoSession() throws Exception {
        try (WebSocketServer s = TestSupport.serve(TestSupport.ECHO);
                Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"))) {
            assertTrue(c.sslSession().isEmpty());
        }
    }
}
