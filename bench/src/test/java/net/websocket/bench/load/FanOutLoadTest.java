package net.websocket.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.WebSocketServer;
import net.websocket.bench.servers.OursEchoServer;
import net.websocket.runtime.ServerOptions;

/**
 * Scenario (j)'s load, briefly (on 127.0.0.1): against our broadcasting server in this JVM, and against each of the
 * scenario's servers in a process of its own as the suite starts it (Netty's through {@code ChannelGroup}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FanOutLoadTest {

    private static final long OPEN_NANOS = 30_000_000_000L;

    @Test
    void everyReaderGetsEveryMessageAndTheDeliveriesAreCounted() throws Exception {
        int readers = 50;
        try (WebSocketServer server = OursEchoServer.broadcastServer(
                ServerOptions.builder().listen("127.0.0.1", 0).build())) {
            Target target = new Target("ours", new InetSocketAddress("127.0.0.1", server.port()), "/echo", true);
            try (FanOutLoad load = FanOutLoad.open(target, readers, 1, System.nanoTime() + OPEN_NANOS)) {
                assertEquals(readers + 1, server.connectionCount());
                assertEquals(readers, server.connections(FanOutLoad.READERS_PATH).size());
                FanOutLoad.Result r = load.runFor(64, 200_000_000L);
                assertTrue(r.messages() > 0, r.toString());
                assertEquals(r.messages() * readers, r.deliveries());
                assertTrue(r.deliveriesPerSecond() > 0);
            }
        }
    }

    @Test
    void eachServerOfTheScenarioBroadcasts() throws IOException {
        Suite suite = new Suite(new Settings(1, 0.2, 0.2, 20, 100, 5, 0.2, Suite.BROADCAST_SERVERS, "j",
                Path.of("target", "fan-out-test"), null, -1, "test", "?", null));
        for (String name : Suite.BROADCAST_SERVERS) {
            try (ServerProcess p = suite.start(name, 1, Suite.BROADCAST_FLAGS)) {
                Map<String, Double> m = suite.fanOut(p);
                assertTrue(m.get("j.messages") > 0, name + ": " + m);
                assertTrue(m.get("j.deliveries") > 0, name + ": " + m);
                assertTrue(p.isAlive(), name);
            }
        }
    }
}
