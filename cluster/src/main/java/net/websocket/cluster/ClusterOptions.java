package net.websocket.cluster;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The broker and the policies of {@link Topics}: immutable, made by {@link #builder()}.
 */
public final class ClusterOptions {
    /** The broker address of the in-JVM implementation, the default. */
    public static final URI LOCAL = URI.create("local:/");

    private final URI broker;
    private final SlowSubscriberPolicy slowSubscriberPolicy;
    private final Set<String> atLeastOnceTopics;
    private final Duration reconnectDelay;
    private final long streamMaxLength;
    private final String keyPrefix;

    private ClusterOptions(Builder b) {
        this.broker = b.broker;
        this.slowSubscriberPolicy = b.slowSubscriberPolicy;
        this.atLeastOnceTopics = Set.copyOf(b.atLeastOnceTopics);
        this.reconnectDelay = b.reconnectDelay;
        this.streamMaxLength = b.streamMaxLength;
        this.keyPrefix = b.keyPrefix;
    }

    /** {@return a builder with the defaults: in one JVM, slow subscribers lose messages, every topic fire and forget} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the broker's address: {@link #LOCAL} (the default) or {@code redis://host:port}} */
    public URI broker() {
        return broker;
    }

    /** {@return what happens to a subscriber whose outbound queue is full (default {@code DROP_MESSAGE})} */
    public SlowSubscriberPolicy slowSubscriberPolicy() {
        return slowSubscriberPolicy;
    }

    /**
     * {@return the topics delivered {@link Delivery#AT_LEAST_ONCE at least once} between nodes (default none);
     * an entry ending in {@code *} names every topic starting with what precedes it}
     */
    public Set<String> atLeastOnceTopics() {
        return atLeastOnceTopics;
    }

    /**
     * {@return how a topic's messages travel between nodes}
     *
     * @param topic the topic's name
     */
    public Delivery delivery(String topic) {
        for (String entry : atLeastOnceTopics) {
            if (entry.endsWith("*") ? topic.startsWith(entry.substring(0, entry.length() - 1)) : topic.equals(entry)) {
                return Delivery.AT_LEAST_ONCE;
            }
        }
        return Delivery.FIRE_AND_FORGET;
    }

    /** {@return the first wait before reconnecting to a lost broker; it doubles up to 16 times as long (default 100 ms)} */
    public Duration reconnectDelay() {
        return reconnectDelay;
    }

    /** {@return how many messages the broker keeps per at-least-once topic, roughly (default 10,000)} */
    public long streamMaxLength() {
        return streamMaxLength;
    }

    /** {@return the prefix of the broker's channel and key names, so clusters can share a broker (default {@code websocket:})} */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** Builds {@link ClusterOptions}. */
    public static final class Builder {
        private URI broker = LOCAL;
        private SlowSubscriberPolicy slowSubscriberPolicy = SlowSubscriberPolicy.DROP_MESSAGE;
        private Set<String> atLeastOnceTopics = Set.of();
        private Duration reconnectDelay = Duration.ofMillis(100);
        private long streamMaxLength = 10_000;
        private String keyPrefix = "websocket:";

        private Builder() {
        }

        /**
         * Sets the broker.
         *
         * @param broker {@link #LOCAL} or {@code redis://host:port} (with {@code redis://user:password@host:port}
         *        when the broker asks for it)
         * @return this builder
         */
        public Builder broker(URI broker) {
            this.broker = Objects.requireNonNull(broker, "broker");
            return this;
        }

        /**
         * Sets what happens to a subscriber whose outbound queue is full.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder slowSubscriberPolicy(SlowSubscriberPolicy policy) {
            this.slowSubscriberPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets the topics delivered at least once.
         *
         * @param topics names, or prefixes followed by {@code *}
         * @return this builder
         */
        public Builder atLeastOnceTopics(Set<String> topics) {
            this.atLeastOnceTopics = Set.copyOf(topics);
            return this;
        }

        /**
         * Sets the first wait before reconnecting to a lost broker.
         *
         * @param delay positive
         * @return this builder
         */
        public Builder reconnectDelay(Duration delay) {
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("reconnectDelay must be positive: " + delay);
            }
            this.reconnectDelay = delay;
            return this;
        }

        /**
         * Sets how many messages the broker keeps per at-least-once topic.
         *
         * @param messages at least 1
         * @return this builder
         */
        public Builder streamMaxLength(long messages) {
            if (messages < 1) {
                throw new IllegalArgumentException("streamMaxLength must be at least 1: " + messages);
            }
            this.streamMaxLength = messages;
            return this;
        }

        /**
         * Sets the prefix of the broker's channel and key names.
         *
         * @param prefix the prefix
         * @return this builder
         */
        public Builder keyPrefix(String prefix) {
            this.keyPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** {@return the options} */
        public ClusterOptions build() {
            return new ClusterOptions(this);
        }
    }
}
