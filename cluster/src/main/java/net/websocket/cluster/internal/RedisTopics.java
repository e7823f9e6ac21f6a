package net.websocket.cluster.internal;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import net.websocket.api.Connection;
import net.websocket.api.WebSocketServer;
import net.websocket.cluster.BrokerException;
import net.websocket.cluster.ClusterOptions;
import net.websocket.cluster.Delivery;
import net.websocket.cluster.TopicStats;
import net.websocket.cluster.Topics;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.util.JedisURIHelper;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Topics through Redis. A fire-and-forget topic is the pub/sub channel {@code PREFIX topic: NAME}: every node has
 * one connection pattern-subscribed to all topic channels and hands what arrives to its local subscribers. An
 * at-least-once topic is the stream {@code PREFIX stream: NAME} (capped near {@link
 * ClusterOptions#streamMaxLength()}): a node reads the streams of the topics it has subscribers for, from the last
 * entry it delivered, so after a reconnect it reads on from there. Publishes go through one more connection and
 * return once Redis answered. Each of the three connections is reopened by itself when lost, after a delay that
 * doubles from {@link ClusterOptions#reconnectDelay()}.
 */
final class RedisTopics implements Topics {
    private static final System.Logger LOG = System.getLogger(RedisTopics.class.getName());
    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int REPLY_TIMEOUT_MS = 5_000;
    private static final int READ_BLOCK_MS = 500;
    private static final int READ_COUNT = 256;
    private static final String TEXT = StreamSubscriber.TEXT;
    private static final String BINARY = StreamSubscriber.BINARY;
    /** What a client gives for "no replay, only live messages, with their ids". */
    private static final String LIVE = "$";
    private static final Pattern STREAM_ID = Pattern.compile("\\d{1,19}-\\d{1,19}");
    /** How long a replaying client may take to take one message. */
    private static final long REPLAY_SEND_TIMEOUT_SECONDS = 30;

    private final ClusterOptions options;
    private final URI broker;
    private final Subscribers subscribers;
    private final String channelPrefix;
    private final String streamPrefix;
    private final Object publishLock = new Object();
    private Jedis publisher;
    /** Per at-least-once topic with local subscribers: the last stream entry delivered (or the start). */
    private final Map<String, StreamEntryID> positions = new ConcurrentHashMap<>();
    private final Object positionsChanged = new Object();
    private final AtomicLong reconnects = new AtomicLong();
    private final Thread pubSubReader;
    private final Thread streamReader;
    private volatile boolean open = true;
    private volatile boolean pubSubUp;
    private volatile boolean streamsUp;
    private volatile Jedis pubSubConnection;
    private volatile JedisPubSub pubSub;

    RedisTopics(ClusterOptions options) {
        this.options = options;
        this.broker = options.broker();
        this.subscribers = new Subscribers(options.slowSubscriberPolicy(), this::firstSubscriber,
                positions::remove);
        this.channelPrefix = options.keyPrefix() + "topic:";
        this.streamPrefix = options.keyPrefix() + "stream:";
        this.pubSubReader = new Thread(this::readPubSub, "topics-redis-pubsub");
        this.streamReader = new Thread(this::readStreams, "topics-redis-streams");
        pubSubReader.setDaemon(true);
        streamReader.setDaemon(true);
        pubSubReader.start();
        streamReader.start();
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
        send(Subscribers.checkTopic(topic), TEXT, text);
    }

    @Override
    public void publish(String topic, ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        send(Subscribers.checkTopic(topic), BINARY, Base64.getEncoder().encodeToString(copy));
    }

    private void send(String topic, String kind, String payload) {
        if (!open) {
            throw new IllegalStateException("Topics closed");
        }
        if (options.delivery(topic) == Delivery.AT_LEAST_ONCE) {
            XAddParams params = XAddParams.xAddParams().maxLen(options.streamMaxLength()).approximateTrimming();
            withPublisher("XADD " + topic, j -> j.xadd(streamPrefix + topic, params, Map.of(kind, payload)));
        } else {
            withPublisher("PUBLISH " + topic, j -> j.publish(channelPrefix + topic, kind + payload));
        }
    }

    /** Runs a command on the publishing connection; a connection found broken is replaced once, then it fails. */
    private <T> T withPublisher(String what, Function<Jedis, T> command) {
        synchronized (publishLock) {
            for (int attempt = 0; ; attempt++) {
                boolean reused = publisher != null;
                try {
                    if (!reused) {
                        publisher = connect(REPLY_TIMEOUT_MS);
                    }
                    return command.apply(publisher);
                } catch (JedisException e) {
                    closeQuietly(publisher);
                    publisher = null;
                    if (!reused || attempt > 0 || !open) {
                        throw new BrokerException(what + " not acknowledged by " + broker + ": " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    private Jedis connect(int replyTimeoutMillis) {
        // the user from the address, the password from the options: the address never holds it
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                .user(broker.getUserInfo()).password(options.password().orElse(null))
                .database(JedisURIHelper.getDBIndex(broker))
                .connectionTimeoutMillis(CONNECT_TIMEOUT_MS).socketTimeoutMillis(replyTimeoutMillis).build();
        int port = broker.getPort() < 0 ? 6379 : broker.getPort();
        Jedis jedis = new Jedis(new HostAndPort(broker.getHost(), port), config);
        try {
            jedis.ping();
        } catch (RuntimeException e) {
            closeQuietly(jedis);
            throw e;
        }
        return jedis;
    }

    /** Where a node starts reading an at-least-once topic: after the newest entry the broker holds now. */
    private void firstSubscriber(String topic) {
        if (options.delivery(topic) != Delivery.AT_LEAST_ONCE) {
            return;
        }
        StreamEntryID start;
        try {
            List<StreamEntry> newest = withPublisher("XREVRANGE " + topic,
                    j -> j.xrevrange(streamPrefix + topic, "+", "-", 1));
            start = newest.isEmpty() ? new StreamEntryID(0, 0) : newest.get(0).getID();
        } catch (BrokerException e) {
            // the broker is away: start from now by the clock (stream ids are the broker's milliseconds)
            start = new StreamEntryID(System.currentTimeMillis(), 0);
        }
        positions.putIfAbsent(topic, start);
        synchronized (positionsChanged) {
            positionsChanged.notifyAll();
        }
    }

    private void readPubSub() {
        int failures = 0;
        while (open) {
            Jedis jedis = null;
            try {
                jedis = connect(0);
                pubSubConnection = jedis;
                JedisPubSub listener = new JedisPubSub() {
                    @Override
                    public void onPSubscribe(String pattern, int subscribedChannels) {
                        pubSubUp = true;
                    }

                    @Override
                    public void onPMessage(String pattern, String channel, String message) {
                        if (channel.startsWith(channelPrefix) && !message.isEmpty()) {
                            deliver(channel.substring(channelPrefix.length()), message.substring(0, 1),
                                    message.substring(1));
                        }
                    }
                };
                pubSub = listener;
                if (!open) {
                    break;
                }
                failures = 0;
                jedis.psubscribe(listener, channelPrefix + "*");
            } catch (JedisException e) {
                if (open) {
                    LOG.log(System.Logger.Level.DEBUG, "Redis pub/sub connection lost", e);
                }
            } finally {
                pubSubUp = false;
                pubSubConnection = null;
                closeQuietly(jedis);
            }
            if (open) {
                reconnects.incrementAndGet();
                backOff(failures++);
            }
        }
    }

    private void readStreams() {
        int failures = 0;
        while (open) {
            Jedis jedis = null;
            try {
                jedis = connect(REPLY_TIMEOUT_MS);
                streamsUp = true;
                failures = 0;
                while (open) {
                    Map<String, StreamEntryID> from = new HashMap<>();
                    positions.forEach((topic, id) -> from.put(streamPrefix + topic, id));
                    if (from.isEmpty()) {
                        synchronized (positionsChanged) {
                            if (positions.isEmpty() && open) {
                                positionsChanged.wait(READ_BLOCK_MS);
                            }
                        }
                        jedis.ping();
                        continue;
                    }
                    List<Map.Entry<String, List<StreamEntry>>> read =
                            jedis.xread(XReadParams.xReadParams().count(READ_COUNT).block(READ_BLOCK_MS), from);
                    if (read == null) {
                        continue;
                    }
                    for (Map.Entry<String, List<StreamEntry>> stream : read) {
                        String topic = stream.getKey().substring(streamPrefix.length());
                        for (StreamEntry entry : stream.getValue()) {
                            entry.getFields().forEach((kind, payload) -> deliverEntry(topic, entry, kind, payload,
                                    e -> subscribers.deliverEntry(topic, entry.getID(), kind, e, payload)));
                            positions.computeIfPresent(topic, (t, old) -> entry.getID());
                        }
                    }
                }
            } catch (JedisException e) {
                if (open) {
                    LOG.log(System.Logger.Level.DEBUG, "Redis streams connection lost", e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                streamsUp = false;
                closeQuietly(jedis);
            }
            if (open) {
                reconnects.incrementAndGet();
                backOff(failures++);
            }
        }
    }

    private void deliver(String topic, String kind, String payload) {
        if (TEXT.equals(kind)) {
            subscribers.deliverText(topic, payload);
        } else if (BINARY.equals(kind)) {
            try {
                subscribers.deliverBinary(topic, Base64.getDecoder().decode(payload));
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.DEBUG, "Ignored a malformed binary message on topic " + topic, e);
            }
        }
    }

    /** Hands a stream entry to {@code to} with its binary payload decoded (skipping a malformed one). */
    private static void deliverEntry(String topic, StreamEntry entry, String kind, String payload,
            Consumer<byte[]> to) {
        if (TEXT.equals(kind)) {
            to.accept(null);
        } else if (BINARY.equals(kind)) {
            byte[] data;
            try {
                data = Base64.getDecoder().decode(payload);
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.DEBUG, "Ignored a malformed binary entry " + entry.getID() + " of topic "
                        + topic, e);
                return;
            }
            to.accept(data);
        }
    }

    @Override
    public void subscribeFrom(String topic, Connection connection, String lastId) {
        if (options.delivery(Subscribers.checkTopic(topic)) != Delivery.AT_LEAST_ONCE) {
            throw new IllegalArgumentException("Topic " + topic + " is not at-least-once: its messages have no ids");
        }
        StreamEntryID after = null;
        if (!LIVE.equals(lastId)) {
            if (lastId == null || !STREAM_ID.matcher(lastId).matches()) {
                throw new IllegalArgumentException("Not a stream id (MILLIS-SEQUENCE) nor " + LIVE + ": " + lastId);
            }
            after = new StreamEntryID(lastId);
        }
        StreamSubscriber s = subscribers.subscribeWithIds(topic, connection,
                (int) Math.min(Integer.MAX_VALUE, options.streamMaxLength()));
        try {
            if (after != null) {
                replay(topic, s, after);
            }
            List<CompletionStage<Void>> held = s.goLive();
            if (held == null) {
                throw new IllegalStateException("Topic " + topic + ": more than " + options.streamMaxLength()
                        + " messages came while replaying");
            }
            held.forEach(sent -> subscribers.track(connection, sent));
        } catch (RuntimeException e) {
            subscribers.unsubscribe(topic, connection);
            connection.close(Subscribers.SLOW_CLOSE_CODE, "Replay failed");
            throw e;
        }
    }

    /**
     * Sends the entries after {@code after}, one at a time (each waits for the one before to be written, so a
     * replay never overflows the connection's queue), at most as many as the stream is capped to (and a little).
     */
    private void replay(String topic, StreamSubscriber s, StreamEntryID after) {
        String key = streamPrefix + topic;
        long bound = options.streamMaxLength() + (long) READ_COUNT * 4;
        String from = "(" + after;
        for (long sent = 0; sent < bound;) {
            String start = from;
            List<StreamEntry> batch = withPublisher("XRANGE " + topic, j -> j.xrange(key, start, "+", READ_COUNT));
            for (StreamEntry entry : batch) {
                entry.getFields().forEach((kind, payload) -> deliverEntry(topic, entry, kind, payload,
                        data -> await(s.replayed(entry.getID(), kind, data, payload))));
                sent++;
            }
            if (batch.size() < READ_COUNT) {
                return;
            }
            from = "(" + batch.get(batch.size() - 1).getID();
        }
    }

    private static void await(CompletionStage<Void> sent) {
        try {
            sent.toCompletableFuture().get(REPLAY_SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A replayed message was not sent: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("A replayed message was not taken in " + REPLAY_SEND_TIMEOUT_SECONDS
                    + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while replaying", e);
        }
    }

    private void backOff(int failures) {
        long delay = options.reconnectDelay().toNanos() << Math.min(failures, 4);
        long until = System.nanoTime() + delay;
        synchronized (positionsChanged) {
            long left;
            while (open && (left = until - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(positionsChanged, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void closeQuietly(Jedis jedis) {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.TRACE, "closing a Redis connection", e);
            }
        }
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
        return open && pubSubUp && streamsUp;
    }

    @Override
    public TopicStats stats() {
        return subscribers.stats(reconnects.get());
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        synchronized (positionsChanged) {
            positionsChanged.notifyAll();
        }
        JedisPubSub listener = pubSub;
        if (listener != null) {
            try {
                listener.punsubscribe();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.TRACE, "unsubscribing", e);
            }
        }
        closeQuietly(pubSubConnection);
        try {
            pubSubReader.join(REPLY_TIMEOUT_MS);
            streamReader.join(REPLY_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (publishLock) {
            closeQuietly(publisher);
            publisher = null;
        }
    }

    @Override
    public String toString() {
        return "RedisTopics[" + broker + "]";
    }
}
