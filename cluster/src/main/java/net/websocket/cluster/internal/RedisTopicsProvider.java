package net.websocket.cluster.internal;

import java.net.URI;
import net.websocket.cluster.ClusterOptions;
import net.websocket.cluster.Topics;
import net.websocket.cluster.TopicsProvider;

/** Provides {@link RedisTopics} for the broker addresses {@code redis://host:port}. */
public final class RedisTopicsProvider implements TopicsProvider {
    /** For {@link java.util.ServiceLoader}. */
    public RedisTopicsProvider() {
    }

    @Override
    public boolean supports(URI broker) {
        return "redis".equalsIgnoreCase(broker.getScheme());
    }

    @Override
    public Topics open(ClusterOptions options) {
        return new RedisTopics(options);
    }
}
