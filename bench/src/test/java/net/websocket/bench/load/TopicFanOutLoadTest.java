package net.websocket.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.WebSocketServer;
import net.websocket.bench.servers.ClusterFanOutNode;
import net.websocket.cluster.Clusters;
import net.websocket.cluster.ClusterOptions;
import net.websocket.cluster.Topics;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ServerOptions;

/** Scenario (k)'s load, briefly: two nodes in this JVM on one in-JVM broker, subscribers on both (127.0.0.1). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TopicFanOutLoadTest {

    @Test
    void everySubscriberOnEitherNodeGetsEveryMessageWithItsLatency() throws Exception {
        int subscribers = 40;
        try (Topics topics = Clusters.open(ClusterOptions.builder().build());
                WebSocketServer a = node(topics);
                WebSocketServer b = node(topics)) {
            List<InetSocketAddress> nodes = List.of(new InetSocketAddress("127.0.0.1", a.port()),
                    new InetSocketAddress("127.0.0.1", b.port()));
            try (TopicFanOutLoad load = TopicFanOutLoad.open(nodes, "t", subscribers, 1,
                    System.nanoTime() + TimeUnit.SECONDS.toNanos(30))) {
                assertEquals(subscribers, topics.subscriberCount("t")); // both nodes share the in-JVM broker
                TopicFanOutLoad.Result paced = load.paced(64, 50, 100_000_000L);
                assertEquals(5, paced.messages());
                assertEquals(5L * subscribers, paced.deliveries());
                assertTrue(paced.p50() > 0 && paced.p50() <= paced.p99() && paced.p99() <= paced.max(),
                        paced.toString());
                TopicFanOutLoad.Result fast = load.windowed(64, 200_000_000L);
                assertTrue(fast.messages() > 0, fast.toString());
                assertEquals(fast.messages() * subscribers, fast.deliveries());
            }
        }
    }

    @Test
    void histogramPercentilesAreWithinOnePercent() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 1000; i++) {
            h.record(i * 1_000_000L); // 1 to 1000 ms
        }
        assertEquals(1000, h.count());
        assertEquals(500e6, h.percentileNanos(0.5), 5e6);
        assertEquals(990e6, h.percentileNanos(0.99), 9.9e6);
        assertEquals(1000_000_000L, h.maxNanos());
    }

    private static WebSocketServer node(Topics topics) throws IOException {
        return WebSockets.serve(ServerOptions.builder().listen("127.0.0.1", 0).build(),
                ClusterFanOutNode.mapper(topics));
    }
}
