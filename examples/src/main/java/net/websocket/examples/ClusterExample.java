package net.websocket.examples;

import java.io.PrintStream;
import java.net.URI;
import net.websocket.api.ServiceMapper;
import net.websocket.cluster.ClusterOptions;
import net.websocket.cluster.Clusters;
import net.websocket.cluster.TopicEndpoint;
import net.websocket.cluster.Topics;

/**
 * {@code ./ws serve --plain --cluster redis://HOST:PORT}: the example endpoints and {@code /topic/NAME}, where
 * every text message a client sends is published to topic NAME and every connection on {@code /topic/NAME}, on any
 * server sharing the broker, receives it. Loaded only with {@code --cluster}, so the examples need the optional
 * {@code net.websocket.cluster} module only then.
 */
final class ClusterExample {
    /** The path before a topic's name. */
    static final String TOPIC_PREFIX = "/topic/";

    private ClusterExample() {
    }

    /**
     * Opens the topics on the broker and adds {@code /topic/NAME} to the example routes; the topics stay open
     * until the JVM ends.
     */
    static ServiceMapper mapper(String broker, PrintStream out) {
        ClusterOptions options = ClusterOptions.builder().broker(URI.create(broker)).build();
        Topics topics = Clusters.open(options);
        Runtime.getRuntime().addShutdownHook(new Thread(topics::close, "ws-topics-shutdown"));
        // the options' broker: the address without its password
        out.println("Topics on " + options.broker() + ": ws://.../topic/NAME");
        return ExampleServer.routes()
                .route(TOPIC_PREFIX + "[^/]+", ServiceMapper.none(new TopicEndpoint(topics, TOPIC_PREFIX)))
                .build();
    }
}
