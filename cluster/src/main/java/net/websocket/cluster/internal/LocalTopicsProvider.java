package net.websocket.cluster.internal;

import java.net.URI;
import net.websocket.cluster.ClusterOptions;
import net.websocket.cluster.Topics;
import net.websocket.cluster.TopicsProvider;

/** Provides {@link LocalTopics} for the broker address {@code local:/}. */
public final class LocalTopicsProvider implements TopicsProvider {
    /** For {@link java.util.ServiceLoader}. */
    public LocalTopicsProvider() {
    }

    @Override
    public boolean supports(URI broker) {
        return "local".equalsIgnoreCase(broker.getScheme());
    }

    @Override
    public Topics open(ClusterOptions options) {
        return new LocalTopics(options);
    }
}
