package net.websocket.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import net.websocket.runtime.ClientOptions;
import net.websocket.runtime.TlsOptions;

/**
 * On the container's own port over TLS, a client that presents a certificate is the user of its handshake and
 * session: {@code HandshakeRequest#getUserPrincipal} in {@code modifyHandshake} and {@code Session#getUserPrincipal}
 * are the certificate's subject, with no roles and no HTTP session (those come from a servlet container).
 */
@Timeout(60)
public class ClientCertificateTest {

    private static final long WAIT = 10;

    /** Says who its handshake and its session belong to. */
    @ServerEndpoint(value = "/whoami", configurator = WhoAmI.Records.class)
    public static class WhoAmI {
        @OnOpen
        public void open(Session session, EndpointConfig config) throws Exception {
            session.getBasicRemote().sendText(String.valueOf(config.getUserProperties().get("handshake")));
        }

        @OnMessage
        public String message(String text, Session session) {
            Principal user = session.getUserPrincipal();
            return "session " + (user == null ? null : user.getName());
        }

        /** Records what {@code modifyHandshake} sees. */
        public static class Records extends ServerEndpointConfig.Configurator {
            @Override
            public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request,
                    HandshakeResponse response) {
                Principal user = request.getUserPrincipal();
                sec.getUserProperties().put("handshake", "handshake " + (user == null ? null : user.getName())
                        + " role=" + request.isUserInRole("any") + " httpSession=" + request.getHttpSession());
            }
        }
    }

    @Test
    void theClientsCertificateIsTheUserOfTheHandshakeAndTheSession(@TempDir Path dir) throws Exception {
        Path serverKey = ClientTlsTest.selfSigned(dir);
        Path aliceKey = ClientTlsTest.selfSigned(dir, "alice", "CN=alice", "KeyUsage=digitalSignature");
        char[] password = ClientTlsTest.PASSWORD.toCharArray();
        try (JakartaServerContainer server = new JakartaServerContainer()) {
            server.addEndpoint(WhoAmI.class);
            server.start(Servers.loopback().toBuilder().tlsOptions(TlsOptions.builder()
                    .keyStore(serverKey, password).trustManagers(ClientTlsTest.trustManagers(aliceKey))
                    .clientAuth(TlsOptions.ClientAuth.NEED).build()).build());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(KeyStore.getInstance(aliceKey.toFile(), password), password);
            SSLContext alice = SSLContext.getInstance("TLS");
            alice.init(kmf.getKeyManagers(), ClientTlsTest.trustManagers(serverKey), null);
            URI uri = URI.create("wss://127.0.0.1:" + server.server().port() + "/whoami");
            try (JakartaClientContainer client = new JakartaClientContainer(ClientOptions.builder()
                    .sslContext(alice).ioThreads(1).build())) {
                ClientTlsTest.Received received = new ClientTlsTest.Received();
                Session session = client.connectToServer(received, uri);
                assertEquals("handshake CN=alice role=false httpSession=null",
                        received.texts.poll(WAIT, TimeUnit.SECONDS));
                session.getBasicRemote().sendText("who?");
                assertEquals("session CN=alice", received.texts.poll(WAIT, TimeUnit.SECONDS));
                session.close();
            }
        }
    }
}
