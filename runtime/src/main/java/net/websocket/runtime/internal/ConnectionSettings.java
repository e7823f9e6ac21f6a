package net.websocket.runtime.internal;

import java.time.Duration;

import net.websocket.api.ConnectionOverrides;
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
 * @param pongTimeoutExplicit     whether the pong timeout was set, rather than following the ping interval (so that
 *                                an override of the interval moves it too)
 */
public record ConnectionSettings(long maxFrameSize, long maxMessageSize, long idleTimeoutNanos,
        long closeTimeoutNanos, int streamFragmentSize, int outboundQueueLimit, int inboundQueueLimit,
        boolean dropIncomingPings, long pingIntervalNanos, long pongTimeoutNanos, boolean propagateProtocolErrors,
        boolean pongTimeoutExplicit) {

    public static ConnectionSettings of(ServerOptions o) {
        return new ConnectionSettings(o.maxFrameSize(), o.maxMessageSize(), nanos(o.idleTimeout()),
                nanos(o.closeTimeout()), o.streamFragmentSize(), o.outboundQueueLimit(), o.inboundQueueLimit(),
                o.dropIncomingPings(), nanos(o.pingInterval()), nanos(o.pongTimeout()), o.propagateProtocolErrors(),
                !o.pongTimeoutFollowsPingInterval());
    }

    public static ConnectionSettings of(ClientOptions o) {
        return new ConnectionSettings(o.maxFrameSize(), o.maxMessageSize(), nanos(o.idleTimeout()),
                nanos(o.closeTimeout()), o.streamFragmentSize(), o.outboundQueueLimit(), o.inboundQueueLimit(),
                o.dropIncomingPings(), nanos(o.pingInterval()), nanos(o.pongTimeout()), o.propagateProtocolErrors(),
                !o.pongTimeoutFollowsPingInterval());
    }

    /** These settings with {@code o}'s on top; this same object when {@code o} overrides nothing. */
    public ConnectionSettings with(ConnectionOverrides o) {
        if (o.isEmpty()) {
            return this;
        }
        long ping = o.pingInterval().map(ConnectionSettings::nanos).orElse(pingIntervalNanos);
        boolean pongSet = o.pongTimeout().isPresent() || pongTimeoutExplicit;
        long pong = o.pongTimeout().map(ConnectionSettings::nanos).orElse(pongTimeoutExplicit ? pongTimeoutNanos : ping);
        return new ConnectionSettings(o.maxFrameSize().orElse(maxFrameSize), o.maxMessageSize().orElse(maxMessageSize),
                o.idleTimeout().map(ConnectionSettings::nanos).orElse(idleTimeoutNanos),
                o.closeTimeout().map(ConnectionSettings::nanos).orElse(closeTimeoutNanos),
                o.streamFragmentSize().orElse(streamFragmentSize), o.outboundQueueLimit().orElse(outboundQueueLimit),
                o.inboundQueueLimit().orElse(inboundQueueLimit), o.dropIncomingPings().orElse(dropIncomingPings), ping,
                pong, o.propagateProtocolErrors().orElse(propagateProtocolErrors), pongSet);
    }

    /** These settings with the engine limits of {@code other} (when a variant could not take overridden ones). */
    public ConnectionSettings withLimitsOf(ConnectionSettings other) {
        return new ConnectionSettings(other.maxFrameSize, other.maxMessageSize, idleTimeoutNanos, closeTimeoutNanos,
                streamFragmentSize, outboundQueueLimit, inboundQueueLimit, dropIncomingPings, pingIntervalNanos,
                pongTimeoutNanos, propagateProtocolErrors, pongTimeoutExplicit);
    }

    /** Whether the engine limits differ from {@code other}'s. */
    public boolean limitsDifferFrom(ConnectionSettings other) {
        return maxFrameSize != other.maxFrameSize || maxMessageSize != other.maxMessageSize;
    }

    static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }
}
