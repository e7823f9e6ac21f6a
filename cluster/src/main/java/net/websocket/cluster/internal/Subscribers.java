package net.websocket.cluster.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import net.websocket.api.BroadcastPolicy;
import net.websocket.api.Connection;
import net.websocket.api.ConnectionClosedException;
import net.websocket.api.Message;
import net.websocket.api.OutboundQueueFullException;
import net.websocket.api.WebSocketServer;
import net.websocket.cluster.SlowSubscriberPolicy;
import net.websocket.cluster.TopicStats;
import redis.clients.jedis.StreamEntryID;

/**
 * The connections of one node subscribed to each topic, and the fan-out of a message to them, which never waits for
 * a slow one: a {@linkplain WebSocketServer#broadcast broadcast} through the server given to {@link
 * #broadcastThrough} (the frame encoded once for the connections of one variant), or without one an asynchronous
 * send per connection; a full outbound queue is handled by the {@link SlowSubscriberPolicy}. The connections that
 * get each message with its stream id get sends of their own. A connection leaves all its topics when it closes.
 */
final class Subscribers {
    /** The close status sent to a connection closed by {@link SlowSubscriberPolicy#CLOSE}. */
    static final int SLOW_CLOSE_CODE = 1008;
    /** The close reason sent with it. */
    static final String SLOW_CLOSE_REASON = "Too slow for its topics";

    private final ConcurrentHashMap<String, Set<Connection>> byTopic = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Connection, Set<String>> byConnection = new ConcurrentHashMap<>();
    /** By topic: the subscribers that get each message with its stream id. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<Connection, StreamSubscriber>> withIds =
            new ConcurrentHashMap<>();
    private final SlowSubscriberPolicy policy;
    /** The {@link #policy} as a broadcast's. */
    private final BroadcastPolicy broadcastPolicy;
    /** The server whose broadcast delivers, or {@code null}: a send per connection. */
    private volatile WebSocketServer broadcaster;
    private final Consumer<String> firstSubscriber;
    private final Consumer<String> lastSubscriber;
    private final LongAdder delivered = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder closedSlow = new LongAdder();

    /**
     * @param policy what to do with a connection whose outbound queue is full
     * @param firstSubscriber told of a topic that got its first subscriber on this node
     * @param lastSubscriber told of a topic that lost its last subscriber on this node
     */
    Subscribers(SlowSubscriberPolicy policy, Consumer<String> firstSubscriber, Consumer<String> lastSubscriber) {
        this.policy = policy;
        this.broadcastPolicy = policy == SlowSubscriberPolicy.CLOSE
                ? BroadcastPolicy.closeAfter(1).withCloseStatus(SLOW_CLOSE_CODE, SLOW_CLOSE_REASON)
                : BroadcastPolicy.skip();
        this.firstSubscriber = firstSubscriber;
        this.lastSubscriber = lastSubscriber;
    }

    static String checkTopic(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("A topic needs a name");
        }
        return topic;
    }

    void subscribe(String topic, Connection connection) {
        checkTopic(topic);
        boolean[] first = {false};
        boolean[] newConnection = {false};
        byConnection.compute(connection, (c, topics) -> {
            if (topics == null) {
                topics = ConcurrentHashMap.newKeySet();
                newConnection[0] = true;
            }
            topics.add(topic);
            return topics;
        });
        byTopic.compute(topic, (t, connections) -> {
            if (connections == null) {
                connections = ConcurrentHashMap.newKeySet();
                first[0] = true;
            }
            connections.add(connection);
            return connections;
        });
        if (first[0]) {
            firstSubscriber.accept(topic);
        }
        if (newConnection[0]) {
            // outside the map's update: a closed connection's stage runs this at once
            connection.closed().whenComplete((status, error) -> unsubscribeAll(connection));
        }
    }

    /**
     * Subscribes a connection that gets the topic's stream entries with their ids; the live ones are held until
     * the caller ends its replay ({@link StreamSubscriber#goLive}).
     */
    StreamSubscriber subscribeWithIds(String topic, Connection connection, int holdLimit) {
        StreamSubscriber s = new StreamSubscriber(connection, holdLimit);
        withIds.computeIfAbsent(checkTopic(topic), t -> new ConcurrentHashMap<>()).put(connection, s);
        subscribe(topic, connection);
        return s;
    }

    void unsubscribe(String topic, Connection connection) {
        withIds.computeIfPresent(topic, (t, m) -> {
            m.remove(connection);
            return m.isEmpty() ? null : m;
        });
        Set<String> topics = byConnection.get(connection);
        if (topics != null) {
            topics.remove(topic);
        }
        boolean[] last = {false};
        byTopic.computeIfPresent(topic, (t, connections) -> {
            connections.remove(connection);
            last[0] = connections.isEmpty();
            return last[0] ? null : connections;
        });
        if (last[0]) {
            lastSubscriber.accept(topic);
        }
    }

    void unsubscribeAll(Connection connection) {
        Set<String> topics = byConnection.remove(connection);
        if (topics != null) {
            for (String topic : topics) {
                unsubscribe(topic, connection);
            }
        }
    }

    /** {@return how many connections of this node are subscribed to a topic} */
    int count(String topic) {
        Set<Connection> connections = byTopic.get(topic);
        return connections == null ? 0 : connections.size();
    }

    /**
     * Delivers through a server's broadcast from now on, or with {@code null} through a send per connection.
     *
     * @param server a server of the runtime the subscribers' connections belong to, or {@code null}
     */
    void broadcastThrough(WebSocketServer server) {
        broadcaster = server;
    }

    void deliverText(String topic, String text) {
        WebSocketServer server = broadcaster;
        if (server != null) {
            broadcast(server, Message.text(text), plainSubscribers(topic));
        } else {
            deliver(topic, c -> c.sendTextAsync(text));
        }
    }

    void deliverBinary(String topic, byte[] data) {
        WebSocketServer server = broadcaster;
        if (server != null) {
            broadcast(server, Message.binary(ByteBuffer.wrap(data).asReadOnlyBuffer()), plainSubscribers(topic));
        } else {
            deliver(topic, c -> c.sendBinaryAsync(ByteBuffer.wrap(data).asReadOnlyBuffer()));
        }
    }

    /**
     * Delivers a stream entry of an at-least-once topic: with its id to the subscribers that asked for ids, as it
     * is to the others.
     */
    void deliverEntry(String topic, StreamEntryID id, String kind, byte[] binary, String text) {
        WebSocketServer server = broadcaster;
        if (server != null) {
            Map<Connection, StreamSubscriber> ids = withIds.get(topic);
            if (ids != null) {
                for (StreamSubscriber s : ids.values()) {
                    sendTracked(s.connection(), () -> s.live(id, kind, binary, text));
                }
            }
            broadcast(server, StreamSubscriber.BINARY.equals(kind)
                    ? Message.binary(ByteBuffer.wrap(binary).asReadOnlyBuffer()) : Message.text(text),
                    plainSubscribers(topic));
            return;
        }
        deliver(topic, c -> {
            // looked up for each connection: one subscribed with ids is in withIds before it is in byTopic
            Map<Connection, StreamSubscriber> ids = withIds.get(topic);
            StreamSubscriber s = ids == null ? null : ids.get(c);
            if (s != null) {
                return s.live(id, kind, binary, text);
            }
            return StreamSubscriber.BINARY.equals(kind) ? c.sendBinaryAsync(ByteBuffer.wrap(binary).asReadOnlyBuffer())
                    : c.sendTextAsync(text);
        });
    }

    private void deliver(String topic, Function<Connection, CompletionStage<Void>> send) {
        Set<Connection> connections = byTopic.get(topic);
        if (connections == null) {
            return;
        }
        for (Connection connection : connections) {
            sendTracked(connection, () -> send.apply(connection));
        }
    }

    private void sendTracked(Connection connection, Supplier<CompletionStage<Void>> send) {
        CompletionStage<Void> sent;
        try {
            sent = send.get();
        } catch (RuntimeException e) {
            failed(connection, e);
            return;
        }
        if (sent != null) {
            track(connection, sent);
        }
    }

    /** The subscribers of a topic that get its messages as published (without ids). */
    private Collection<Connection> plainSubscribers(String topic) {
        Set<Connection> connections = byTopic.get(topic);
        if (connections == null) {
            return List.of();
        }
        Map<Connection, StreamSubscriber> ids = withIds.get(topic);
        if (ids == null || ids.isEmpty()) {
            return connections;
        }
        List<Connection> plain = new ArrayList<>(connections.size());
        for (Connection c : connections) {
            if (!ids.containsKey(c)) {
                plain.add(c);
            }
        }
        return plain;
    }

    /**
     * One broadcast of a message to the connections, counted when it is done: queued as delivered, skipped as
     * dropped, closed by the policy as closed for slowness; those it closed leave their topics at once, as a
     * connection closed for a failed send does (rather than when their closing handshake ends).
     */
    private void broadcast(WebSocketServer server, Message message, Collection<Connection> to) {
        if (to.isEmpty()) {
            return;
        }
        server.broadcast(message, to, broadcastPolicy).thenAccept(result -> {
            delivered.add(result.queued());
            dropped.add(result.skipped());
            closedSlow.add(result.closed());
            if (result.closed() > 0) {
                for (Connection c : to) {
                    if (c.isClosed()) {
                        unsubscribeAll(c);
                    }
                }
            }
        });
    }

    /** Counts a send as delivered when it completes, or applies the policy when it fails. */
    void track(Connection connection, CompletionStage<Void> sent) {
        sent.whenComplete((v, error) -> {
            if (error == null) {
                delivered.increment();
            } else {
                failed(connection, error);
            }
        });
    }

    private void failed(Connection connection, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof OutboundQueueFullException) {
            if (policy == SlowSubscriberPolicy.CLOSE) {
                closedSlow.increment();
                unsubscribeAll(connection);
                connection.close(SLOW_CLOSE_CODE, SLOW_CLOSE_REASON);
            } else {
                dropped.increment();
            }
        } else if (cause instanceof ConnectionClosedException) {
            unsubscribeAll(connection);
        }
    }

    TopicStats stats(long reconnects) {
        return new TopicStats(delivered.sum(), dropped.sum(), closedSlow.sum(), reconnects);
    }
}
