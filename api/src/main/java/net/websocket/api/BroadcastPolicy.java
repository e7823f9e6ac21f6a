package net.websocket.api;

import java.util.Objects;

/**
 * What a broadcast ({@link WebSocketServer#broadcast}) does with a connection that cannot take the message now: one
 * whose outbound queue is over its limit ({@code outboundQueueLimit} in {@link ConnectionSettings}), because its
 * peer reads more slowly than messages come. A broadcast never waits for such a connection: the message is
 * <em>skipped</em> for it, and the connection's count of consecutive skips grows (a message it takes sets the count
 * back to zero). Once the count reaches {@link #closeAfter()}, the connection is closed with {@link #closeCode()}
 * and {@link #closeReason()}; its close frame follows what is already queued, and the close timeout drops the
 * connection if its peer does not read that far.
 *
 * <p>The default, {@link #defaults()}, closes a connection at its first skip with 1013 (try again later): a
 * connection that stays open has received every broadcast, in order, and a client that was dropped knows to
 * reconnect and catch up. Feeds where a lost message does not matter (prices, positions) choose {@link #skip()} or a
 * larger {@link #closeAfter(int)}.
 */
public final class BroadcastPolicy {

    /** The reason of the close frame the default policies send. */
    public static final String DEFAULT_REASON = "too slow for broadcasts";

    private static final BroadcastPolicy DEFAULTS = new BroadcastPolicy(1, CloseCodes.TRY_AGAIN_LATER,
            DEFAULT_REASON);
    private static final BroadcastPolicy SKIP = new BroadcastPolicy(0, CloseCodes.TRY_AGAIN_LATER, DEFAULT_REASON);

    private final int closeAfter;
    private final int closeCode;
    private final String closeReason;

    private BroadcastPolicy(int closeAfter, int closeCode, String closeReason) {
        this.closeAfter = closeAfter;
        this.closeCode = closeCode;
        this.closeReason = closeReason;
    }

    /** {@return the default policy: a connection that cannot take a broadcast is closed at once with 1013} */
    public static BroadcastPolicy defaults() {
        return DEFAULTS;
    }

    /** {@return a policy that only skips: a slow connection misses the broadcasts it cannot take, and stays open} */
    public static BroadcastPolicy skip() {
        return SKIP;
    }

    /**
     * A policy that skips a slow connection, and closes it (with 1013, try again later) once it has missed
     * {@code skips} broadcasts in a row.
     *
     * @param skips how many broadcasts in a row a connection may miss before it is closed; at least 1
     * @return the policy
     * @throws IllegalArgumentException if {@code skips} is less than 1
     */
    public static BroadcastPolicy closeAfter(int skips) {
        if (skips < 1) {
            throw new IllegalArgumentException("skips must be at least 1: " + skips);
        }
        return new BroadcastPolicy(skips, CloseCodes.TRY_AGAIN_LATER, DEFAULT_REASON);
    }

    /**
     * This policy, closing with another status.
     *
     * @param code   the close code: one a peer may receive ({@link CloseCodes#isValidOnWire})
     * @param reason the close reason, not {@code null}; at most 123 bytes of it are sent
     * @return the policy
     * @throws IllegalArgumentException if {@code code} may not be sent
     */
    public BroadcastPolicy withCloseStatus(int code, String reason) {
        if (!CloseCodes.isValidOnWire(code)) {
            throw new IllegalArgumentException("not a close code to send: " + code);
        }
        return new BroadcastPolicy(closeAfter, code, Objects.requireNonNull(reason, "reason"));
    }

    /** {@return how many broadcasts in a row a connection may miss before it is closed; 0: it is never closed} */
    public int closeAfter() {
        return closeAfter;
    }

    /** {@return the code of the close frame sent to a connection closed by this policy} */
    public int closeCode() {
        return closeCode;
    }

    /** {@return the reason of the close frame sent to a connection closed by this policy} */
    public String closeReason() {
        return closeReason;
    }

    /** Equal when the threshold, code and reason are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof BroadcastPolicy p && closeAfter == p.closeAfter && closeCode == p.closeCode
                && closeReason.equals(p.closeReason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(closeAfter, closeCode, closeReason);
    }

    @Override
    public String toString() {
        return closeAfter == 0 ? "BroadcastPolicy[skip]"
                : "BroadcastPolicy[close after " + closeAfter + " skip" + (closeAfter == 1 ? "" : "s") + " with "
                        + closeCode + " " + closeReason + "]";
    }
}
