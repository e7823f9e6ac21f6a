package net.websocket.cluster;

/**
 * Counters of one {@link Topics} instance since it was opened.
 */
public final class TopicStats {
    private final long delivered;
    private final long dropped;
    private final long closedSlow;
    private final long reconnects;

    /**
     * Counters.
     *
     * @param delivered messages handed to subscribed connections of this node (written, or taken into their
     *        outbound queue by a broadcast)
     * @param dropped messages a subscribed connection lost because its outbound queue was full
     * @param closedSlow connections closed because their outbound queue was full
     * @param reconnects times a connection to the broker was lost and opened again
     */
    public TopicStats(long delivered, long dropped, long closedSlow, long reconnects) {
        this.delivered = delivered;
        this.dropped = dropped;
        this.closedSlow = closedSlow;
        this.reconnects = reconnects;
    }

    /**
     * {@return messages handed to subscribed connections of this node: written, or (through a broadcast) taken into
     * their outbound queue}
     */
    public long delivered() {
        return delivered;
    }

    /** {@return messages lost by subscribed connections whose outbound queue was full} */
    public long dropped() {
        return dropped;
    }

    /** {@return connections closed because their outbound queue was full} */
    public long closedSlow() {
        return closedSlow;
    }

    /** {@return times a connection to the broker was lost and opened again} */
    public long reconnects() {
        return reconnects;
    }

    @Override
    public String toString() {
        return "delivered=" + delivered + " dropped=" + dropped + " closedSlow=" + closedSlow
                + " reconnects=" + reconnects;
    }
}
