package net.websocket.itest.interop;

import net.websocket.api.CloseStatus;
import net.websocket.itest.support.InteropCommands;
import net.websocket.itest.support.InteropMatrix.Cells;
import net.websocket.itest.support.InteropMatrix;
import net.websocket.itest.support.InteropServer;
import net.websocket.itest.support.PeerClient.Binary;
import net.websocket.itest.support.PeerClient.Closed;
import net.websocket.itest.support.PeerClient.Pong;
import net.websocket.itest.support.PeerClient.Text;
import net.websocket.itest.support.PeerClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an independent client (subclasses pick which, and their {@link InteropMatrix.Row}) must see from our server
 * ({@link InteropServer}); each test records its cells of the interop matrix.
 */
@ExtendWith(InteropMatrix.Recorder.class)
abstract class PeerClientContract {

    /** Large enough to span many reads and writes on both sides, well under the server's 16 MiB limit. */
    static final int LARGE = 6 * 1024 * 1024;

    static InteropServer server;

    @BeforeAll
    static void start() throws Exception {
        server = InteropServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Connects the peer client, offering these subprotocols; throws {@link PeerClient.Refused} if refused. */
    abstract PeerClient connect(URI uri, String... subprotocols) throws Exception;

    @Test
    @Cells({InteropMatrix.TEXT, InteropMatrix.BINARY})
    void textAndBinaryEcho() throws Exception {
        try (PeerClient peer = connect(server.uri("/echo"))) {
            peer.sendText("hello", true);
            assertEquals("hello", peer.next(Text.class).text());
            String unicode = "Grüße, 世界 \uD83D\uDE00";
            peer.sendText(unicode, true);
            assertEquals(unicode, peer.next(Text.class).text());
            peer.sendText("", true);
            assertEquals("", peer.next(Text.class).text());
            byte[] bytes = {0, 1, 2, (byte) 0xff, (byte) 0x80};
            peer.sendBinary(bytes, true);
            assertArrayEquals(bytes, peer.next(Binary.class).data());
            for (int i = 0; i < 100; i++) {
                peer.sendText("m" + i, true);
            }
            for (int i = 0; i < 100; i++) {
                assertEquals("m" + i, peer.next(Text.class).text(), "messages stay in order");
            }
        }
    }

    @Test
    @Cells({InteropMatrix.FRAGMENTED})
    void fragmentedFromClient() throws Exception {
        try (PeerClient peer = connect(server.uri("/echo"))) {
            peer.sendText("Hel", false);
            peer.sendText("lo, w", false);
            peer.sendText("örld", true);
            assertEquals("Hello, wörld", peer.next(Text.class).text());
            peer.sendBinary(new byte[] {1, 2}, false);
            // a ping between fragments is allowed and answered at once
            peer.sendPing(new byte[] {9});
            peer.sendBinary(new byte[] {3}, false);
            peer.sendBinary(new byte[] {4, 5}, true);
            assertArrayEquals(new byte[] {9}, peer.next(Pong.class).data());
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, peer.next(Binary.class).data());
        }
    }

    @Test
    @Cells({InteropMatrix.FRAGMENTED})
    void fragmentBoundaryInsideCharacter() throws Exception {
        byte[] utf8 = "naïve ☕".getBytes(StandardCharsets.UTF_8);
        int cut = 3; // between the two bytes of 'ï'
        try (PeerClient peer = connect(server.uri("/echo"))) {
            try {
                peer.sendTextBytes(Arrays.copyOfRange(utf8, 0, cut), true, false);
            } catch (UnsupportedOperationException notThisPeer) {
                return;
            }
            peer.sendTextBytes(Arrays.copyOfRange(utf8, cut, utf8.length - 1), false, false);
            peer.sendTextBytes(Arrays.copyOfRange(utf8, utf8.length - 1, utf8.length), false, true);
            assertEquals("naïve ☕", peer.next(Text.class).text());
        }
    }

    @Test
    @Cells({InteropMatrix.FRAGMENTED})
    void fragmentedFromServer() throws Exception {
        try (PeerClient peer = connect(server.uri("/echo"))) {
            String text = "fragments: naïve café ☕ end";
            peer.sendText(InteropCommands.fragmentMe(text), true);
            Text t = peer.next(Text.class);
            assertEquals(text, t.text());
            assertTrue(t.parts() >= 2, "a fragmented message arrives in parts, got " + t.parts());
        }
    }

    @Test
    @Cells({InteropMatrix.LARGE})
    void largeMessages() throws Exception {
        byte[] data = new byte[LARGE];
        new Random(42).nextBytes(data);
        StringBuilder sb = new StringBuilder(LARGE);
        Random r = new Random(7);
        while (sb.length() < LARGE) {
            sb.append(r.nextInt(10) == 0 ? "€" : String.valueOf((char) ('a' + r.nextInt(26))));
        }
        String text = sb.toString();
        try (PeerClient peer = connect(server.uri("/echo"))) {
            peer.sendBinary(data, true);
            assertArrayEquals(data, peer.next(Binary.class).data());
            peer.sendText(text, true);
            assertEquals(text, peer.next(Text.class).text());
        }
    }

    @Test
    @Cells({InteropMatrix.PING_PONG})
    void pingPongBothWays() throws Exception {
        try (PeerClient peer = connect(server.uri("/echo"))) {
            byte[] payload = "are you there?".getBytes(StandardCharsets.UTF_8);
            peer.sendPing(payload);
            assertArrayEquals(payload, peer.next(Pong.class).data());
            // the peer answers the server's ping by itself; the server reports the pong it got
            peer.sendText(InteropCommands.pingMe("srv-1"), true);
            assertEquals("pong:srv-1", peer.next(Text.class).text());
        }
    }

    @Test
    @Cells({InteropMatrix.CLOSE_CODES})
    void clientClosesWithCodeAndReason() throws Exception {
        URI uri = server.uri("/echo", "clientClosesWithCodeAndReason");
        try (PeerClient peer = connect(uri)) {
            peer.sendClose(4000, "client bye");
            Closed reply = peer.next(Closed.class);
            assertEquals(4000, reply.code(), "the server echoes the client's close code");
            CloseStatus seen = server.closeSeen(uri);
            assertNotNull(seen, "server saw no close");
            assertEquals(4000, seen.code());
            assertEquals("client bye", seen.reason());
            assertTrue(seen.remote());
        }
    }

    @Test
    @Cells({InteropMatrix.CLOSE_CODES})
    void clientClosesNormallyWithoutReason() throws Exception {
        URI uri = server.uri("/echo", "clientClosesNormallyWithoutReason");
        try (PeerClient peer = connect(uri)) {
            peer.sendClose(1000, "");
            assertEquals(1000, peer.next(Closed.class).code());
            CloseStatus seen = server.closeSeen(uri);
            assertNotNull(seen);
            assertEquals(1000, seen.code());
            assertEquals("", seen.reason());
        }
    }

    @Test
    @Cells({InteropMatrix.CLOSE_CODES})
    void serverClosesWithCodeAndReason() throws Exception {
        URI uri = server.uri("/echo", "serverClosesWithCodeAndReason");
        try (PeerClient peer = connect(uri)) {
            peer.sendText(InteropCommands.close(4002, "server bye ✓"), true);
            Closed closed = peer.next(Closed.class);
            assertEquals(4002, closed.code());
            assertEquals("server bye ✓", closed.reason());
            CloseStatus seen = server.closeSeen(uri);
            assertNotNull(seen, "server saw no close");
            assertEquals(4002, seen.code());
        }
    }

    @Test
    @Cells({InteropMatrix.SUBPROTOCOL})
    void subprotocolNegotiation() throws Exception {
        try (PeerClient peer = connect(server.uri("/proto"), "v1.chat")) {
            assertEquals("v1.chat", peer.subprotocol());
            assertEquals("subprotocol=v1.chat", peer.next(Text.class).text());
        }
        try (PeerClient peer = connect(server.uri("/proto"), "x.chat", "v2.chat", "v1.chat")) {
            assertEquals("v2.chat", peer.subprotocol(), "the first offered one the server has");
            assertEquals("subprotocol=v2.chat", peer.next(Text.class).text());
            peer.sendText("after negotiation", true);
            assertEquals("after negotiation", peer.next(Text.class).text());
        }
        try (PeerClient peer = connect(server.uri("/proto"))) {
            assertEquals("", peer.subprotocol());
            assertEquals("subprotocol=none", peer.next(Text.class).text());
        }
        PeerClient.Refused refused = assertThrows(PeerClient.Refused.class,
                () -> connect(server.uri("/proto"), "nope.chat").close());
        assertEquals(400, refused.status());
    }

    @Test
    void unknownPathIsRefused() {
        PeerClient.Refused refused = assertThrows(PeerClient.Refused.class,
                () -> connect(server.uri("/nowhere")).close());
        assertEquals(404, refused.status());
    }
}
