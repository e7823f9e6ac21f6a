package net.websocket.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.websocket.api.Connection;
import net.websocket.api.Listener;
import net.websocket.api.Message;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The in-JVM topics over real servers and clients: fan-out across nodes (by a send per subscriber and by a server's
 * broadcast), unsubscribing, slow subscribers.
 */
@Timeout(60)
class TopicsTest extends ClosesAtEnd {
    @Test
    void serviceLoaderFindsBothImplementations() {
        try (Topics local = Clusters.open(ClusterOptions.builder().build())) {
            assertTrue(local.isConnected());
            assertEquals("LocalTopics", local.getClass().getSimpleName());
        }
        ClusterOptions redis = ClusterOptions.builder().broker(URI.create("redis://127.0.0.1:1")).build();
        try (Topics topics = Clusters.open(redis)) {
            assertEquals("RedisTopics", topics.getClass().getSimpleName());
            assertFalse(topics.isConnected());
            assertThrows(BrokerException.class, () -> topics.publish("t", "nobody listens on port 1"));
        }
        assertThrows(IllegalArgumentException.class,
                () -> Clusters.open(ClusterOptions.builder().broker(URI.create("nats://127.0.0.1:4222")).build()));
    }

    @Test
    void deliveryFollowsTheAtLeastOnceTopics() {
        ClusterOptions options = ClusterOptions.builder().atLeastOnceTopics(Set.of("orders", "audit.*")).build();
        assertEquals(Delivery.AT_LEAST_ONCE, options.delivery("orders"));
        assertEquals(Delivery.AT_LEAST_ONCE, options.delivery("audit.eu"));
        assertEquals(Delivery.FIRE_AND_FORGET, options.delivery("orders2"));
        assertEquals(Delivery.FIRE_AND_FORGET, options.delivery("chat"));
    }

    @Test
    void aPublishOnOneServerReachesTheSubscribersOfEveryServerAndClosedConnectionsLeave() throws Exception {
        Topics topics = closeLater(Clusters.open(ClusterOptions.builder().build()));
        Map<String, Connection> lastJoined = new ConcurrentHashMap<>();
        List<Connection> allJoined = new java.util.concurrent.CopyOnWriteArrayList<>();
        Consumer<Connection> joined = c -> {
            lastJoined.put(ClusterNode.topicOf(c), c);
            allJoined.add(c);
        };
        WebSocketServer one = closeLater(WebSockets.serve(ServerOptions.builder().listen("127.0.0.1", 0).build(),
                ClusterNode.mapper("one", topics, joined)));
        WebSocketServer two = closeLater(WebSockets.serve(ServerOptions.builder().listen("127.0.0.1", 0).build(),
                ClusterNode.mapper("two", topics, joined)));
        WebSocketClient client = WebSockets.client();
        Connection a = closeLater(join(client, one, "chat"));
        Connection b = closeLater(join(client, two, "chat"));
        Connection other = closeLater(join(client, two, "news"));

        a.sendText("hello from one");
        assertEquals("hello from one", a.receiveText());
        assertEquals("hello from one", b.receiveText());
        topics.publish("chat", ByteBuffer.wrap(new byte[] {1, 2, 3}));
        Message binary = b.receive();
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), binary.data());
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), a.receive().data());
        other.sendText("news only");
        assertEquals("news only", other.receiveText());

        a.close();
        a.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
        b.sendText("after a left");
        assertEquals("after a left", b.receiveText());
        assertEquals(1, topics.subscriberCount("chat"), "a left its topic when it closed");
        Connection aOnServer = allJoined.get(0);
        aOnServer.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
        topics.subscribe("late", aOnServer);
        assertEquals(0, topics.subscriberCount("late"), "a closed connection is not subscribed");
        assertEquals(1, topics.subscriberCount("news"));
        topics.unsubscribe("chat", lastJoined.get("chat"));
        assertEquals(0, topics.subscriberCount("chat"));
        topics.publish("chat", "nobody hears this");
        topics.publish("news", "news again");
        assertEquals("news again", other.receiveText());
    }

    @Test
    void throughABroadcastEverySubscriberOfEveryServerGetsEachMessage() throws Exception {
        Topics topics = closeLater(Clusters.open(ClusterOptions.builder().build()));
        WebSocketServer one = closeLater(WebSockets.serve(ServerOptions.builder().listen("127.0.0.1", 0).build(),
                ClusterNode.mapper("one", topics, c -> { })));
        WebSocketServer two = closeLater(WebSockets.serve(ServerOptions.builder().listen("127.0.0.1", 0).build(),
                ClusterNode.mapper("two", topics, c -> { })));
        // one server's broadcast serves the subscribers of both
        topics.broadcastThrough(one);
        WebSocketClient client = WebSockets.client();
        List<Connection> subscribers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            subscribers.add(closeLater(join(client, i % 2 == 0 ? one : two, "chat")));
        }
        Connection news = closeLater(join(client, two, "news"));
        assertEquals(40, topics.subscriberCount("chat"));

        topics.publish("chat", "to every subscriber");
        topics.publish("chat", ByteBuffer.wrap(new byte[] {4, 5, 6}));
        topics.publish("news", "news only");
        for (Connection c : subscribers) {
            assertEquals("to every subscriber", c.receiveText());
            assertEquals(ByteBuffer.wrap(new byte[] {4, 5, 6}), c.receive().data());
        }
        assertEquals("news only", news.receiveText(), "the other topic's subscriber got nothing else first");

        // back to a send per subscriber: the same messages
        topics.broadcastThrough(null);
        subscribers.get(1).sendText("sent by a subscriber");
        for (Connection c : subscribers) {
            assertEquals("sent by a subscriber", c.receiveText());
        }
    }

    @Test
    void slowSubscriberLosesMessagesAndTheTopicGoesOn() throws Exception {
        slowSubscriberLosesMessages(false);
    }

    @Test
    void slowSubscriberLosesBroadcastMessagesAndTheTopicGoesOn() throws Exception {
        slowSubscriberLosesMessages(true);
    }

    private void slowSubscriberLosesMessages(boolean broadcast) throws Exception {
        Topics topics = closeLater(Clusters.open(ClusterOptions.builder()
                .slowSubscriberPolicy(SlowSubscriberPolicy.DROP_MESSAGE).build()));
        int messages = 200;
        SlowPair pair = slowPair(topics, messages, broadcast);
        Socket stalled = pair.stalled;
        assertEquals(messages, pair.fastReceived, "the fast subscriber got every message");
        assertTrue(topics.stats().dropped() > 0, "the stalled subscriber lost messages: " + topics.stats());
        assertEquals(0, topics.stats().closedSlow());
        assertFalse(pair.stalledOnServer.isClosed(), "DROP_MESSAGE keeps the slow connection open");
        stalled.close();
    }

    @Test
    void slowSubscriberIsClosedWithThePolicyClose() throws Exception {
        slowSubscriberIsClosed(false);
    }

    @Test
    void slowSubscriberOfABroadcastIsClosedWithThePolicyClose() throws Exception {
        slowSubscriberIsClosed(true);
    }

    private void slowSubscriberIsClosed(boolean broadcast) throws Exception {
        Topics topics = closeLater(Clusters.open(ClusterOptions.builder()
                .slowSubscriberPolicy(SlowSubscriberPolicy.CLOSE).build()));
        SlowPair pair = slowPair(topics, 200, broadcast);
        assertEquals(200, pair.fastReceived, "the fast subscriber got every message");
        assertEquals(1, topics.stats().closedSlow(), topics.stats().toString());
        assertTrue(pair.stalledOnServer.isClosed(), "CLOSE closes the slow connection");
        assertEquals(1, topics.subscriberCount("big"), "and unsubscribes it");
        pair.stalled.close();
        pair.stalledOnServer.closed().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private record SlowPair(Socket stalled, Connection stalledOnServer, int fastReceived) {
    }

    /**
     * A subscriber that never reads (a raw socket with a small receive buffer) and one that does, on a server with
     * a 64 KiB outbound queue limit; publishes 64 KiB messages one after the other as the reading one receives
     * them (through the server's broadcast, or a send per subscriber), and counts them.
     */
    private SlowPair slowPair(Topics topics, int messages, boolean broadcast) throws Exception {
        CompletableFuture<Connection> stalledOnServer = new CompletableFuture<>();
        CountDownLatch subscribed = new CountDownLatch(2);
        Listener member = new Listener() {
            @Override
            public void onOpen(Connection c) {
                topics.subscribe("big", c);
                if (c.requestLine().contains("stalled")) {
                    stalledOnServer.complete(c);
                }
                subscribed.countDown();
            }
        };
        WebSocketServer server = closeLater(WebSockets.serve(ServerOptions.builder().listen("127.0.0.1", 0)
                .outboundQueueLimit(64 * 1024).build(), ServiceMapper.builder()
                .route("/.*", ServiceMapper.none(member)).build()));
        if (broadcast) {
            topics.broadcastThrough(server);
        }
        Socket stalled = closeLater(new Socket());
        stalled.setReceiveBufferSize(4096);
        stalled.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        OutputStream out = stalled.getOutputStream();
        out.write(("GET /stalled HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        readHead(stalled.getInputStream());
        Connection fast = closeLater(WebSockets.client().connect(
                URI.create("ws://127.0.0.1:" + server.port() + "/fast")));
        assertTrue(subscribed.await(10, TimeUnit.SECONDS));
        String big = "x".repeat(64 * 1024 - 8);
        int received = 0;
        for (int i = 0; i < messages; i++) {
            // at the pace of the reading subscriber: the stalled one must not hold the topic up
            topics.publish("big", big);
            if (big.equals(fast.receiveText())) {
                received++;
            }
        }
        return new SlowPair(stalled, stalledOnServer.get(10, TimeUnit.SECONDS), received);
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the handshake");
            }
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static Connection join(WebSocketClient client, WebSocketServer server, String topic)
            throws IOException {
        Connection c = client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/topic/" + topic));
        String joined = c.receiveText();
        assertTrue(joined.startsWith("joined ") && joined.endsWith(" " + topic), joined);
        return c;
    }
}
