package net.websocket.examples.osgi;

import java.nio.ByteBuffer;

import net.websocket.api.Connection;
import net.websocket.api.Listener;
import net.websocket.api.whiteboard.WebSocketEndpoint;
import net.websocket.cluster.TopicEndpoint;
import net.websocket.cluster.Topics;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /topic/NAME}: each connection is subscribed to topic NAME of the {@link Topics} service, and every message a
 * client sends is published to it ({@link TopicEndpoint}), so every connection on that path, on every server sharing
 * the broker, receives it. The service is the cluster bundle's, configured by {@value #CLUSTER_PID}; this endpoint
 * exists only while that configuration does ({@code ./ws serve --cluster} writes it), so a framework without a
 * cluster (or without the cluster bundle, whose package this bundle imports optionally) has no {@code /topic/NAME}
 * and no component waiting for a {@code Topics} service. A blocking {@link Listener}: a publish waits for the broker.
 */
@Component(service = Listener.class, configurationPid = TopicEndpointComponent.CLUSTER_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@WebSocketEndpoint(path = TopicEndpointComponent.PREFIX + "[^/]+")
public final class TopicEndpointComponent implements Listener {
    /** The cluster bundle's configuration: this endpoint exists only while there is one. */
    static final String CLUSTER_PID = "net.websocket.cluster";
    /** The path before a topic's name. */
    static final String PREFIX = "/topic/";

    private final TopicEndpoint endpoint;

    /**
     * An endpoint on the topics service.
     *
     * @param topics the cluster's topics
     */
    @Activate
    public TopicEndpointComponent(@Reference Topics topics) {
        endpoint = new TopicEndpoint(topics, PREFIX);
    }

    @Override
    public void onOpen(Connection connection) {
        endpoint.onOpen(connection);
    }

    @Override
    public void onText(Connection connection, String text) {
        endpoint.onText(connection, text);
    }

    @Override
    public void onBinary(Connection connection, ByteBuffer data) {
        endpoint.onBinary(connection, data);
    }
}
