package net.websocket.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Header fields: order kept, names compared ignoring case, list syntax, and no CR, LF or NUL ever. */
class HeadersTest {

    @Test
    void namesAreComparedIgnoringCaseAndOrderIsKept() {
        Headers h = Headers.of("Set-Cookie", "a=1", "X-One", "1", "set-cookie", "b=2");
        assertEquals(Optional.of("a=1"), h.first("SET-COOKIE"));
        assertEquals("a=1", h.get("set-cookie"));
        assertEquals(List.of("a=1", "b=2"), h.all("Set-Cookie"));
        assertTrue(h.contains("x-one"));
        assertFalse(h.contains("X-Two"));
        assertNull(h.get("X-Two"));
        assertEquals(3, h.size());
        assertEquals(List.of(new Headers.Field("Set-Cookie", "a=1"), new Headers.Field("X-One", "1"),
                new Headers.Field("set-cookie", "b=2")), h.asList());
        assertEquals("X-One: 1", h.asList().get(1).toString());
    }

    @Test
    void tokensFollowTheListSyntaxAcrossFields() {
        Headers h = Headers.of("Connection", "keep-alive, Upgrade", "connection", " ,, close ,");
        assertEquals(List.of("keep-alive", "Upgrade", "close"), h.tokens("Connection"));
        assertTrue(h.containsToken("CONNECTION", "upgrade"));
        assertFalse(h.containsToken("Connection", "Upgrade, close"));
        assertFalse(h.containsToken("Upgrade", "websocket"));
        assertEquals(List.of(), h.tokens("Upgrade"));
        Headers spaced = Headers.of("X", "\ta ,b\t, ,c", "X", ",", "X", "d");
        assertEquals(List.of("a", "b", "c", "d"), spaced.tokens("X"));
        assertTrue(spaced.containsToken("x", "C"));
        assertTrue(spaced.containsToken("X", "d"));
        assertFalse(spaced.containsToken("X", "a ,b"));
        assertFalse(spaced.containsToken("X", ""));
    }

    @Test
    void theBuilderAddsSetsAndRemoves() {
        Headers base = Headers.of("A", "1", "B", "2", "a", "3");
        Headers h = base.toBuilder().set("a", "4").add("C", "5").remove("b").build();
        assertEquals(Headers.of("a", "4", "C", "5"), h);
        assertEquals(Headers.of("A", "1", "B", "2", "a", "3"), base, "the original is unchanged");
        assertEquals(Headers.of("A", "1", "B", "2", "a", "3", "X", "y"),
                Headers.builder().addAll(base).add("X", "y").build());
        assertSame(Headers.empty(), Headers.builder().add("A", "1").remove("A").build());
        assertTrue(Headers.empty().isEmpty());
    }

    @Test
    void equalityIsByFieldsInOrder() {
        assertEquals(Headers.of("A", "1", "B", "2"), Headers.of("A", "1", "B", "2"));
        assertEquals(Headers.of("A", "1").hashCode(), Headers.of("A", "1").hashCode());
        assertFalse(Headers.of("A", "1", "B", "2").equals(Headers.of("B", "2", "A", "1")));
        assertFalse(Headers.of("A", "1").equals(Headers.of("a", "1")), "names are kept as written");
    }

    @Test
    void crLfAndNulCannotGetIntoAHeadAndNamesCannotBeEmpty() {
        for (String bad : new String[] {"a\rb", "a\nb", "a\u0000b", "\r\n"}) {
            assertThrows(IllegalArgumentException.class, () -> Headers.of("X", bad), bad);
            assertThrows(IllegalArgumentException.class, () -> Headers.of(bad, "v"), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> Headers.of("", "v"));
        assertThrows(IllegalArgumentException.class, () -> Headers.of("odd"));
        assertThrows(NullPointerException.class, () -> Headers.builder().add("X", null));
        assertEquals("", Headers.of("X", "").get("X"), "an empty value is allowed");
    }
}
