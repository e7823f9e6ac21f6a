package net.websocket.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Per-connection settings: only what is set is overridden, and the more specific level wins setting by setting. */
class ConnectionOverridesTest {

    private static ConnectionOverrides all() {
        return ConnectionOverrides.builder().maxFrameSize(1).maxMessageSize(2).idleTimeout(Duration.ofSeconds(3))
                .closeTimeout(Duration.ofSeconds(4)).pingInterval(Duration.ofSeconds(5))
                .pongTimeout(Duration.ofSeconds(6)).dropIncomingPings(true).propagateProtocolErrors(false)
                .outboundQueueLimit(7).inboundQueueLimit(8).streamFragmentSize(9)
                .writeTimeout(Duration.ofSeconds(10)).sendTimeout(Duration.ofSeconds(11)).build();
    }

    @Test
    void noneOverridesNothing() {
        ConnectionOverrides none = ConnectionOverrides.none();
        assertTrue(none.isEmpty());
        assertEquals(Optional.empty(), none.get(ConnectionSettings.MAX_FRAME_SIZE));
        assertEquals(Optional.empty(), none.get(ConnectionSettings.IDLE_TIMEOUT));
        assertEquals(Optional.empty(), none.get(ConnectionSettings.DROP_INCOMING_PINGS));
        assertEquals(Optional.empty(), none.get(ConnectionSettings.STREAM_FRAGMENT_SIZE));
        assertEquals(none, ConnectionOverrides.builder().build());
        assertEquals("ConnectionOverrides[]", none.toString());
    }

    @Test
    void everySettingReadsBackAsSet() {
        ConnectionOverrides o = all();
        assertFalse(o.isEmpty());
        assertEquals(Optional.of(1L), o.get(ConnectionSettings.MAX_FRAME_SIZE));
        assertEquals(Optional.of(2L), o.get(ConnectionSettings.MAX_MESSAGE_SIZE));
        assertEquals(Optional.of(Duration.ofSeconds(3)), o.get(ConnectionSettings.IDLE_TIMEOUT));
        assertEquals(Optional.of(Duration.ofSeconds(4)), o.get(ConnectionSettings.CLOSE_TIMEOUT));
        assertEquals(Optional.of(Duration.ofSeconds(5)), o.get(ConnectionSettings.PING_INTERVAL));
        assertEquals(Optional.of(Duration.ofSeconds(6)), o.get(ConnectionSettings.PONG_TIMEOUT));
        assertEquals(Optional.of(true), o.get(ConnectionSettings.DROP_INCOMING_PINGS));
        assertEquals(Optional.of(false), o.get(ConnectionSettings.PROPAGATE_PROTOCOL_ERRORS));
        assertEquals(Optional.of(7), o.get(ConnectionSettings.OUTBOUND_QUEUE_LIMIT));
        assertEquals(Optional.of(8), o.get(ConnectionSettings.INBOUND_QUEUE_LIMIT));
        assertEquals(Optional.of(9), o.get(ConnectionSettings.STREAM_FRAGMENT_SIZE));
        assertEquals(Optional.of(Duration.ofSeconds(10)), o.get(ConnectionSettings.WRITE_TIMEOUT));
        assertEquals(Optional.of(Duration.ofSeconds(11)), o.get(ConnectionSettings.SEND_TIMEOUT));
        assertEquals(o, o.toBuilder().build());
        assertEquals(o.hashCode(), o.toBuilder().build().hashCode());
    }

    @Test
    void thenPutsTheMoreSpecificOnTopSettingBySetting() {
        ConnectionOverrides route = ConnectionOverrides.builder().maxMessageSize(100).idleTimeout(Duration.ZERO)
                .build();
        ConnectionOverrides hook = ConnectionOverrides.builder().maxMessageSize(10).dropIncomingPings(true).build();
        ConnectionOverrides both = route.then(hook);
        assertEquals(Optional.of(10L), both.get(ConnectionSettings.MAX_MESSAGE_SIZE));
        assertEquals(Optional.of(Duration.ZERO), both.get(ConnectionSettings.IDLE_TIMEOUT));
        assertEquals(Optional.of(true), both.get(ConnectionSettings.DROP_INCOMING_PINGS));
        assertEquals(hook.then(route).get(ConnectionSettings.MAX_MESSAGE_SIZE), Optional.of(100L));
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
                ConnectionOverrides.builder().pingInterval(Duration.ZERO).build()
                        .get(ConnectionSettings.PING_INTERVAL));
    }
}
