package net.websocket.itest.interop;

import net.websocket.api.CloseStatus;
import net.websocket.itest.peers.NettyPeerClient;
import net.websocket.itest.support.InteropCommands;
import net.websocket.itest.support.InteropMatrix.Cells;
import net.websocket.itest.support.InteropMatrix;
import net.websocket.itest.support.InteropServer;
import net.websocket.itest.support.PeerClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** hybi-00 (hixie-76) interop: Netty's hixie-76 client against our server. */
@ExtendWith(InteropMatrix.Recorder.class)
@InteropMatrix.Row(value = InteropMatrix.NETTY_HIXIE, notApplicable = {
    InteropMatrix.BINARY + ": hixie-76 as browsers spoke it carries text only",
    InteropMatrix.FRAGMENTED + ": hixie-76 has no fragments",
    InteropMatrix.PING_PONG + ": hixie-76 has no ping or pong",
    InteropMatrix.LARGE + ": Netty's hixie-76 decoder mishandles frames split across reads, so messages stay small",
    InteropMatrix.DEFLATE + ": hixie-76 has no extensions"})
class Hybi00ServerInteropTest {

    private static InteropServer server;

    @BeforeAll
    static void start() throws Exception {
        server = InteropServer.start();
        InteropMatrix.version(InteropMatrix.NETTY_HIXIE, "Netty " + NettyPeerClient.nettyVersion());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @Cells(InteropMatrix.TEXT)
    void textEcho() throws Exception {
        try (PeerClient peer = NettyPeerClient.connectHixie76(server.uri("/echo"))) {
            for (String t : new String[] {"hello", "Grüße, 世界 \uD83D\uDE00", ""}) {
                peer.sendText(t, true);
                assertEquals(t, peer.next(PeerClient.Text.class).text());
            }
            for (int i = 0; i < 20; i++) {
                peer.sendText("m" + i, true);
                assertEquals("m" + i, peer.next(PeerClient.Text.class).text());
            }
        }
    }

    @Test
    @Cells(InteropMatrix.SUBPROTOCOL)
    void subprotocol() throws Exception {
        // a hixie-76 client names one subprotocol; the server takes it or refuses
        try (PeerClient peer = NettyPeerClient.connectHixie76(server.uri("/proto"), InteropCommands.SUBPROTOCOL_V1)) {
            assertEquals(InteropCommands.SUBPROTOCOL_V1, peer.subprotocol());
            assertEquals("subprotocol=" + InteropCommands.SUBPROTOCOL_V1, peer.next(PeerClient.Text.class).text());
            peer.sendText("after negotiation", true);
            assertEquals("after negotiation", peer.next(PeerClient.Text.class).text());
        }
        try (PeerClient peer = NettyPeerClient.connectHixie76(server.uri("/proto"))) {
            assertEquals("subprotocol=none", peer.next(PeerClient.Text.class).text());
        }
    }

    @Test
    @Cells(value = InteropMatrix.CLOSE_CODES, note = "hixie-76 closes carry no code: the closing handshake both ways")
    void closingHandshakeBothWays() throws Exception {
        URI uri = server.uri("/echo", "closingHandshakeBothWays");
        try (PeerClient peer = NettyPeerClient.connectHixie76(uri)) {
            peer.sendText("before close", true);
            assertEquals("before close", peer.next(PeerClient.Text.class).text());
            peer.sendClose(1000, "");
            peer.next(PeerClient.Closed.class);
            CloseStatus seen = server.closeSeen(uri);
            assertNotNull(seen, "server saw no close");
            // hixie-76 closes carry no status: the server sees "no status"
            assertEquals(1005, seen.code(), seen.toString());
        }
        try (PeerClient peer = NettyPeerClient.connectHixie76(server.uri("/echo"))) {
            peer.sendText(InteropCommands.close(4002, "bye"), true);
            peer.next(PeerClient.Closed.class);
        }
    }
}
