package net.websocket.itest.interop;

import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.Message;
import net.websocket.itest.support.ExternalPeer;
import net.websocket.itest.support.InteropMatrix.Cells;
import net.websocket.itest.support.InteropMatrix;
import net.websocket.itest.support.NodePeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * hybi-00 (hixie-76) interop: our client with variant {@code hybi00} against Node's websocket-driver
 * ({@code hixie76_server.js}, a sound hixie-76 server that says which protocol its handshake chose). Skipped where node
 * or npm is missing.
 */
@ExtendWith(InteropMatrix.Recorder.class)
@InteropMatrix.Row(value = InteropMatrix.WEBSOCKET_DRIVER_HIXIE, notApplicable = {
    InteropMatrix.BINARY + ": hixie-76 as browsers spoke it carries text only",
    InteropMatrix.FRAGMENTED + ": hixie-76 has no fragments",
    InteropMatrix.PING_PONG + ": hixie-76 has no ping or pong",
    InteropMatrix.SUBPROTOCOL + ": websocket-driver's hixie-76 server does not negotiate subprotocols",
    InteropMatrix.DEFLATE + ": hixie-76 has no extensions"})
class Hybi00ClientInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Large enough to take several reads, well under the 16 MiB limits. */
    private static final int LARGE = 2 * 1024 * 1024;

    private static final ConnectRequest HYBI00 = ConnectRequest.builder().variant(ConnectRequest.HYBI00).build();

    private static ExternalPeer peer;
    private static URI uri;

    @BeforeAll
    static void start() throws Exception {
        String why = NodePeer.unavailableReason();
        assumeTrue(why == null, () -> "websocket-driver peer skipped: " + why);
        InteropMatrix.version(InteropMatrix.WEBSOCKET_DRIVER_HIXIE,
                "websocket-driver " + NodePeer.version("websocket-driver"));
        peer = ExternalPeer.start(NodePeer.command("hixie76_server.js"));
        uri = URI.create("ws://127.0.0.1:" + peer.awaitPort(Duration.ofSeconds(30)) + "/echo");
    }

    @AfterAll
    static void stop() {
        if (peer != null) {
            peer.close();
        }
    }

    private static Message receive(Connection c) throws Exception {
        Message m = c.receive(WAIT);
        assertNotNull(m, "connection ended instead of a message; close status " + c.closeStatus());
        return m;
    }

    private static CloseStatus closed(Connection c) throws Exception {
        return c.closed().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    @Cells(InteropMatrix.TEXT)
    void textEcho() throws Exception {
        try (Connection c = OurClientContract.CLIENT.connect(uri, HYBI00)) {
            assertEquals("hybi00", c.variant());
            assertFalse(c.supportsFragmentation());
            c.sendText("version?");
            assertEquals(Message.text("hixie-76"), receive(c), "the server spoke hixie-76");
            for (String t : new String[] {"hello", "Grüße, 世界 \uD83D\uDE00", ""}) {
                c.sendText(t);
                assertEquals(Message.text(t), receive(c));
            }
            for (int i = 0; i < 100; i++) {
                c.sendText("m" + i);
            }
            for (int i = 0; i < 100; i++) {
                assertEquals(Message.text("m" + i), receive(c), "messages stay in order");
            }
        }
    }

    @Test
    @Cells(InteropMatrix.LARGE)
    void largeTextEcho() throws Exception {
        try (Connection c = OurClientContract.CLIENT.connect(uri, HYBI00)) {
            String large = "abcdefghij€".repeat(LARGE / 11);
            c.sendText(large);
            assertEquals(large, receive(c).text());
        }
    }

    @Test
    @Cells(value = InteropMatrix.CLOSE_CODES, note = "hixie-76 closes carry no code: the closing handshake both ways")
    void closingHandshakeBothWays() throws Exception {
        Connection c = OurClientContract.CLIENT.connect(uri, HYBI00);
        c.sendText("close:");
        assertNull(c.receive(WAIT), "end of stream once the server closed");
        assertNotNull(closed(c));

        Connection c2 = OurClientContract.CLIENT.connect(uri, HYBI00);
        c2.sendText("x");
        assertEquals(Message.text("x"), receive(c2));
        c2.close();
        assertNotNull(closed(c2));
        assertNull(c2.receive(WAIT));
    }
}
