package net.websocket.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** Per-connection settings: only what is set is overridden, and the more specific level wins setting by setting. */
class ConnectionOverridesTest {

    private static ConnectionOverrides all() {
        return ConnectionOverrides.builder().maxFrameSize(1).maxMessageSize(2).idleTimeout(Duration.ofSeconds(3))
                .closeTimeout(Duration.ofSeconds(4)).pingInterval(Duration.ofSeconds(5))
                .pongTimeout(Duration.ofSeconds(6)).dropIncomingPings(true).propagateProtocolErrors(false)
                .outboundQueueLimit(7).inboundQueueLimit(8).streamFragmentSize(9).build();
    }

    @Test
    void noneOverridesNothing() {
        ConnectionOverrides none = ConnectionOverrides.none();
        assertTrue(none.isEmpty());
        assertEquals(OptionalLong.empty(), none.maxFrameSize());
        assertEquals(Optional.empty(), none.idleTimeout());
        assertEquals(Optional.empty(), none.dropIncomingPings());
        assertEquals(OptionalInt.empty(), none.streamFragmentSize());
        assertEquals(none, ConnectionOverrides.builder().build());
        assertEquals("ConnectionOverrides[]", none.toString());
    }

    @Test
    void everySettingReadsBackAsSet() {
        ConnectionOverrides o = all();
        assertFalse(o.isEmpty());
        assertEquals(OptionalLong.of(1), o.maxFrameSize());
        assertEquals(OptionalLong.of(2), o.maxMessageSize());
        assertEquals(Optional.of(Duration.ofSeconds(3)), o.idleTimeout());
        assertEquals(Optional.of(Duration.ofSeconds(4)), o.closeTimeout());
        assertEquals(Optional.of(Duration.ofSeconds(5)), o.pingInterval());
        assertEquals(Optional.of(Duration.ofSeconds(6)), o.pongTimeout());
        assertEquals(Optional.of(true), o.dropIncomingPings());
        assertEquals(Optional.of(false), o.propagateProtocolErrors());
        assertEquals(OptionalInt.of(7), o.outboundQueueLimit());
        assertEquals(OptionalInt.of(8), o.inboundQueueLimit());
        assertEquals(OptionalInt.of(9), o.streamFragmentSize());
        assertEquals(o, o.toBuilder().build());
        assertEquals(o.hashCode(), o.toBuilder().build().hashCode());
    }

    @Test
    void thenPutsTheMoreSpecificOnTopSettingBySetting() {
        ConnectionOverrides route = ConnectionOverrides.builder().maxMessageSize(100).idleTimeout(Duration.ZERO)
                .build();
        ConnectionOverrides hook = ConnectionOverrides.builder().maxMessageSize(10).dropIncomingPings(true).build();
        ConnectionOverrides both = route.then(hook);
        assertEquals(OptionalLong.of(10), both.maxMessageSize());
        assertEquals(Optional.of(Duration.ZERO), both.idleTimeout());
        assertEquals(Optional.of(true), both.dropIncomingPings());
        assertEquals(hook.then(route).maxMessageSize(), OptionalLong.of(100));
        assertSame(route, route.then(ConnectionOverrides.none()));
        assertSame(hook, ConnectionOverrides.none().then(hook));
        assertEquals(all(), ConnectionOverrides.none().then(all()));
        assertEquals(all(), route.then(all()));
        assertThrows(NullPointerException.class, () -> route.then(null));
    }

    @Test
    void toStringListsOnlyWhatIsSetInDeclarationOrder() {
        assertEquals("ConnectionOverrides[maxMessageSize=20, idleTimeout=PT1S]", ConnectionOverrides.builder()
                .idleTimeout(Duration.ofSeconds(1)).maxMessageSize(20).build().toString());
    }

    @Test
    void equalityLooksAtEverySetting() {
        assertNotEquals(ConnectionOverrides.builder().maxFrameSize(1).build(),
                ConnectionOverrides.builder().maxMessageSize(1).build());
        assertNotEquals(all(), all().toBuilder().streamFragmentSize(10).build());
        assertNotEquals(ConnectionOverrides.builder().dropIncomingPings(false).build(), ConnectionOverrides.none());
    }

    @Test
    void limitsMustBePositiveAndDurationsNotNegative() {
        assertThrows(IllegalArgumentException.class, () -> ConnectionOverrides.builder().maxFrameSize(0));
        assertThrows(IllegalArgumentException.class, () -> ConnectionOverrides.builder().maxMessageSize(-1));
        assertThrows(IllegalArgumentException.class, () -> ConnectionOverrides.builder().outboundQueueLimit(0));
        assertThrows(IllegalArgumentException.class, () -> ConnectionOverrides.builder().inboundQueueLimit(0));
        assertThrows(IllegalArgumentException.class, () -> ConnectionOverrides.builder().streamFragmentSize(0));
        assertThrows(IllegalArgumentException.class,
                () -> ConnectionOverrides.builder().idleTimeout(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class,
                () -> ConnectionOverrides.builder().closeTimeout(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class,
                () -> ConnectionOverrides.builder().pingInterval(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> ConnectionOverrides.builder().pongTimeout(Duration.ZERO));
        assertThrows(NullPointerException.class, () -> ConnectionOverrides.builder().idleTimeout(null));
        // zero turns a timer off and is allowed
        assertEquals(Optional.of(Duration.ZERO),
                ConnectionOverrides.builder().pingInterval(Duration.ZERO).build().pingInterval());
    }
}
