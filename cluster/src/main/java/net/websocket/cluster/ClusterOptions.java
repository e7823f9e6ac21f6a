package net.websocket.cluster;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The broker and the policies of {@link Topics}: immutable, made by {@link #builder()}.
 */
public final class ClusterOptions {
    /** The broker address of the in-JVM implementation, the default. */
    public static final URI LOCAL = URI.create("local:/");

    private final URI broker;
    private final String password;
    private final SlowSubscriberPolicy slowSubscriberPolicy;
    private final Set<String> atLeastOnceTopics;
    private final Duration reconnectDelay;
    private final long streamMaxLength;
    private final String keyPrefix;

    private ClusterOptions(Builder b) {
        this.broker = b.broker;
        this.password = b.password;
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

    /**
     * {@return the broker's address: {@link #LOCAL} (the default) or {@code redis://host:port}, with {@code user@}
     * if the broker asks for a user} It never holds the password ({@link #password()}), so it may be logged and
     * shown.
     */
    public URI broker() {
        return broker;
    }

    /**
     * {@return the password the broker asks for, if it asks for one} Kept apart from {@link #broker()}: a secret
     * that is never logged, shown or published.
     *
     * @since 1.1
     */
    public Optional<String> password() {
        return Optional.ofNullable(password);
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
        private String password;
        private SlowSubscriberPolicy slowSubscriberPolicy = SlowSubscriberPolicy.DROP_MESSAGE;
        private Set<String> atLeastOnceTopics = Set.of();
        private Duration reconnectDelay = Duration.ofMillis(100);
        private long streamMaxLength = 10_000;
        private String keyPrefix = "websocket:";

        private Builder() {
        }

        /**
         * Sets the broker. A password in the address ({@code redis://user:password@host:port}, or
         * {@code redis://:password@host:port} without a user) is taken out of it, as if given to
         * {@link #password(String)}: {@link ClusterOptions#broker()} keeps only {@code user@}.
         *
         * @param broker {@link #LOCAL} or {@code redis://host:port}, with {@code user@} or {@code user:password@}
         *        when the broker asks for them
         * @return this builder
         */
        public Builder broker(URI broker) {
            Objects.requireNonNull(broker, "broker");
            String userInfo = broker.getUserInfo();
            int colon = userInfo == null ? -1 : userInfo.indexOf(':');
            if (colon < 0) {
                this.broker = broker;
                return this;
            }
            String user = userInfo.substring(0, colon);
            try {
                this.broker = new URI(broker.getScheme(), user.isEmpty() ? null : user, broker.getHost(),
                        broker.getPort(), broker.getPath(), broker.getQuery(), broker.getFragment());
            } catch (URISyntaxException e) {
                // the message and the cause would repeat the address, password included
                throw new IllegalArgumentException("not a broker address with a user and a password");
            }
            this.password = userInfo.substring(colon + 1);
            return this;
        }

        /**
         * Sets the password the broker asks for (Redis' {@code AUTH}), which {@link ClusterOptions#broker()} never
         * shows; the one given last, here or in {@link #broker(URI)}, counts.
         *
         * @param password the password; {@code null} or empty for none
         * @return this builder
         * @since 1.1
         */
        public Builder password(String password) {
            this.password = password == null || password.isEmpty() ? null : password;
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
