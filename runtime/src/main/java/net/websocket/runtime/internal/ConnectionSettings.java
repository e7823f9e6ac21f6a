package net.websocket.runtime.internal;

import java.time.Duration;

import net.websocket.runtime.ClientOptions;
import net.websocket.runtime.ServerOptions;

/**
 * The per-connection limits and timeouts, whichever side the connection is.
 *
 * @param idleTimeoutNanos  0 for none
 * @param closeTimeoutNanos 0 for none (wait for the peer forever)
 */
public record ConnectionSettings(long maxFrameSize, long maxMessageSize, long idleTimeoutNanos,
        long closeTimeoutNanos, int streamFragmentSize, int outboundQueueLimit, int inboundQueueLimit,
        boolean dropIncomingPings) {

    public static ConnectionSettings of(ServerOptions o) {
        return new ConnectionSettings(o.maxFrameSize(), o.maxMessageSize(), nanos(o.idleTimeout()),
                nanos(o.closeTimeout()), o.streamFragmentSize(), o.outboundQueueLimit(), o.inboundQueueLimit(),
                o.dropIncomingPings());
    }

    public static ConnectionSettings of(ClientOptions o) {
        return new ConnectionSettings(o.maxFrameSize(), o.maxMessageSize(), nanos(o.idleTimeout()),
                nanos(o.closeTimeout()), o.streamFragmentSize(), o.outboundQueueLimit(), o.inboundQueueLimit(),
                o.dropIncomingPings());
    }

    static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }
}
