package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import net.websocket.api.ConnectionOverrides;
import net.websocket.runtime.ServerOptions;

/** Overrides on top of a server's settings, field by field. */
class ConnectionSettingsTest {

    static final long MS = 1_000_000L;

    @Test
    void nothingOverriddenIsTheSameSettings() {
        ConnectionSettings s = ConnectionSettings.of(ServerOptions.defaults());
        assertSame(s, s.with(ConnectionOverrides.none()));
    }

    @Test
    void everyFieldCanBeOverridden() {
        ConnectionSettings s = ConnectionSettings.of(ServerOptions.defaults());
        ConnectionSettings o = s.with(ConnectionOverrides.builder().maxFrameSize(11).maxMessageSize(12)
                .idleTimeout(Duration.ofMillis(13)).closeTimeout(Duration.ofMillis(14))
                .pingInterval(Duration.ofMillis(15)).pongTimeout(Duration.ofMillis(16)).dropIncomingPings(true)
                .propagateProtocolErrors(true).outboundQueueLimit(17).inboundQueueLimit(18).streamFragmentSize(19)
                .build());
        assertEquals(new ConnectionSettings(11, 12, 13 * MS, 14 * MS, 19, 17, 18, true, 15 * MS, 16 * MS, true, true),
                o);
        assertTrue(o.limitsDifferFrom(s));
        ConnectionSettings back = o.withLimitsOf(s);
        assertFalse(back.limitsDifferFrom(s));
        assertEquals(13 * MS, back.idleTimeoutNanos());
    }

    @Test
    void zeroTurnsTimersOff() {
        ConnectionSettings s = ConnectionSettings.of(ServerOptions.defaults()).with(ConnectionOverrides.builder()
                .idleTimeout(Duration.ZERO).pingInterval(Duration.ZERO).closeTimeout(Duration.ZERO).build());
        assertEquals(0, s.idleTimeoutNanos());
        assertEquals(0, s.pingIntervalNanos());
        assertEquals(0, s.closeTimeoutNanos());
    }

    @Test
    void aPongTimeoutThatFollowedThePingIntervalFollowsTheOverride() {
        ConnectionSettings following = ConnectionSettings.of(ServerOptions.builder()
                .pingInterval(Duration.ofSeconds(10)).build());
        ConnectionSettings o = following.with(ConnectionOverrides.builder().pingInterval(Duration.ofSeconds(2)).build());
        assertEquals(2000 * MS, o.pongTimeoutNanos());
        assertFalse(o.pongTimeoutExplicit());

        ConnectionSettings explicit = ConnectionSettings.of(ServerOptions.builder()
                .pingInterval(Duration.ofSeconds(10)).pongTimeout(Duration.ofSeconds(3)).build());
        o = explicit.with(ConnectionOverrides.builder().pingInterval(Duration.ofSeconds(2)).build());
        assertEquals(3000 * MS, o.pongTimeoutNanos());

        o = following.with(ConnectionOverrides.builder().pongTimeout(Duration.ofSeconds(1)).build());
        assertEquals(10_000 * MS, o.pingIntervalNanos());
        assertEquals(1000 * MS, o.pongTimeoutNanos());
        assertTrue(o.pongTimeoutExplicit());
    }
}
