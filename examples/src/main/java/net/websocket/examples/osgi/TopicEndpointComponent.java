package net.websocket.examples.osgi;

import java.nio.ByteBuffer;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import net.websocket.api.Connection;
import net.websocket.api.Listener;
import net.websocket.api.whiteboard.WebSocketEndpoint;
import net.websocket.api.whiteboard.WebSocketWhiteboard;
import net.websocket.cluster.TopicEndpoint;
import net.websocket.cluster.Topics;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /topic/NAME}: each connection is subscribed to topic NAME of the {@link Topics} service, and every message a
 * client sends is published to it ({@link TopicEndpoint}), so every connection on that path, on every server sharing
 * the broker, receives it. The service is the cluster bundle's, configured by {@value #CLUSTER_PID}; this endpoint
 * exists only while that configuration does ({@code ./ws serve --cluster} writes it), so a framework without a
 * cluster (or without the cluster bundle, whose package this bundle imports optionally) has no {@code /topic/NAME}
 * and no component waiting for a {@code Topics} service. A blocking {@link Listener}: a publish waits for the broker.
 *
 * <p>The component registers its {@code Listener} service itself, with {@value WebSocketWhiteboard#PATH} alone:
 * Declarative Services would publish the properties of the configuration {@value #CLUSTER_PID} with it, the
 * broker's address among them, which may carry a password.
 */
@Component(service = {}, configurationPid = TopicEndpointComponent.CLUSTER_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
@WebSocketEndpoint(path = TopicEndpointComponent.PREFIX + "[^/]+")
public final class TopicEndpointComponent implements Listener {
    /** The cluster bundle's configuration: this endpoint exists only while there is one. */
    static final String CLUSTER_PID = "net.websocket.cluster";
    /** The path before a topic's name. */
    static final String PREFIX = "/topic/";

    private final TopicEndpoint endpoint;
    private final ServiceRegistration<Listener> registration;

    /**
     * An endpoint on the topics service, registered on the whiteboard's path {@code /topic/NAME}.
     *
     * @param topics     the cluster's topics
     * @param context    this bundle's context, to register the endpoint with
     * @param properties the component's properties: its path ({@link WebSocketEndpoint}) and the configuration's
     */
    @Activate
    public TopicEndpointComponent(@Reference Topics topics, BundleContext context, Map<String, Object> properties) {
        endpoint = new TopicEndpoint(topics, PREFIX);
        Dictionary<String, Object> published = new Hashtable<>();
        published.put(WebSocketWhiteboard.PATH, properties.get(WebSocketWhiteboard.PATH));
        registration = context.registerService(Listener.class, this, published);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
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
