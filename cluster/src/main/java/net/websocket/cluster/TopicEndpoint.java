package net.websocket.cluster;

import java.nio.ByteBuffer;
import java.util.Objects;
import net.websocket.api.Connection;
import net.websocket.api.Listener;

/**
 * An endpoint for paths {@code PREFIX NAME} (such as {@code /topic/chat}): each connection is subscribed to topic
 * NAME, and every text message a client sends is published to it, so every connection on that path, on any node,
 * receives it (the sender included). Binary messages are published as they are. Route it with a pattern such as
 * {@code /topic/[^/]+}.
 */
public final class TopicEndpoint implements Listener {
    private final Topics topics;
    private final String prefix;

    /**
     * An endpoint whose topic is the part of the path after the prefix.
     *
     * @param topics the topics
     * @param prefix the path before the topic's name, such as {@code /topic/}
     */
    public TopicEndpoint(Topics topics, String prefix) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    /**
     * {@return the topic of a connection: its path after the prefix}
     *
     * @param connection a connection on this endpoint
     */
    public String topicOf(Connection connection) {
        String path = connection.path();
        return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }

    @Override
    public void onOpen(Connection connection) {
        topics.subscribe(topicOf(connection), connection);
    }

    @Override
    public void onText(Connection connection, String text) {
        topics.publish(topicOf(connection), text);
    }

    @Override
    public void onBinary(Connection connection, ByteBuffer data) {
        topics.publish(topicOf(connection), data);
    }
}
