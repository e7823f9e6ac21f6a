package net.websocket.runtime.internal;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.util.ArrayDeque;

/**
 * The channels of one {@link IoLoop} whose selection keys are cancelled and that are to be closed once a select has
 * deregistered those keys (loop thread only). A channel closed while its key is still registered makes the JDK read
 * {@code SO_LINGER} and shut its output down before it defers the real close to the deregistration: two system calls
 * that change nothing when the output is shut down already. Closed after the deregistration, it is only closed.
 */
final class ClosesAfterSelect {

    /**
     * The longest a select waits while channels wait for it: a busy loop selects again sooner anyway, and an idle one
     * does not hold their sockets open for longer than this.
     */
    static final long MAX_WAIT_MILLIS = 10;

    private final ArrayDeque<SelectableChannel> channels = new ArrayDeque<>();

    void add(SelectableChannel channel) {
        channels.add(channel);
    }

    /** How many wait; those waiting before a select are the ones it deregisters. */
    int size() {
        return channels.size();
    }

    /** How long the next select may wait, given the {@code wait} it would (ms; 0 none, negative without end). */
    long boundWait(long wait) {
        return !channels.isEmpty() && (wait < 0 || wait > MAX_WAIT_MILLIS) ? MAX_WAIT_MILLIS : wait;
    }

    /** Closes the first {@code n} that wait: a select has run since they were added. */
    void closeFirst(int n) {
        for (int i = 0; i < n; i++) {
            SelectableChannel ch = channels.poll();
            if (ch == null) {
                return;
            }
            closeQuietly(ch);
        }
    }

    static void closeQuietly(SelectableChannel channel) {
        try {
            channel.close();
        } catch (IOException | RuntimeException e) {
            // closed anyway
        }
    }
}
