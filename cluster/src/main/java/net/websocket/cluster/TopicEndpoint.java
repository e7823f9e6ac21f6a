package net.websocket.cluster;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import net.websocket.api.Connection;
import net.websocket.api.Listener;

/**
 * An endpoint for paths {@code PREFIX NAME} (such as {@code /topic/chat}): each connection is subscribed to topic
 * NAME, and every text message a client sends is published to it, so every connection on that path, on any node,
 * receives it (the sender included). Binary messages are published as they are. Route it with a pattern such as
 * {@code /topic/[^/]+}.
 *
 * <p>A client of an at-least-once topic that connects with {@code ?}{@value #SINCE}{@code =ID} (or {@code =$}) gets
 * every message with its id in front and, after a reconnect with the last id it saw, what it missed
 * ({@link Topics#subscribeFrom}); a client that asks this of another topic, or with a malformed id, is closed with
 * 1008.
 */
public final class TopicEndpoint implements Listener {
    /**
     * The query parameter with which a client of an at-least-once topic asks for each message's id and for what it
     * missed: {@code ?since=ID} (the last id it saw: the messages after it, then the live ones) or {@code ?since=$}
     * (the live ones). See {@link Topics#subscribeFrom}.
     *
     * @since 1.1
     */
    public static final String SINCE = "since";
    private static final int POLICY_VIOLATION = 1008;
    /** Close reasons are at most 123 bytes; these are ASCII. */
    private static final int MAX_REASON = 120;
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

    /**
     * {@return the value of the {@value #SINCE} query parameter of a connection's request, if it has one}
     *
     * @param connection a connection on this endpoint
     */
    public static Optional<String> since(Connection connection) {
        for (String parameter : connection.query().orElse("").split("&")) {
            int eq = parameter.indexOf('=');
            if (eq > 0 && parameter.substring(0, eq).equals(SINCE)) {
                return Optional.of(URLDecoder.decode(parameter.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    @Override
    public void onOpen(Connection connection) {
        Optional<String> since = since(connection);
        if (since.isEmpty()) {
            topics.subscribe(topicOf(connection), connection);
            return;
        }
        try {
            topics.subscribeFrom(topicOf(connection), connection, since.get());
        } catch (RuntimeException e) {
            if (!connection.isClosed()) {
                String reason = String.valueOf(e.getMessage());
                connection.close(POLICY_VIOLATION, reason.substring(0, Math.min(reason.length(), MAX_REASON)));
            }
        }
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
