package net.websocket.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** What a handshake hook can answer. */
class HandshakeDecisionTest {

    @Test
    void acceptancesCarryHeadersStateAndOverrides() {
        HandshakeDecision.Accept plain = assertInstanceOf(HandshakeDecision.Accept.class, HandshakeDecision.accept());
        assertEquals(Headers.empty(), plain.headers());
        assertNull(plain.state());
        assertEquals(ConnectionOverrides.none(), plain.overrides());

        Object state = new Object();
        HandshakeDecision.Accept withState = (HandshakeDecision.Accept) HandshakeDecision.accept(state);
        assertSame(state, withState.state());

        HandshakeDecision.Accept withHeaders = (HandshakeDecision.Accept) HandshakeDecision.accept(
                Headers.of("Set-Cookie", "s=1"), state);
        assertEquals(Headers.of("Set-Cookie", "s=1"), withHeaders.headers());

        ConnectionOverrides o = ConnectionOverrides.builder().idleTimeout(Duration.ofSeconds(1)).build();
        assertEquals(o, ((HandshakeDecision.Accept) HandshakeDecision.accept(o)).overrides());
        HandshakeDecision.Accept replaced = withHeaders.with(o);
        assertEquals(o, replaced.overrides());
        assertEquals(withHeaders.headers(), replaced.headers());
        assertSame(state, replaced.state());
        assertThrows(NullPointerException.class, () -> new HandshakeDecision.Accept(null, null));
        assertThrows(NullPointerException.class, () -> withHeaders.with(null));
    }

    @Test
    void anAcceptanceMayChooseTheSubprotocolAndNarrowTheExtensions() {
        HandshakeDecision.Accept plain = (HandshakeDecision.Accept) HandshakeDecision.accept("s");
        assertEquals(Optional.empty(), plain.subprotocol());
        assertEquals(Optional.empty(), plain.extensions());

        ConnectionOverrides o = ConnectionOverrides.builder().maxMessageSize(5).build();
        HandshakeDecision.Accept chosen = plain.withSubprotocol("v2").withExtensions(List.of()).with(o);
        assertEquals(Optional.of("v2"), chosen.subprotocol());
        assertEquals(Optional.of(Set.of()), chosen.extensions());
        assertEquals(o, chosen.overrides());
        assertEquals("s", chosen.state());
        assertEquals(Optional.of(""), plain.withSubprotocol("").subprotocol());
        assertEquals(Optional.of(Set.of("permessage-deflate")),
                plain.withExtensions(List.of("permessage-deflate", "permessage-deflate")).extensions());
        assertEquals(Optional.empty(), plain.subprotocol(), "the original is unchanged");

        assertEquals(plain.withSubprotocol("v2"), plain.withSubprotocol("v2"));
        assertEquals(plain.withSubprotocol("v2").hashCode(), plain.withSubprotocol("v2").hashCode());
        assertNotEquals(plain, plain.withSubprotocol("v2"));
        assertNotEquals(plain, plain.withExtensions(Set.of()));
        assertThrows(NullPointerException.class, () -> plain.withSubprotocol(null));
        assertThrows(NullPointerException.class, () -> plain.withExtensions(null));
        assertThrows(NullPointerException.class, () -> plain.withExtensions(Arrays.asList("a", null)));
    }

    @Test
    void rejectionsNeedAnErrorStatus() {
        HandshakeDecision.Reject r = assertInstanceOf(HandshakeDecision.Reject.class,
                HandshakeDecision.reject(403, "origin not allowed"));
        assertEquals(403, r.status());
        assertEquals(Headers.empty(), r.headers());
        assertEquals("origin not allowed", r.body());
        assertEquals(Headers.of("Retry-After", "3"),
                ((HandshakeDecision.Reject) HandshakeDecision.reject(503, Headers.of("Retry-After", "3"), ""))
                        .headers());
        assertEquals(400, ((HandshakeDecision.Reject) HandshakeDecision.reject(400, "")).status());
        assertEquals(599, ((HandshakeDecision.Reject) HandshakeDecision.reject(599, "")).status());
        for (int status : new int[] {101, 200, 302, 399, 600, -1}) {
            assertThrows(IllegalArgumentException.class, () -> HandshakeDecision.reject(status, "x"), "" + status);
        }
        assertThrows(NullPointerException.class, () -> HandshakeDecision.reject(403, null));
        assertThrows(NullPointerException.class, () -> HandshakeDecision.reject(403, null, ""));
    }
}
