package net.websocket.api;

import java.util.Objects;

/**
 * How a connection closed: the status code and reason, and whether the peer sent them ({@code remote}) or they
 * describe what happened locally (for example {@link CloseCodes#ABNORMAL} when the TCP connection dropped without a
 * close frame).
 *
 * @param code   the status code; {@link CloseCodes#NO_STATUS} when a close frame carried none
 * @param reason the reason text, never {@code null}, possibly empty
 * @param remote {@code true} if this status came from the peer's close frame
 */
public record CloseStatus(int code, String reason, boolean remote) {
    /**
     * A close status.
     *
     * @param code   the status code; {@link CloseCodes#NO_STATUS} when a close frame carried none
     * @param reason the reason text, possibly empty, not {@code null}
     * @param remote {@code true} if this status came from the peer's close frame
     * @throws NullPointerException if {@code reason} is {@code null}
     */
    public CloseStatus {
        Objects.requireNonNull(reason, "reason");
    }

    /** {@return whether this was a normal closure (1000) or a going-away (1001)} */
    public boolean isNormal() {
        return code == CloseCodes.NORMAL || code == CloseCodes.GOING_AWAY;
    }

    @Override
    public String toString() {
        return code + " (" + CloseCodes.describe(code) + ")" + (reason.isEmpty() ? "" : " " + reason)
                + (remote ? " from peer" : "");
    }
}
