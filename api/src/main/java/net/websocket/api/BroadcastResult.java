package net.websocket.api;

/**
 * What one broadcast ({@link WebSocketServer#broadcast}) did, connection by connection, counted: every connection it
 * was given is counted (as often as it was given), each time in exactly one of {@link #queued()},
 * {@link #skipped()}, {@link #closed()} and {@link #notOpen()}. "Queued" means taken into the connection's
 * outbound queue, in order after what was sent to it before: written to its socket as its peer reads, or lost if
 * the connection breaks first.
 */
public final class BroadcastResult {

    private final int queued;
    private final int skipped;
    private final int closed;
    private final int notOpen;

    private BroadcastResult(int queued, int skipped, int closed, int notOpen) {
        this.queued = queued;
        this.skipped = skipped;
        this.closed = closed;
        this.notOpen = notOpen;
    }

    /**
     * A result.
     *
     * @param queued  connections whose queue took the message
     * @param skipped connections that did not get it and stay open
     * @param closed  connections closed by the {@link BroadcastPolicy} instead
     * @param notOpen connections that were closing or closed already
     * @return the result
     * @throws IllegalArgumentException if a count is negative
     */
    public static BroadcastResult of(int queued, int skipped, int closed, int notOpen) {
        if (queued < 0 || skipped < 0 || closed < 0 || notOpen < 0) {
            throw new IllegalArgumentException("negative count");
        }
        return new BroadcastResult(queued, skipped, closed, notOpen);
    }

    /** {@return how many connections the broadcast was given} */
    public int targets() {
        return queued + skipped + closed + notOpen;
    }

    /** {@return how many connections took the message into their outbound queue} */
    public int queued() {
        return queued;
    }

    /**
     * {@return how many connections did not get the message and stay open: their queue was over its limit and the
     * policy keeps them, or they were in the middle of a fragmented message of their own, between whose fragments
     * no other message may go, or their variant cannot carry the message (binary on hybi-00)}
     */
    public int skipped() {
        return skipped;
    }

    /** {@return how many connections did not get the message and were closed by the policy} */
    public int closed() {
        return closed;
    }

    /** {@return how many connections were closing or closed already} */
    public int notOpen() {
        return notOpen;
    }

    /** Equal when every count is. */
    @Override
    public boolean equals(Object o) {
        return o instanceof BroadcastResult r && queued == r.queued && skipped == r.skipped && closed == r.closed
                && notOpen == r.notOpen;
    }

    @Override
    public int hashCode() {
        return ((queued * 31 + skipped) * 31 + closed) * 31 + notOpen;
    }

    @Override
    public String toString() {
        return "BroadcastResult[queued " + queued + ", skipped " + skipped + ", closed " + closed + ", not open "
                + notOpen + "]";
    }
}
