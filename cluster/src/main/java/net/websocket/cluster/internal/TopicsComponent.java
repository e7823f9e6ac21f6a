package net.websocket.cluster.internal;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import net.websocket.api.Connection;
import net.websocket.cluster.ClusterOptions;
import net.websocket.cluster.Delivery;
import net.websocket.cluster.SlowSubscriberPolicy;
import net.websocket.cluster.TopicStats;
import net.websocket.cluster.Topics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The {@link Topics} service in OSGi, configured by the Config Admin configuration {@value #PID} (without one: in
 * one JVM, with the defaults). A changed configuration replaces the service (and its broker connections).
 */
@Component(service = Topics.class, configurationPid = TopicsComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class TopicsComponent implements Topics {
    /** The configuration's PID. */
    public static final String PID = "net.websocket.cluster";

    /** The configuration's properties, named as in {@link ClusterOptions}. */
    public @interface Config {
        /** {@return the broker: local:/ or redis://host:port} */
        String broker() default "local:/";

        /** {@return the at-least-once topics (names, or prefixes followed by *)} */
        String[] atLeastOnceTopics() default {};

        /** {@return DROP_MESSAGE or CLOSE} */
        String slowSubscriberPolicy() default "DROP_MESSAGE";

        /** {@return the first wait before reconnecting, in milliseconds} */
        long reconnectDelayMillis() default 100;

        /** {@return how many messages the broker keeps per at-least-once topic} */
        long streamMaxLength() default 10_000;

        /** {@return the prefix of the broker's channel and key names} */
        String keyPrefix() default "websocket:";
    }

    private volatile Topics topics;

    /** For Declarative Services. */
    public TopicsComponent() {
    }

    @Activate
    void activate(Config config) {
        ClusterOptions options = ClusterOptions.builder()
                .broker(URI.create(config.broker()))
                .atLeastOnceTopics(Set.of(config.atLeastOnceTopics()))
                .slowSubscriberPolicy(SlowSubscriberPolicy.valueOf(config.slowSubscriberPolicy()))
                .reconnectDelay(Duration.ofMillis(config.reconnectDelayMillis()))
                .streamMaxLength(config.streamMaxLength())
                .keyPrefix(config.keyPrefix())
                .build();
        RedisTopicsProvider redis = new RedisTopicsProvider();
        topics = redis.supports(options.broker()) ? redis.open(options) : new LocalTopicsProvider().open(options);
    }

    @Deactivate
    void deactivate() {
        topics.close();
    }

    @Override
    public void subscribe(String topic, Connection connection) {
        topics.subscribe(topic, connection);
    }

    @Override
    public void unsubscribe(String topic, Connection connection) {
        topics.unsubscribe(topic, connection);
    }

    @Override
    public void publish(String topic, String text) {
        topics.publish(topic, text);
    }

    @Override
    public void publish(String topic, ByteBuffer data) {
        topics.publish(topic, data);
    }

    @Override
    public int subscriberCount(String topic) {
        return topics.subscriberCount(topic);
    }

    @Override
    public Delivery delivery(String topic) {
        return topics.delivery(topic);
    }

    @Override
    public boolean isConnected() {
        return topics.isConnected();
    }

    @Override
    public TopicStats stats() {
        return topics.stats();
    }

    /** The service's life is Declarative Services': this does nothing. */
    @Override
    public void close() {
    }
}
