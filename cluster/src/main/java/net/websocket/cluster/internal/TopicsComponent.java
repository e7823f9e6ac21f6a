package net.websocket.cluster.internal;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Set;
import net.websocket.api.Connection;
import net.websocket.api.WebSocketServer;
import net.websocket.cluster.ClusterOptions;
import net.websocket.cluster.Delivery;
import net.websocket.cluster.SlowSubscriberPolicy;
import net.websocket.cluster.TopicStats;
import net.websocket.cluster.Topics;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The {@link Topics} service in OSGi, configured by the Config Admin configuration {@value #PID} (without one: in
 * one JVM, with the defaults). A changed configuration replaces the service (and its broker connections).
 *
 * <p>The broker's password is the configuration's private property {@value #PASSWORD} (a {@code PASSWORD} attribute
 * of the MetaType, which Config Admin's consoles treat as a secret); a password in the {@code broker} address is
 * accepted too. Either way it never shows: the component registers the service itself, with the one property
 * {@value #BROKER} holding the broker's address without its password, rather than letting Declarative Services
 * publish the configuration's properties.
 */
@Component(service = {}, configurationPid = TopicsComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = TopicsComponent.Config.class)
public final class TopicsComponent implements Topics {
    /** The configuration's PID. */
    public static final String PID = "net.websocket.cluster";
    /** The configuration's property holding the broker's password: private, so never a service property. */
    public static final String PASSWORD = ".password";
    /** The service property naming the broker, without its password. */
    public static final String BROKER = "broker";

    /** The configuration's properties, named as in {@link ClusterOptions}. */
    @ObjectClassDefinition(id = PID, name = "net.websocket topics",
            description = "Topics across servers: the broker and the policies of the Topics service")
    public @interface Config {
        /** {@return the broker: local:/ or redis://host:port, with user@ if the broker asks for a user} */
        @AttributeDefinition(description = "local:/ (in this JVM) or redis://host:port, with user@ if the broker "
                + "asks for a user; the password goes in .password")
        String broker() default "local:/";

        /** {@return the broker's password (the property {@value TopicsComponent#PASSWORD}), empty for none} */
        @AttributeDefinition(name = "password", type = AttributeType.PASSWORD, required = false,
                description = "The broker's password (Redis AUTH); a private property, never published")
        String _password() default "";

        /** {@return the at-least-once topics (names, or prefixes followed by *)} */
        @AttributeDefinition(required = false, description = "Topics delivered at least once (Redis Streams): "
                + "names, or prefixes followed by *")
        String[] atLeastOnceTopics() default {};

        /** {@return DROP_MESSAGE or CLOSE} */
        @AttributeDefinition(description = "A subscriber whose outbound queue is full loses the message "
                + "(DROP_MESSAGE) or is closed with 1008 (CLOSE)")
        String slowSubscriberPolicy() default "DROP_MESSAGE";

        /** {@return the first wait before reconnecting, in milliseconds} */
        @AttributeDefinition(description = "The first wait before reconnecting to a lost broker, in ms; it doubles "
                + "up to 16 times as long")
        long reconnectDelayMillis() default 100;

        /** {@return how many messages the broker keeps per at-least-once topic} */
        @AttributeDefinition(description = "How many messages the broker keeps per at-least-once topic, roughly")
        long streamMaxLength() default 10_000;

        /** {@return the prefix of the broker's channel and key names} */
        @AttributeDefinition(description = "The prefix of the broker's channel and key names")
        String keyPrefix() default "websocket:";
    }

    private volatile Topics topics;
    private ServiceRegistration<Topics> registration;
    /** The server whose broadcast delivers the messages ({@link Topics#broadcastThrough}), if there is one. */
    private volatile WebSocketServer server;

    /** For Declarative Services. */
    public TopicsComponent() {
    }

    @Activate
    void activate(BundleContext context, Config config) {
        ClusterOptions options = open(config);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(BROKER, options.broker().toString());
        registration = context.registerService(Topics.class, this, properties);
    }

    /** Opens the topics the configuration names; {@return their options} */
    ClusterOptions open(Config config) {
        URI broker;
        try {
            broker = URI.create(config.broker());
        } catch (IllegalArgumentException e) {
            // its message would repeat the address, password included
            throw new IllegalArgumentException("the configuration's broker is not an address (URI)");
        }
        ClusterOptions.Builder builder = ClusterOptions.builder().broker(broker);
        if (!config._password().isEmpty()) {
            builder.password(config._password());
        }
        ClusterOptions options = builder
                .atLeastOnceTopics(Set.of(config.atLeastOnceTopics()))
                .slowSubscriberPolicy(SlowSubscriberPolicy.valueOf(config.slowSubscriberPolicy()))
                .reconnectDelay(Duration.ofMillis(config.reconnectDelayMillis()))
                .streamMaxLength(config.streamMaxLength())
                .keyPrefix(config.keyPrefix())
                .build();
        RedisTopicsProvider redis = new RedisTopicsProvider();
        topics = redis.supports(options.broker()) ? redis.open(options) : new LocalTopicsProvider().open(options);
        topics.broadcastThrough(server);
        return options;
    }

    /**
     * A server of the whiteboard (any: a broadcast takes the connections of every server of the runtime): the
     * messages are delivered by its broadcast, encoded once, until it goes.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindServer(WebSocketServer s) {
        server = s;
        Topics t = topics;
        if (t != null) {
            t.broadcastThrough(s);
        }
    }

    /** The server goes (before it stops): back to a send per subscriber, unless another server was bound. */
    void unbindServer(WebSocketServer s) {
        if (server != s) {
            return; // replaced already
        }
        server = null;
        Topics t = topics;
        if (t != null) {
            t.broadcastThrough(null);
        }
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        topics.close();
    }

    @Override
    public void subscribe(String topic, Connection connection) {
        topics.subscribe(topic, connection);
    }

    @Override
    public void subscribeFrom(String topic, Connection connection, String lastId) {
        topics.subscribeFrom(topic, connection, lastId);
    }

    @Override
    public void broadcastThrough(WebSocketServer server) {
        topics.broadcastThrough(server);
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
