package net.websocket.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.websocket.api.CloseStatus;
import net.websocket.api.Connection;
import net.websocket.api.Listener;
import net.websocket.api.Message;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ServerOptions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Replay per client through a real redis-server (started by the test on 127.0.0.1): a client of an at-least-once
 * topic that reconnects, to another node, with the last id it saw gets exactly what it missed, in order, then the
 * live messages. Skipped when redis-server is not installed ({@code scripts/install-peers} installs it).
 */
@Timeout(90)
class ReplayTest extends ClosesAtEnd {
    /**
     * Starts redis-server (skipping the test without one) and returns the options of a node on it, with the
     * at-least-once topics {@code orders*}.
     */
    private ClusterOptions redis() throws Exception {
        Optional<Path> redisServer = Deployment.binary("redis-server");
        Assumptions.assumeTrue(redisServer.isPresent(),
                "redis-server is not installed (apt-get install -y redis-server, or scripts/install-peers): skipped");
        Deployment deployment = closeLater(new Deployment(Paths.get("target", "replay",
                Long.toString(System.nanoTime()))));
        int port = Deployment.freePort();
        deployment.redis(redisServer.get(), port);
        return ClusterOptions.builder().broker(URI.create("redis://127.0.0.1:" + port))
                .atLeastOnceTopics(Set.of("orders*")).build();
    }

    /** A node serving {@code /topic/NAME} that says {@code joined} once it has subscribed a connection. */
    private WebSocketServer node(Topics topics) throws Exception {
        TopicEndpoint endpoint = new TopicEndpoint(topics, "/topic/");
        Listener member = new Listener() {
            @Override
            public void onOpen(Connection c) {
                endpoint.onOpen(c);
                if (!c.isClosed()) {
                    c.sendTextAsync("joined");
                }
            }

            @Override
            public void onText(Connection c, String text) {
                endpoint.onText(c, text);
            }
        };
        return closeLater(WebSockets.serve(ServerOptions.builder().listen("127.0.0.1", 0).build(),
                ServiceMapper.builder().route("/topic/[^/]+", ServiceMapper.none(member)).build()));
    }

    private static Connection connect(WebSocketServer node, String pathAndQuery) throws Exception {
        return WebSockets.client().connect(URI.create("ws://127.0.0.1:" + node.port() + pathAndQuery));
    }

    @Test
    void aClientThatReconnectsWithItsLastIdGetsWhatItMissedInOrderThenTheLiveMessages() throws Exception {
        ClusterOptions options = redis();
        Topics topicsA = closeLater(Clusters.open(options));
        Topics topicsB = closeLater(Clusters.open(options));
        WebSocketServer a = node(topicsA);
        WebSocketServer b = node(topicsB);

        Connection first = closeLater(connect(a, "/topic/orders?since=$"));
        assertEquals("joined", first.receiveText());
        topicsB.publish("orders", "before");
        String[] before = first.receiveText().split(" ", 2);
        assertEquals("before", before[1]);
        String lastId = before[0];
        first.close();
        first.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);

        int missed = 25;
        for (int i = 0; i < missed; i++) {
            topicsA.publish("orders", "missed " + i);
        }
        topicsA.publish("orders", ByteBuffer.wrap(new byte[] {0, 1, 2}));

        Connection again = closeLater(connect(b, "/topic/orders?since=" + lastId));
        String previous = lastId;
        for (int i = 0; i < missed; i++) {
            String[] m = again.receiveText().split(" ", 2);
            assertEquals("missed " + i, m[1]);
            assertTrue(compareIds(m[0], previous) > 0, m[0] + " after " + previous);
            previous = m[0];
        }
        Message binary = again.receive();
        ByteBuffer data = binary.data();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int space = text.indexOf(' ');
        assertTrue(compareIds(text.substring(0, space), previous) > 0, text);
        assertEquals("\u0000\u0001\u0002", text.substring(space + 1));
        assertEquals("joined", again.receiveText(), "the replay came before the subscription was done");

        topicsA.publish("orders", "live 1");
        topicsB.publish("orders", "live 2");
        assertEquals("live 1", again.receiveText().split(" ", 2)[1]);
        assertEquals("live 2", again.receiveText().split(" ", 2)[1], "nothing twice, nothing in between");

        Connection plain = closeLater(connect(a, "/topic/orders"));
        assertEquals("joined", plain.receiveText());
        topicsB.publish("orders", "no id");
        assertEquals("no id", plain.receiveText(), "a client that did not ask gets the messages as published");
    }

    @Test
    void messagesPublishedWhileAClientReplaysReachItOnceAndInOrder() throws Exception {
        ClusterOptions options = redis();
        Topics topicsA = closeLater(Clusters.open(options));
        Topics topicsB = closeLater(Clusters.open(options));
        WebSocketServer a = node(topicsA);
        WebSocketServer b = node(topicsB);
        // node B already reads the topic for another subscriber, so live entries flow while the client replays;
        // B delivers by its server's broadcast: the bystander through it, the client with ids by sends of its own
        topicsB.broadcastThrough(b);
        Connection bystander = closeLater(connect(b, "/topic/orders"));
        assertEquals("joined", bystander.receiveText());
        Connection first = closeLater(connect(a, "/topic/orders?since=$"));
        assertEquals("joined", first.receiveText());
        topicsA.publish("orders", "before");
        String lastId = first.receiveText().split(" ", 2)[0];
        first.close();

        int total = 400;
        CountDownLatch halfway = new CountDownLatch(1);
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < total; i++) {
                topicsA.publish("orders", "n " + i);
                if (i == total / 4) {
                    halfway.countDown();
                }
            }
        });
        assertTrue(halfway.await(30, TimeUnit.SECONDS));
        Connection again = closeLater(connect(b, "/topic/orders?since=" + lastId));
        String previous = lastId;
        for (int i = 0; i < total; i++) {
            String text = again.receiveText();
            if (text.equals("joined")) {
                text = again.receiveText();
            }
            String[] m = text.split(" ", 2);
            assertEquals("n " + i, m[1], "message " + i);
            assertTrue(compareIds(m[0], previous) > 0, m[0] + " after " + previous);
            previous = m[0];
        }
        publishing.get(30, TimeUnit.SECONDS);
        topicsB.publish("orders", "last");
        String text = again.receiveText();
        assertEquals("last", (text.equals("joined") ? again.receiveText() : text).split(" ", 2)[1],
                "nothing twice");
        assertEquals("before", bystander.receiveText());
        for (int i = 0; i < total; i++) {
            assertEquals("n " + i, bystander.receiveText(), "the broadcast's subscriber, message " + i);
        }
        assertEquals("last", bystander.receiveText());
    }

    @Test
    void askingForIdsOfATopicWithoutThemOrWithAMalformedIdIsRefused() throws Exception {
        ClusterOptions options = redis();
        Topics topics = closeLater(Clusters.open(options));
        WebSocketServer node = node(topics);
        for (String pathAndQuery : List.of("/topic/chat?since=$", "/topic/orders?since=yesterday")) {
            Connection c = closeLater(connect(node, pathAndQuery));
            CloseStatus status = c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(1008, status.code(), pathAndQuery + ": " + status);
        }
        try (Topics local = Clusters.open(ClusterOptions.builder().build())) {
            assertThrows(UnsupportedOperationException.class, () -> local.subscribeFrom("orders", null, "$"));
        }
    }

    /** Compares two stream ids ({@code MILLIS-SEQUENCE}) as numbers. */
    private static int compareIds(String x, String y) {
        String[] a = x.split("-");
        String[] b = y.split("-");
        int c = Long.compare(Long.parseLong(a[0]), Long.parseLong(b[0]));
        return c != 0 ? c : Long.compare(Long.parseLong(a[1]), Long.parseLong(b[1]));
    }
}
