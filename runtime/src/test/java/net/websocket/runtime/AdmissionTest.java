package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.internal.ServerImpl;

/**
 * Admission control, as a hostile client meets it on raw sockets: past {@code maxHandshakesInProgress} or
 * {@code maxConnectionsPerAddress} a new socket is answered 503 with {@code Retry-After} before it sends anything,
 * established connections keep echoing, one address's limit leaves other addresses alone, a flood of silent sockets
 * is held to the handshake limit and dropped at the handshake timeout, and the counts return to zero whatever way
 * the sockets end.
 */
class AdmissionTest {

    private static final InetAddress LOCAL = address("127.0.0.1");

    @Test
    void pastTheHandshakeLimitANewSocketGets503WhileAConnectionKeepsEchoing() throws Exception {
        int limit = 4;
        try (WebSocketServer s = serve(TestSupport.options().maxHandshakesInProgress(limit));
                Socket established = upgraded(s, null)) {
            ServerImpl impl = (ServerImpl) s;
            List<Socket> silent = new ArrayList<>();
            try {
                for (int i = 0; i < limit; i++) {
                    silent.add(Raw.open(s.port()));
                }
                Await.until("the silent sockets hold every handshake", () -> impl.handshakesInProgress() == limit);
                String answer = readAnswer(Raw.open(s.port()));
                assertRetryLater(answer, "too many handshakes in progress");
                assertEquals(limit, impl.handshakesInProgress(), "the refused socket counted nothing");
                echo(established, "still here");
            } finally {
                closeAll(silent);
            }
            Await.until("the handshakes end with their sockets", () -> impl.handshakesInProgress() == 0);
            try (Socket again = upgraded(s, null)) {
                echo(again, "admitted again");
            }
            echo(established, "and still here");
        }
    }

    @Test
    void pastTheAddressLimitThatAddressGets503AndOthersAreNotAffected() throws Exception {
        int limit = 3;
        InetAddress second = address("127.0.0.2");
        InetAddress third = address("127.0.0.3");
        try (WebSocketServer s = serve(TestSupport.options().maxConnectionsPerAddress(limit))) {
            ServerImpl impl = (ServerImpl) s;
            List<Socket> fromSecond = new ArrayList<>();
            try {
                fromSecond.add(upgraded(s, second));
                fromSecond.add(upgraded(s, second));
                Socket handshaking = open(s, second); // a handshake in progress counts too
                fromSecond.add(handshaking);
                Await.until("three sockets from 127.0.0.2", () -> impl.connectionsFrom(second) == limit);
                assertRetryLater(readAnswer(open(s, second)), "too many connections from your address");
                try (Socket other = upgraded(s, third)) {
                    echo(other, "another address is admitted");
                    assertEquals(1, impl.connectionsFrom(third));
                }
                echo(fromSecond.get(0), "established ones keep echoing");
                echo(fromSecond.get(1), "both of them");
                assertEquals(limit, impl.connectionsFrom(second));
                handshaking.close();
                Await.until("the handshake's count given back", () -> impl.connectionsFrom(second) == limit - 1);
                try (Socket again = upgraded(s, second)) {
                    echo(again, "admitted again below the limit");
                }
            } finally {
                closeAll(fromSecond);
            }
            Await.until("no count left", () -> impl.addressesCounted() == 0 && impl.handshakesInProgress() == 0);
        }
    }

    @Test
    void theCountsReturnToZeroWhateverWayTheSocketsEnd() throws Exception {
        try (WebSocketServer s = serve(TestSupport.options().maxHandshakesInProgress(8).maxConnectionsPerAddress(16)
                .handshakeTimeout(Duration.ofMillis(300)))) {
            ServerImpl impl = (ServerImpl) s;
            for (int round = 0; round < 3; round++) {
                // upgraded, then closed with a close frame
                try (Socket c = upgraded(s, null)) {
                    c.getOutputStream().write(Raw.clientFrame(0x88, new byte[] {0x03, (byte) 0xe8}));
                    assertEquals(8, Raw.readFrame(c.getInputStream()).opcode());
                    assertEquals(-1, c.getInputStream().read());
                }
                // upgraded, then reset
                Socket reset = upgraded(s, null);
                reset.setSoLinger(true, 0);
                reset.close();
                // refused by the handshake rules
                assertEquals(400, Raw.status(Raw.exchange(s.port(), "garbage\r\n\r\n")));
                // dropped in the middle of the head
                try (Socket mid = Raw.open(s.port())) {
                    mid.getOutputStream().write("GET / HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
                }
                // timed out without a word
                try (Socket silent = Raw.open(s.port())) {
                    assertEquals(-1, readOrEnd(silent.getInputStream()), "dropped at the handshake timeout");
                }
                // refused by admission itself
                List<Socket> held = new ArrayList<>();
                try {
                    for (int i = 0; i < 8; i++) {
                        held.add(Raw.open(s.port()));
                    }
                    Await.until("eight handshakes held", () -> impl.handshakesInProgress() == 8);
                    assertRetryLater(readAnswer(Raw.open(s.port())), "too many handshakes in progress");
                } finally {
                    closeAll(held);
                }
                Await.until("every count back to zero after round " + round, () -> impl.handshakesInProgress() == 0
                        && impl.addressesCounted() == 0 && impl.connectionsFrom(LOCAL) == 0
                        && s.connectionCount() == 0);
            }
        }
    }

    @Test
    void aFloodOfSilentSocketsIsHeldToTheHandshakeLimitAndDroppedAtTheTimeout() throws Exception {
        int limit = 16;
        int flood = 200;
        try (WebSocketServer s = serve(TestSupport.options().maxHandshakesInProgress(limit)
                .handshakeTimeout(Duration.ofMillis(2000)));
                Socket established = upgraded(s, null)) {
            ServerImpl impl = (ServerImpl) s;
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < flood; i++) {
                    sockets.add(Raw.open(s.port()));
                    assertTrue(impl.handshakesInProgress() <= limit, "at most the limit in progress");
                }
                echo(established, "served through the flood");
                int refused = 0;
                int dropped = 0;
                long t0 = System.nanoTime();
                for (Socket k : sockets) {
                    String answer = Raw.readToEnd(k.getInputStream()); // sending nothing
                    if (answer.isEmpty()) {
                        dropped++; // admitted, and closed at the handshake timeout without an answer
                    } else {
                        assertRetryLater(answer, "too many handshakes in progress");
                        refused++;
                    }
                }
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertEquals(flood, refused + dropped);
                assertTrue(dropped >= limit, "the first " + limit + " were admitted: " + dropped);
                // slots come free only as admitted sockets time out, so most of the flood is refused
                assertTrue(refused >= flood / 2, refused + " of " + flood + " refused");
                assertTrue(ms < 8_000, "every silent socket ended within " + ms + " ms");
            } finally {
                closeAll(sockets);
            }
            Await.until("no handshake left", () -> impl.handshakesInProgress() == 0);
            assertEquals(1, impl.connectionsFrom(LOCAL), "only the established connection counts");
            echo(established, "served after the flood");
        }
    }

    @Test
    void aTlsServerPastTheHandshakeLimitClosesWithoutAnAnswer(@TempDir Path dir) throws Exception {
        Path keyStore = TestCerts.generate(dir, "localhost", "ip:127.0.0.1");
        try (WebSocketServer s = serve(TestSupport.options().tls(TestCerts.serverContext(keyStore))
                .maxHandshakesInProgress(1));
                Socket silent = Raw.open(s.port())) {
            ServerImpl impl = (ServerImpl) s;
            Await.until("the silent socket holds the handshake", () -> impl.handshakesInProgress() == 1);
            try (Socket refused = Raw.open(s.port())) {
                // no plain-text 503 on a TLS port: it could only come after the TLS handshake
                assertEquals("", Raw.readToEnd(refused.getInputStream()));
            }
            assertEquals(1, impl.handshakesInProgress());
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static WebSocketServer serve(ServerOptions.Builder options) throws IOException {
        return WebSockets.serve(options.build(), TestSupport.ECHO);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A raw socket to the server from {@code from} (null: the default, 127.0.0.1). */
    private static Socket open(WebSocketServer s, InetAddress from) throws IOException {
        if (from == null) {
            return Raw.open(s.port());
        }
        Socket k = new Socket();
        try {
            k.bind(new InetSocketAddress(from, 0));
        } catch (BindException e) {
            k.close();
            Assumptions.abort("cannot bind to " + from + ": " + e.getMessage());
        }
        k.connect(new InetSocketAddress(LOCAL, s.port()), 5000);
        k.setSoTimeout(10_000);
        return k;
    }

    /** A raw socket from {@code from} that has completed the opening handshake. */
    private static Socket upgraded(WebSocketServer s, InetAddress from) throws IOException {
        Socket k = open(s, from);
        k.getOutputStream().write(Raw.upgrade("/").getBytes(StandardCharsets.US_ASCII));
        String head = Raw.readHead(k.getInputStream());
        assertTrue(head.startsWith("HTTP/1.1 101 "), head);
        return k;
    }

    /** Sends a text message on an upgraded raw socket and checks its echo. */
    private static void echo(Socket k, String text) throws IOException {
        k.getOutputStream().write(Raw.clientFrame(0x81, text.getBytes(StandardCharsets.UTF_8)));
        Raw.Frame f = Raw.readFrame(k.getInputStream());
        assertEquals(1, f.opcode());
        assertEquals(text, f.text());
    }

    /** Sends a request on a fresh socket and reads what comes back until the server closes; closes the socket. */
    private static String readAnswer(Socket k) throws IOException {
        try (k) {
            try {
                k.getOutputStream().write(Raw.upgrade("/").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // closed already: the answer, if any, is there to read
            }
            return Raw.readToEnd(k.getInputStream());
        }
    }

    /** The first byte, or -1 at the end of the stream or a reset. */
    private static int readOrEnd(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the socket open", e);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void assertRetryLater(String answer, String body) {
        assertEquals(503, Raw.status(answer), answer);
        assertTrue(answer.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), answer);
        assertEquals("2", Raw.header(answer, "Retry-After"), answer);
        assertEquals("close", Raw.header(answer, "Connection"), answer);
        assertEquals(body + "\n", Raw.body(answer));
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket k : sockets) {
            try {
                k.close();
            } catch (IOException e) {
                // closed anyway
            }
        }
    }
}
