package net.websocket.cluster;

import java.nio.ByteBuffer;
import net.websocket.api.Connection;
import net.websocket.api.WebSocketServer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Topics (rooms) shared by every node of a cluster: a connection subscribes to a topic on its node, and a message
 * published to the topic on any node is sent to every subscribed connection on every node. Thread-safe.
 *
 * <p>Each message is handed to the local subscribers with one {@link WebSocketServer#broadcast broadcast} once a
 * server was given to {@link #broadcastThrough} (the frame encoded once and shared), else to each with {@link
 * Connection#sendTextAsync} or {@link Connection#sendBinaryAsync}; either way a slow subscriber never stalls a
 * topic: its messages wait in its own outbound queue, bounded by its {@code outboundQueueLimit}, and when that is
 * full the {@link SlowSubscriberPolicy} decides. A connection is unsubscribed from all its topics when it closes.
 */
@ProviderType
public interface Topics extends AutoCloseable {

    /**
     * Subscribes a connection to a topic (again: no effect). A closed connection is not subscribed.
     *
     * @param topic the topic's name, not empty
     * @param connection the connection to send the topic's messages to
     */
    void subscribe(String topic, Connection connection);

    /**
     * Subscribes a connection to an at-least-once topic ({@link Delivery#AT_LEAST_ONCE}) so that it gets each
     * message with its id in front: a text message as {@code ID SP text}, a binary one as the id's ASCII bytes, a
     * space and the data. With {@code lastId} the last id the connection's client saw (on any node), it first gets
     * the messages after it that the broker still holds (at most about {@link ClusterOptions#streamMaxLength()}), in
     * order, then the live ones, none twice; with {@code "$"} only the live ones. Blocks while it replays, each
     * message waiting for the one before to be written: call it from a {@code Listener} or a {@code Handler}.
     *
     * @param topic      the topic's name, an at-least-once topic
     * @param connection the connection to send the topic's messages to
     * @param lastId     a message id ({@code MILLIS-SEQUENCE}, as the connection's client received it), or
     *                   {@code "$"}
     * @throws IllegalArgumentException      if the topic is not at-least-once or {@code lastId} is not an id
     * @throws UnsupportedOperationException if this implementation keeps no ids (in one JVM)
     * @throws BrokerException               if the broker could not be asked (the connection is closed)
     * @throws IllegalStateException         if the replay failed (the connection is closed with 1008)
     * @since 1.1
     */
    default void subscribeFrom(String topic, Connection connection, String lastId) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no message ids to replay from");
    }

    /**
     * Hands this node's messages to its subscribers with the server's {@link WebSocketServer#broadcast broadcast} from
     * now on, as the server's own broadcast does: each message encoded once, its frame shared by the subscribers of
     * one protocol variant without extensions (the others encode their own), the work spread over their I/O threads.
     * A broadcast takes the connections of every server of the same runtime, so one server serves for all the
     * node's servers; a subscriber that gets each message with its id ({@link #subscribeFrom}) still gets its own
     * sends. The {@link SlowSubscriberPolicy} applies as before ({@code DROP_MESSAGE}: the subscriber is skipped;
     * {@code CLOSE}: it is closed with 1008). Give {@code null} (back to a send per subscriber) or another server
     * before the server closes: a closed server's broadcasts deliver nothing. An implementation that cannot
     * broadcast ignores it.
     *
     * @param server a running server of the runtime the subscribers belong to, or {@code null}
     * @since 1.1
     */
    default void broadcastThrough(WebSocketServer server) {
    }

    /**
     * Unsubscribes a connection from a topic (not subscribed: no effect).
     *
     * @param topic the topic's name
     * @param connection the connection
     */
    void unsubscribe(String topic, Connection connection);

    /**
     * Publishes a text message to a topic, on every node. Returns once the broker acknowledged it.
     *
     * @param topic the topic's name, not empty
     * @param text the message
     * @throws BrokerException if the broker did not acknowledge it (the message was not published)
     */
    void publish(String topic, String text);

    /**
     * Publishes a binary message to a topic, on every node (the buffer's remaining bytes, which are copied).
     * Returns once the broker acknowledged it.
     *
     * @param topic the topic's name, not empty
     * @param data the message
     * @throws BrokerException if the broker did not acknowledge it (the message was not published)
     */
    void publish(String topic, ByteBuffer data);

    /**
     * {@return how many connections of this node are subscribed to a topic}
     *
     * @param topic the topic's name
     */
    int subscriberCount(String topic);

    /**
     * {@return how a topic's messages travel between nodes, from {@link ClusterOptions#atLeastOnceTopics()}}
     *
     * @param topic the topic's name
     */
    Delivery delivery(String topic);

    /** {@return whether the connections to the broker are up (always, in one JVM)} */
    boolean isConnected();

    /** {@return the counters of this instance} */
    TopicStats stats();

    /** Stops delivering and closes the broker connections; subscribed connections stay open. Idempotent. */
    @Override
    void close();
}
