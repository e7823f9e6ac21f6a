package net.websocket.runtime.internal;

import java.time.Duration;

import net.websocket.runtime.ClientOptions;
import net.websocket.runtime.ServerOptions;

/**
 * The per-connection limits, timeouts and policies, whichever side the connection is.
 *
 * @param idleTimeoutNanos        0 for none
 * @param closeTimeoutNanos       0 for none (wait for the peer forever)
 * @param pingIntervalNanos       keepalive ping interval; 0 for no keepalive
 * @param pongTimeoutNanos        how long after a keepalive ping the peer must show a sign of life
 * @param propagateProtocolErrors whether the peer's protocol errors reach the endpoint
 */
public record ConnectionSettings(long maxFrameSize, long maxMessageSize, long idleTimeoutNanos,
        long closeTimeoutNanos, int streamFragmentSize, int outboundQueueLimit, int inboundQueueLimit,
        boolean dropIncomingPings, long pingIntervalNanos, long pongTimeoutNanos, boolean propagateProtocolErrors) {

    public static ConnectionSettings of(ServerOptions o) {
        return new ConnectionSettings(o.maxFrameSize(), o.maxMessageSize(), nanos(o.idleTimeout()),
                nanos(o.closeTimeout()), o.streamFragmentSize(), o.outboundQueueLimit(), o.inboundQueueLimit(),
                o.dropIncomingPings(), nanos(o.pingInterval()), nanos(o.pongTimeout()), o.propagateProtocolErrors());
    }

    public static ConnectionSettings of(ClientOptions o) {
        return new ConnectionSettings(o.maxFrameSize(), o.maxMessageSize(), nanos(o.idleTimeout()),
                nanos(o.closeTimeout()), o.streamFragmentSize(), o.outboundQueueLimit(), o.inboundQueueLimit(),
                o.dropIncomingPings(), nanos(o.pingInterval()), nanos(o.pongTimeout()), o.propagateProtocolErrors());
    }

    static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }
}
