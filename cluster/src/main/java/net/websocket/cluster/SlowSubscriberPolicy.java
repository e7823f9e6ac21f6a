package net.websocket.cluster;

/**
 * What happens to a subscribed connection whose outbound queue is full (more than its {@code outboundQueueLimit}
 * waits to be written) when a topic's message arrives for it. Either way the topic never waits for it: every
 * message is handed to each connection with an asynchronous send.
 */
public enum SlowSubscriberPolicy {
    /** The connection loses that message (counted in {@link TopicStats#dropped()}) and stays open and subscribed. */
    DROP_MESSAGE,
    /**
     * The connection is closed with status 1008 (policy violation) and unsubscribed (counted in {@link
     * TopicStats#closedSlow()}): its client knows it missed messages and may reconnect.
     */
    CLOSE
}
