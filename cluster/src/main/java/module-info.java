/**
 * Topics across servers: connections subscribe to named topics, and a message published to a topic on any node
 * reaches every subscribed connection on every node, through an in-JVM hub or through Redis (pub/sub, or Redis
 * Streams for at-least-once topics). It uses only the exported API; {@link net.websocket.cluster.Clusters} finds
 * the {@link net.websocket.cluster.TopicsProvider} for a broker address by {@code ServiceLoader}, and in OSGi a
 * Declarative Services component offers {@link net.websocket.cluster.Topics} configured through Config Admin.
 */
module net.websocket.cluster {
    requires transitive net.websocket.api;
    requires redis.clients.jedis;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;
    requires static org.osgi.service.metatype.annotations;
    requires static osgi.core;

    exports net.websocket.cluster;

    uses net.websocket.cluster.TopicsProvider;
    provides net.websocket.cluster.TopicsProvider with
            net.websocket.cluster.internal.LocalTopicsProvider,
            net.websocket.cluster.internal.RedisTopicsProvider;
}
