package net.websocket.itest.interop;

import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.Message;
import net.websocket.itest.peers.NettyPeerClient;
import net.websocket.itest.support.ExternalPeer;
import net.websocket.itest.support.InteropServer;
import net.websocket.itest.support.NodePeer;
import net.websocket.itest.support.PeerClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * hybi-00 (hixie-76) interop: our client with variant {@code hybi00} against Node's websocket-driver (a sound
 * hixie-76 server), and Netty's hixie-76 client against our server.
 */
class Hybi00InteropTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Large enough to take several reads, well under the 16 MiB limits. */
    private static final int LARGE = 2 * 1024 * 1024;

    private static final ConnectRequest HYBI00 = ConnectRequest.builder().variant(ConnectRequest.HYBI00).build();

    private static Message receive(Connection c) throws Exception {
        Message m = c.receive(WAIT);
        assertNotNull(m, "connection ended instead of a message; close status " + c.closeStatus());
        return m;
    }

    @Test
    void ourClientAgainstWebsocketDriver() throws Exception {
        String why = NodePeer.unavailableReason();
        assumeTrue(why == null, () -> "websocket-driver peer skipped: " + why);
        try (ExternalPeer peer = ExternalPeer.start(NodePeer.command("hixie76_server.js"))) {
            URI uri = URI.create("ws://127.0.0.1:" + peer.awaitPort(Duration.ofSeconds(30)) + "/echo");
            Connection c = OurClientContract.CLIENT.connect(uri, HYBI00);
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
            String large = "abcdefghij€".repeat(LARGE / 11);
            c.sendText(large);
            assertEquals(large, receive(c).text());
            c.sendText("close:");
            assertNull(c.receive(WAIT), "end of stream once the server closed");
            CloseStatus status = c.closed().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(status);

            Connection c2 = OurClientContract.CLIENT.connect(uri, HYBI00);
            c2.sendText("x");
            assertEquals(Message.text("x"), receive(c2));
            c2.close();
            assertNotNull(c2.closed().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertNull(c2.receive(WAIT));
        }
    }

    @Test
    void nettyHixie76ClientAgainstOurServer() throws Exception {
        try (InteropServer server = InteropServer.start()) {
            try (PeerClient peer = NettyPeerClient.connectHixie76(server.uri("/echo"))) {
                for (String t : new String[] {"hello", "Grüße, 世界 \uD83D\uDE00", ""}) {
                    peer.sendText(t, true);
                    assertEquals(t, peer.next(PeerClient.Text.class).text());
                }
                for (int i = 0; i < 20; i++) {
                    peer.sendText("m" + i, true);
                    assertEquals("m" + i, peer.next(PeerClient.Text.class).text());
                }
                // hixie-76 closes carry no status: the server sees "no status" (1005)
                peer.sendClose(1000, "");
                peer.next(PeerClient.Closed.class);
                CloseStatus seen = server.nextClose();
                assertNotNull(seen, "server saw no close");
            }
            try (PeerClient peer = NettyPeerClient.connectHixie76(server.uri("/echo"))) {
                peer.sendText(net.websocket.itest.support.InteropCommands.close(4002, "bye"), true);
                peer.next(PeerClient.Closed.class);
            }
        }
    }
}
