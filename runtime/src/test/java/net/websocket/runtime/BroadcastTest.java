package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.BroadcastPolicy;
import net.websocket.api.BroadcastResult;
import net.websocket.api.CloseCodes;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.Handler;
import net.websocket.api.Message;
import net.websocket.api.PayloadType;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/**
 * A server lists its open connections, all or a route's, and sends one message to many: every connection that can
 * take it gets it, of whichever variant, and one that cannot (a peer that does not read) is skipped or closed as the
 * policy says, without holding up the others.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BroadcastTest {

    /** Reads and drops what the client sends, until it closes. */
    private static final Handler DRAIN = c -> {
        while (c.receive() != null) {
            // dropped
        }
    };

    private static ServiceMapper twoRoutes() {
        return ServiceMapper.builder().route("/a", ServiceMapper.none(DRAIN)).route("/b.*", ServiceMapper.none(DRAIN))
                .build();
    }

    private static BroadcastResult result(java.util.concurrent.CompletionStage<BroadcastResult> stage)
            throws Exception {
        return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static String receive(Connection c) throws Exception {
        Message m = c.receive(Duration.ofSeconds(10));
        return m == null ? null : m.text();
    }

    @Test
    void listsItsOpenConnectionsAllAndPerRoute() throws Exception {
        WebSocketClient client = TestSupport.client();
        try (WebSocketServer s = TestSupport.serve(twoRoutes())) {
            assertTrue(s.connections().isEmpty());
            Connection a1 = client.connect(TestSupport.uri(s, "/a"));
            Connection a2 = client.connect(TestSupport.uri(s, "/a"));
            Connection b = client.connect(TestSupport.uri(s, "/b/1"));

            List<Connection> all = s.connections();
            assertEquals(3, all.size());
            Set<String> ids = new HashSet<>();
            for (Connection c : all) {
                assertTrue(c.isServer());
                ids.add(c.id());
            }
            assertEquals(3, ids.size(), "each has its own id");
            assertEquals(2, s.connections("/a").size());
            assertEquals(1, s.connections("/b.*").size());
            assertEquals("/b/1", s.connections("/b.*").get(0).path());
            assertTrue(s.connections("/b/1").isEmpty(), "keyed by the route's expression, not the path");
            assertTrue(s.connections("/c").isEmpty());

            Connection serverSideOfB = s.connections("/b.*").get(0);
            b.close();
            serverSideOfB.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertFalse(s.connections().contains(serverSideOfB));
            assertEquals(2, s.connections().size());
            assertTrue(s.connections("/b.*").isEmpty());
            a1.close();
            a2.close();
        }
    }

    @Test
    void everyVariantGetsTheMessageOnceAndARouteOnlyItsOwn() throws Exception {
        WebSocketClient client = TestSupport.client();
        try (WebSocketServer s = TestSupport.serve(twoRoutes())) {
            List<Connection> onA = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                onA.add(client.connect(TestSupport.uri(s, "/a")));
            }
            for (int i = 0; i < 3; i++) {
                onA.add(client.connect(TestSupport.uri(s, "/a"), ConnectRequest.builder().variant("hybi00").build()));
            }
            Connection onB = client.connect(TestSupport.uri(s, "/b"));

            BroadcastResult toA = result(s.broadcast(Message.text("to a: \u00e9t\u00e9"), s.connections("/a")));
            assertEquals(BroadcastResult.of(9, 0, 0, 0), toA);
            BroadcastResult toAll = result(s.broadcast(Message.text("to all")));
            assertEquals(10, toAll.queued());
            assertEquals(10, toAll.targets());

            for (Connection c : onA) {
                assertEquals("to a: \u00e9t\u00e9", receive(c), c.variant());
                assertEquals("to all", receive(c), c.variant());
            }
            assertEquals("to all", receive(onB), "the route's broadcast was not for /b");

            // binary: hybi-00 cannot carry it, and is skipped (but stays open)
            BroadcastResult binary = result(s.broadcast(Message.binary(new byte[] {1, 2, 3})));
            assertEquals(7, binary.queued());
            assertEquals(3, binary.skipped());
            assertEquals(0, binary.closed());
            for (Connection c : onA) {
                if (c.variant().equals("rfc6455")) {
                    assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), c.receive(Duration.ofSeconds(10)).data());
                }
            }
            for (Connection c : onA) {
                c.close();
            }
            onB.close();
        }
    }

    /**
     * Broadcasts made one after the other without waiting reach each connection in that order, also while the
     * server's own sends hold a connection's send lock now and then; the frame is shared.
     */
    @Test
    void broadcastsInARowArriveInOrderEverywhere() throws Exception {
        int messages = 300;
        WebSocketClient client = TestSupport.client();
        try (WebSocketServer s = TestSupport.serve(DRAIN)) {
            List<Connection> clients = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                clients.add(client.connect(TestSupport.uri(s, "/")));
            }
            List<Connection> onServer = s.connections();
            assertEquals(8, onServer.size());
            List<CompletableFuture<BroadcastResult>> results = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                results.add(s.broadcast(Message.text("b" + i), onServer, BroadcastPolicy.skip())
                        .toCompletableFuture());
                if (i % 10 == 0) {
                    onServer.get(i / 10 % 8).sendTextAsync("own " + i); // takes that connection's send lock
                }
            }
            for (CompletableFuture<BroadcastResult> r : results) {
                assertEquals(BroadcastResult.of(8, 0, 0, 0), r.get(20, TimeUnit.SECONDS));
            }
            for (Connection c : clients) {
                int next = 0;
                while (next < messages) {
                    String m = receive(c);
                    if (m.startsWith("b")) {
                        assertEquals("b" + next, m, "in order");
                        next++;
                    }
                }
                c.close();
            }
        }
    }

    @Test
    void clientConnectionsGetAFrameOfTheirOwnAndClosedOnesAreCounted() throws Exception {
        List<String> got = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch three = new CountDownLatch(3);
        Handler record = c -> {
            for (Message m; (m = c.receive()) != null;) {
                got.add(m.text());
                three.countDown();
            }
        };
        WebSocketClient client = TestSupport.client();
        try (WebSocketServer s = TestSupport.serve(record)) {
            List<Connection> clients = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                clients.add(client.connect(TestSupport.uri(s, "/")));
            }
            Connection gone = clients.get(3);
            gone.close();
            gone.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);

            // client connections mask their frames: each encodes its own, and the server reads them all
            BroadcastResult r = result(s.broadcast(Message.text("from the clients"), clients));
            assertEquals(BroadcastResult.of(3, 0, 0, 1), r);
            assertTrue(three.await(10, TimeUnit.SECONDS));
            assertEquals(List.of("from the clients", "from the clients", "from the clients"), got);
            for (Connection c : clients) {
                c.close();
            }
        }
    }

    @Test
    void aConnectionSendingAFragmentedMessageIsSkippedNotInterrupted() throws Exception {
        CountDownLatch firstFragmentSent = new CountDownLatch(1);
        CompletableFuture<Void> finish = new CompletableFuture<>();
        Handler fragments = c -> {
            c.sendFragment(PayloadType.TEXT, ByteBuffer.wrap("one ".getBytes(StandardCharsets.UTF_8)), false);
            firstFragmentSent.countDown();
            finish.get(20, TimeUnit.SECONDS);
            c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.wrap("two".getBytes(StandardCharsets.UTF_8)), true);
            DRAIN.handle(c);
        };
        WebSocketClient client = TestSupport.client();
        try (WebSocketServer s = TestSupport.serve(fragments)) {
            Connection c = client.connect(TestSupport.uri(s, "/"));
            assertTrue(firstFragmentSent.await(10, TimeUnit.SECONDS));
            BroadcastResult r = result(s.broadcast(Message.text("between"), s.connections(),
                    BroadcastPolicy.defaults()));
            assertEquals(BroadcastResult.of(0, 1, 0, 0), r, "skipped, and not closed for it");
            finish.complete(null);
            assertEquals("one two", receive(c));
            assertEquals(BroadcastResult.of(1, 0, 0, 0), result(s.broadcast(Message.text("after"))));
            assertEquals("after", receive(c));
            c.close();
        }
    }

    /**
     * A peer that reads nothing (a raw socket with a small receive buffer) next to one that reads: with the default
     * policy the stalled one is closed with 1013 at the first broadcast its queue cannot take; the reader gets every
     * message. When the stalled peer reads again, it finds every message it was sent, then the close frame.
     */
    @Test
    void aStalledReaderIsClosedByTheDefaultPolicyAndTheOthersGetEverything() throws Exception {
        int limit = 64 * 1024;
        byte[] big = new byte[16 * 1024];
        java.util.Arrays.fill(big, (byte) 'x');
        String message = new String(big, StandardCharsets.US_ASCII);
        WebSocketClient client = TestSupport.client();
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().outboundQueueLimit(limit)
                .closeTimeout(Duration.ofSeconds(20)).build(), DRAIN);
                Socket stalled = Raw.open(s.port(), 4096)) {
            stalled.getOutputStream().write(Raw.upgrade("/").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = stalled.getInputStream();
            assertTrue(Raw.readHead(in).startsWith("HTTP/1.1 101"));
            Connection reader = client.connect(TestSupport.uri(s, "/"));
            assertEquals(2, s.connections().size());
            Connection stalledOnServer = s.connections().stream()
                    .filter(c -> c.remoteAddress().getPort() == stalled.getLocalPort()).findFirst().orElseThrow();

            int sent = 0;
            BroadcastResult r = null;
            for (int i = 0; i < 1000 && (r == null || r.closed() == 0); i++) {
                r = result(s.broadcast(Message.text(message)));
                sent++;
                assertEquals(message, receive(reader), "the reader gets every message, message " + i);
            }
            assertEquals(1, r.closed(), "the stalled peer was closed by the policy after " + sent + " messages");
            assertEquals(1, r.queued());
            int queuedForStalled = sent - 1; // all but the last, which closed it
            for (int i = 0; i < queuedForStalled; i++) {
                Raw.Frame f = Raw.readFrame(in);
                assertEquals(1, f.opcode(), "message " + i);
                assertEquals(message, f.text());
            }
            Raw.Frame close = Raw.readFrame(in);
            assertEquals(8, close.opcode());
            assertEquals(CloseCodes.TRY_AGAIN_LATER, close.closeCode());
            assertEquals(BroadcastPolicy.DEFAULT_REASON, new String(close.payload(), 2, close.payload().length - 2,
                    StandardCharsets.UTF_8));
            stalled.getOutputStream().write(Raw.clientFrame(0x88, new byte[] {0x03, (byte) 0xf5}));
            assertEquals(CloseCodes.TRY_AGAIN_LATER,
                    stalledOnServer.closed().toCompletableFuture().get(20, TimeUnit.SECONDS).code());
            assertEquals(1, s.connections().size(), "gone from the listing once closed");
            assertEquals(BroadcastResult.of(1, 0, 0, 0), result(s.broadcast(Message.text("last"))));
            assertEquals("last", receive(reader));
            reader.close();
        }
    }

    /** With {@link BroadcastPolicy#skip()}, a stalled reader misses messages and stays open; it is counted. */
    @Test
    void theSkipPolicyKeepsAStalledReaderAndCountsItsSkips() throws Exception {
        int limit = 64 * 1024;
        String message = "y".repeat(16 * 1024);
        WebSocketClient client = TestSupport.client();
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().outboundQueueLimit(limit).build(), DRAIN);
                Socket stalled = Raw.open(s.port(), 4096)) {
            stalled.getOutputStream().write(Raw.upgrade("/").getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(Raw.readHead(stalled.getInputStream()).startsWith("HTTP/1.1 101"));
            Connection reader = client.connect(TestSupport.uri(s, "/"));
            int skipped = 0;
            for (int i = 0; i < 1000 && skipped < 3; i++) {
                BroadcastResult r = result(s.broadcast(Message.text(message), s.connections(), BroadcastPolicy.skip()));
                assertEquals(0, r.closed());
                skipped += r.skipped();
                assertEquals(message, receive(reader));
            }
            assertEquals(3, skipped);
            assertEquals(2, s.connections().size(), "the stalled reader stays open");

            // closeAfter(n): closed at its n-th skip in a row (the three above count)
            BroadcastResult r = result(s.broadcast(Message.text(message), s.connections(),
                    BroadcastPolicy.closeAfter(4).withCloseStatus(CloseCodes.POLICY_VIOLATION, "slow")));
            assertEquals(BroadcastResult.of(1, 0, 1, 0), r);
            assertEquals(message, receive(reader));
            reader.close();
        }
    }

    @Test
    void policiesSayWhatTheyDo() {
        assertEquals(1, BroadcastPolicy.defaults().closeAfter());
        assertEquals(CloseCodes.TRY_AGAIN_LATER, BroadcastPolicy.defaults().closeCode());
        assertEquals(0, BroadcastPolicy.skip().closeAfter());
        assertEquals(BroadcastPolicy.closeAfter(1), BroadcastPolicy.defaults());
        assertNotEquals(BroadcastPolicy.closeAfter(2), BroadcastPolicy.defaults());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> BroadcastPolicy.closeAfter(0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> BroadcastPolicy.skip().withCloseStatus(CloseCodes.ABNORMAL, ""));
        assertEquals(10, BroadcastResult.of(1, 2, 3, 4).targets());
    }
}
