package net.websocket.bench.servers;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.websocket.api.Connection;
import net.websocket.api.Listener;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketServer;
import net.websocket.cluster.ClusterOptions;
import net.websocket.cluster.Clusters;
import net.websocket.cluster.Topics;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ServerOptions;

/**
 * Scenario (k)'s server: one or more nodes of a cluster in this JVM, all on one {@link Topics} (so two nodes in one
 * JVM share the in-JVM broker, and a node in a JVM of its own reaches the others through Redis), which delivers
 * through the first node's broadcast ({@link Topics#broadcastThrough}). Each node serves
 * {@code /sub/NAME}, where a connection is subscribed to topic NAME and then told {@value #SUBSCRIBED}, and
 * {@code /pub/NAME}, where every text message a client sends is published to NAME.
 *
 * <p>Run as {@code ClusterFanOutNode BROKER NODES [AT_LEAST_ONCE_TOPIC]}; prints {@code READY PORT...} (one port a
 * node, on 127.0.0.1) once every node serves and the broker is connected, and stops when standard input ends.
 */
public final class ClusterFanOutNode {

    /** The text a subscriber gets once it is subscribed. */
    public static final String SUBSCRIBED = "subscribed";

    /** How long the broker may take to be connected. */
    private static final long BROKER_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private ClusterFanOutNode() {
    }

    /**
     * {@return the endpoints of a node}
     *
     * @param topics the topics the node subscribes and publishes on
     */
    public static ServiceMapper mapper(Topics topics) {
        Listener subscriber = new Listener() {
            @Override
            public void onOpen(Connection c) {
                topics.subscribe(c.path().substring("/sub/".length()), c);
                c.sendTextAsync(SUBSCRIBED);
            }
        };
        Listener publisher = new Listener() {
            @Override
            public void onText(Connection c, String text) {
                topics.publish(c.path().substring("/pub/".length()), text);
            }
        };
        return ServiceMapper.builder()
                .route("/sub/[^/]+", ServiceMapper.none(subscriber))
                .route("/pub/[^/]+", ServiceMapper.none(publisher))
                .build();
    }

    /**
     * Runs the nodes.
     *
     * @param args the broker ({@code local:/} or {@code redis://127.0.0.1:PORT}), the number of nodes, and optionally
     *             the at-least-once topic (or prefix ending in {@code *})
     * @throws Exception if they cannot start
     */
    public static void main(String[] args) throws Exception {
        URI broker = URI.create(args[0]);
        int nodes = Integer.parseInt(args[1]);
        ClusterOptions options = ClusterOptions.builder().broker(broker)
                .atLeastOnceTopics(args.length > 2 ? Set.of(args[2]) : Set.of())
                .build();
        try (Topics topics = Clusters.open(options)) {
            int maxConnections = ServerMain.maxConnections(ServerOptions.defaults().maxConnections());
            List<WebSocketServer> servers = new ArrayList<>();
            StringBuilder ready = new StringBuilder(ServerMain.READY.trim());
            for (int i = 0; i < nodes; i++) {
                WebSocketServer server = WebSockets.serve(ServerOptions.builder()
                        .listen(ServerMain.HOST, 0)
                        .idleTimeout(Duration.ofSeconds(ServerMain.IDLE_TIMEOUT_SECONDS))
                        // no keepalive: the load opens all its subscribers (a minute or more) before it reads any
                        .pingInterval(Duration.ZERO)
                        .maxConnections(maxConnections)
                        // every subscriber comes from 127.0.0.1
                        .maxConnectionsPerAddress(maxConnections)
                        .build(), mapper(topics));
                servers.add(server);
                ready.append(' ').append(server.port());
            }
            // each message encoded once for the subscribers of every node of this JVM, as the server's broadcast does
            topics.broadcastThrough(servers.get(0));
            long deadline = System.nanoTime() + BROKER_TIMEOUT_NANOS;
            while (!topics.isConnected() && System.nanoTime() - deadline < 0) {
                TimeUnit.MILLISECONDS.sleep(20); // the broker's state is polled: nothing tells of it
            }
            System.out.println(topics.isConnected() ? ready : "BROKER UNREACHABLE " + broker);
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until standard input ends
            }
            topics.broadcastThrough(null);
            for (WebSocketServer server : servers) {
                server.close();
            }
            System.out.println("STATS " + topics.stats());
        }
    }
}
