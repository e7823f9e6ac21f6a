package net.websocket.cluster;

import java.net.URI;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.websocket.api.Connection;
import net.websocket.api.Listener;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ServerOptions;

/**
 * An example node of a cluster: serves {@code /topic/NAME}, where every connection is subscribed to topic NAME and
 * every text message a client sends is published to it. On open it sends {@code joined NODE NAME}, so a client
 * knows it is subscribed and on which node. Run as {@code ClusterNode NODE PORT BROKER [AT_LEAST_ONCE_TOPIC...]};
 * it prints {@code READY} once it serves and its broker connections are up, and stops when standard input ends.
 */
public final class ClusterNode {
    private ClusterNode() {
    }

    /**
     * Creates the endpoints of a node.
     *
     * @param node the node's name
     * @param topics the topics
     * @return the mapper serving {@code /topic/NAME}
     */
    public static ServiceMapper mapper(String node, Topics topics) {
        return mapper(node, topics, c -> { });
    }

    /**
     * Creates the endpoints of a node.
     *
     * @param node the node's name
     * @param topics the topics
     * @param joined told of each connection once it is subscribed
     * @return the mapper serving {@code /topic/NAME}
     */
    public static ServiceMapper mapper(String node, Topics topics, Consumer<Connection> joined) {
        TopicEndpoint endpoint = new TopicEndpoint(topics, "/topic/");
        Listener member = new Listener() {
            @Override
            public void onOpen(Connection c) {
                endpoint.onOpen(c);
                joined.accept(c);
                c.sendTextAsync("joined " + node + " " + endpoint.topicOf(c));
            }

            @Override
            public void onText(Connection c, String text) {
                endpoint.onText(c, text);
            }
        };
        return ServiceMapper.builder().route("/topic/[^/]+", ServiceMapper.none(member)).build();
    }

    static String topicOf(Connection c) {
        return c.path().substring("/topic/".length());
    }

    /**
     * Runs a node.
     *
     * @param args node name, port, broker, at-least-once topics
     * @throws Exception if it cannot start
     */
    public static void main(String[] args) throws Exception {
        String node = args[0];
        int port = Integer.parseInt(args[1]);
        ClusterOptions options = ClusterOptions.builder().broker(URI.create(args[2]))
                .atLeastOnceTopics(Set.copyOf(Arrays.asList(args).subList(3, args.length)))
                .build();
        try (Topics topics = Clusters.open(options)) {
            WebSocketServer server = WebSockets.serve(ServerOptions.builder().listen("127.0.0.1", port).build(),
                    mapper(node, topics));
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!topics.isConnected() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20); // a node polls its broker state; nothing to be told of
            }
            System.out.println(topics.isConnected() ? "READY" : "BROKER UNREACHABLE");
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until standard input ends
            }
            server.close();
        }
    }
}
