package net.websocket.cluster.internal;

import java.nio.ByteBuffer;
import net.websocket.api.Connection;
import net.websocket.api.WebSocketServer;
import net.websocket.cluster.ClusterOptions;
import net.websocket.cluster.Delivery;
import net.websocket.cluster.TopicStats;
import net.websocket.cluster.Topics;

/**
 * Topics within one JVM: a publish is handed to the subscribers at once, on the publishing thread. Every server of
 * the JVM that shares this instance is a node of the same cluster.
 */
public final class LocalTopics implements Topics {
    private final ClusterOptions options;
    private final Subscribers subscribers;

    /**
     * In-JVM topics.
     *
     * @param options the policies (the broker is not used)
     */
    public LocalTopics(ClusterOptions options) {
        this.options = options;
        this.subscribers = new Subscribers(options.slowSubscriberPolicy(), t -> { }, t -> { });
    }

    @Override
    public void subscribe(String topic, Connection connection) {
        subscribers.subscribe(topic, connection);
    }

    @Override
    public void broadcastThrough(WebSocketServer server) {
        subscribers.broadcastThrough(server);
    }

    @Override
    public void unsubscribe(String topic, Connection connection) {
        subscribers.unsubscribe(topic, connection);
    }

    @Override
    public void publish(String topic, String text) {
        subscribers.deliverText(Subscribers.checkTopic(topic), text);
    }

    @Override
    public void publish(String topic, ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        subscribers.deliverBinary(Subscribers.checkTopic(topic), copy);
    }

    @Override
    public int subscriberCount(String topic) {
        return subscribers.count(topic);
    }

    @Override
    public Delivery delivery(String topic) {
        return options.delivery(topic);
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public TopicStats stats() {
        return subscribers.stats(0);
    }

    @Override
    public void close() {
    }
}
