package net.websocket.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;


/** The one definition of connection settings: the table, the defaults, validation, and overrides on top. */
class ConnectionSettingsTest {

    @Test
    void defaultsAreTheTablesDefaults() {
        ConnectionSettings d = ConnectionSettings.defaults();
        assertEquals(1L << 20, d.maxFrameSize());
        assertEquals(1L << 20, d.maxMessageSize());
        assertEquals(Duration.ofSeconds(300), d.idleTimeout());
        assertEquals(Duration.ofSeconds(5), d.closeTimeout());
        assertEquals(Duration.ofSeconds(15), d.pingInterval());
        assertEquals(Duration.ofSeconds(15), d.pongTimeout());
        assertTrue(d.pongTimeoutFollowsPingInterval());
        assertFalse(d.dropIncomingPings());
        assertFalse(d.propagateProtocolErrors());
        assertEquals(4 << 20, d.outboundQueueLimit());
        assertEquals(4 << 20, d.inboundQueueLimit());
        assertEquals(64 * 1024, d.streamFragmentSize());
        assertEquals(Duration.ofSeconds(30), d.writeTimeout());
        assertEquals(Duration.ofSeconds(60), d.sendTimeout());
        for (ConnectionSetting<?> s : ConnectionSettings.SETTINGS) {
            assertEquals(s.defaultValue(), d.get(s), s.name());
        }
    }

    @Test
    void theTableNamesEverySettingOnce() {
        Set<String> names = new HashSet<>();
        for (ConnectionSetting<?> s : ConnectionSettings.SETTINGS) {
            assertTrue(names.add(s.name()), s.name());
            assertSame(s, ConnectionSettings.setting(s.name()));
            assertFalse(s.description().isBlank());
        }
        assertEquals(14, names.size());
        assertNull(ConnectionSettings.setting("noSuchSetting"));
    }

    @Test
    void everySetterValidatesByTheTable() {
        ConnectionSettings.Builder b = ConnectionSettings.builder();
        assertThrows(IllegalArgumentException.class, () -> b.maxFrameSize(0));
        assertThrows(IllegalArgumentException.class, () -> b.maxMessageSize(-1));
        assertThrows(IllegalArgumentException.class, () -> b.idleTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> b.pongTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.outboundQueueLimit(0));
        assertThrows(IllegalArgumentException.class, () -> b.writeTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> b.sendTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> b.streamFragmentSize(-5));
        assertThrows(IllegalArgumentException.class, () -> b.maxConcurrentMessages(0));
        assertThrows(NullPointerException.class, () -> b.closeTimeout(null));
        assertThrows(IllegalArgumentException.class, () -> ConnectionSettings.IDLE_TIMEOUT.validate(5));
        // zero turns timers off, and is allowed
        ConnectionSettings s = b.idleTimeout(Duration.ZERO).closeTimeout(Duration.ZERO).pingInterval(Duration.ZERO)
                .build();
        assertEquals(Duration.ZERO, s.idleTimeout());
        assertEquals(Duration.ZERO, s.closeTimeout());
        assertEquals(Duration.ZERO, s.pingInterval());
        // the builder is unchanged by the failed calls
        assertEquals(ConnectionSettings.defaults().maxFrameSize(), s.maxFrameSize());
    }

    @Test
    void nothingOverriddenIsTheSameSettings() {
        ConnectionSettings s = ConnectionSettings.defaults();
        assertSame(s, s.with(ConnectionOverrides.none()));
        assertTrue(ConnectionOverrides.none().isEmpty());
    }

    @Test
    void everySettingCanBeOverridden() {
        ConnectionSettings s = ConnectionSettings.defaults();
        ConnectionSettings o = s.with(ConnectionOverrides.builder().maxFrameSize(11).maxMessageSize(12)
                .idleTimeout(Duration.ofMillis(13)).closeTimeout(Duration.ofMillis(14))
                .pingInterval(Duration.ofMillis(15)).pongTimeout(Duration.ofMillis(16)).dropIncomingPings(true)
                .propagateProtocolErrors(true).outboundQueueLimit(17).inboundQueueLimit(18).streamFragmentSize(19)
                .writeTimeout(Duration.ofMillis(20)).sendTimeout(Duration.ofMillis(21)).maxConcurrentMessages(22)
                .build());
        ConnectionSettings expected = ConnectionSettings.builder().maxFrameSize(11).maxMessageSize(12)
                .idleTimeout(Duration.ofMillis(13)).closeTimeout(Duration.ofMillis(14))
                .pingInterval(Duration.ofMillis(15)).pongTimeout(Duration.ofMillis(16)).dropIncomingPings(true)
                .propagateProtocolErrors(true).outboundQueueLimit(17).inboundQueueLimit(18).streamFragmentSize(19)
                .writeTimeout(Duration.ofMillis(20)).sendTimeout(Duration.ofMillis(21)).maxConcurrentMessages(22).build();
        assertEquals(expected, o);
        assertEquals(expected.hashCode(), o.hashCode());
        for (ConnectionSetting<?> setting : ConnectionSettings.SETTINGS) {
            assertFalse(o.get(setting).equals(s.get(setting)), setting.name());
        }
    }

    @Test
    void aPongTimeoutThatFollowedThePingIntervalFollowsTheOverride() {
        ConnectionSettings following = ConnectionSettings.builder().pingInterval(Duration.ofSeconds(10)).build();
        ConnectionSettings o = following.with(ConnectionOverrides.builder().pingInterval(Duration.ofSeconds(2))
                .build());
        assertEquals(Duration.ofSeconds(2), o.pongTimeout());
        assertTrue(o.pongTimeoutFollowsPingInterval());

        ConnectionSettings explicit = ConnectionSettings.builder().pingInterval(Duration.ofSeconds(10))
                .pongTimeout(Duration.ofSeconds(3)).build();
        o = explicit.with(ConnectionOverrides.builder().pingInterval(Duration.ofSeconds(2)).build());
        assertEquals(Duration.ofSeconds(3), o.pongTimeout());

        o = following.with(ConnectionOverrides.builder().pongTimeout(Duration.ofSeconds(1)).build());
        assertEquals(Duration.ofSeconds(10), o.pingInterval());
        assertEquals(Duration.ofSeconds(1), o.pongTimeout());
        assertFalse(o.pongTimeoutFollowsPingInterval());
    }

    @Test
    void overridesStackMostSpecificLast() {
        ConnectionOverrides route = ConnectionOverrides.builder().maxMessageSize(10).idleTimeout(Duration.ofSeconds(1))
                .build();
        ConnectionOverrides hook = ConnectionOverrides.builder().maxMessageSize(20).build();
        ConnectionOverrides both = route.then(hook);
        assertEquals(20L, both.get(ConnectionSettings.MAX_MESSAGE_SIZE).orElseThrow());
        assertEquals(Duration.ofSeconds(1), both.get(ConnectionSettings.IDLE_TIMEOUT).orElseThrow());
        assertTrue(both.get(ConnectionSettings.MAX_FRAME_SIZE).isEmpty());
        assertSame(route, route.then(ConnectionOverrides.none()));
        assertSame(hook, ConnectionOverrides.none().then(hook));
        assertEquals("ConnectionOverrides[maxMessageSize=20, idleTimeout=PT1S]", both.toString());
        assertEquals(both, both.toBuilder().build());
    }

    @Test
    void setByTableEntryIsTypeChecked() {
        ConnectionSettings.Builder b = ConnectionSettings.builder();
        @SuppressWarnings({"unchecked", "rawtypes"})
        ConnectionSetting<Object> raw = (ConnectionSetting) ConnectionSettings.INBOUND_QUEUE_LIMIT;
        assertThrows(IllegalArgumentException.class, () -> b.set(raw, "lots"));
        assertEquals(1234, b.set(ConnectionSettings.INBOUND_QUEUE_LIMIT, 1234).build().inboundQueueLimit());
    }
}
