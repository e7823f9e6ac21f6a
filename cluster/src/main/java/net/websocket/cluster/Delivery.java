package net.websocket.cluster;

/** How a topic's messages travel between nodes. */
public enum Delivery {
    /**
     * Fire and forget (Redis pub/sub): a message reaches the nodes connected to the broker when it is published;
     * a node that is reconnecting meanwhile never sees it.
     */
    FIRE_AND_FORGET,
    /**
     * At least once between nodes (Redis Streams): a published message is kept by the broker (up to {@link
     * ClusterOptions#streamMaxLength()} per topic), and a node that reconnects reads on from the last message it
     * delivered, so nothing the broker acknowledged is missed; a message may then be delivered twice.
     */
    AT_LEAST_ONCE
}
