package net.websocket.whiteboard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The servlet patterns derived from endpoint path expressions cover every path the expressions match. */
class ServletPatternsTest {

    @Test
    void aLiteralPathIsAnExactPattern() {
        assertEquals("/chat", ServletPatterns.covering("/chat"));
        assertEquals("/ws/chat-room_1", ServletPatterns.covering("/ws/chat-room_1"));
    }

    @Test
    void anExpressionGetsItsLiteralBeginningUpToItsLastSlash() {
        assertEquals("/rooms/*", ServletPatterns.covering("/rooms/[a-z]+"));
        assertEquals("/ws/*", ServletPatterns.covering("/ws/.*"));
        assertEquals("/a/b/*", ServletPatterns.covering("/a/b/c\\.d"));
        assertEquals("/*", ServletPatterns.covering("/.*"));
        assertEquals("/*", ServletPatterns.covering("/chat(/.*)?"));
        assertEquals("/*", ServletPatterns.covering("/a|/b"));
        assertEquals("/*", ServletPatterns.covering("(?i)/chat"));
    }

    @Test
    void aQuantifierMakesTheCharacterBeforeItOptional() {
        // "/roomsx" matches /rooms/?x: the slash is optional, so the pattern cannot be /rooms/*
        assertEquals("/*", ServletPatterns.covering("/rooms/?x"));
        assertEquals("/ws/*", ServletPatterns.covering("/ws/chat?"));
        assertEquals("/ws/*", ServletPatterns.covering("/ws/ab{0,2}"));
        assertEquals("/*", ServletPatterns.covering("/ws*"));
    }

    @Test
    void theUnionIsSortedWithoutWhatAPrefixPatternCovers() {
        assertEquals(List.of("/chat", "/rooms/*"),
                ServletPatterns.covering(List.of("/rooms/[a-z]+", "/chat", "/rooms/lobby", "/rooms/x.*")));
        assertEquals(List.of("/*"), ServletPatterns.covering(List.of("/chat", "/.*", "/rooms/[0-9]+")));
        assertEquals(List.of("/ws/*"), ServletPatterns.covering(List.of("/ws", "/ws/.+")));
        assertEquals(List.of(), ServletPatterns.covering(List.of()));
    }

    @Test
    void everyPathAnExpressionMatchesIsCoveredByItsPattern() {
        String[][] cases = {
            {"/rooms/[a-z]+", "/rooms/lobby"},
            {"/ws/chat?", "/ws/cha"},
            {"/rooms/?x", "/roomsx"},
            {"/ws/.*", "/ws/"},
            {"/chat", "/chat"},
            {"/a/b/c\\.d", "/a/b/c.d"},
        };
        for (String[] c : cases) {
            assertTrue(Pattern.compile(c[0]).matcher(c[1]).matches(), c[0]);
            assertTrue(servletMatches(ServletPatterns.covering(c[0]), c[1]), c[0] + " -> " + c[1]);
        }
    }

    /** The servlet rule: an exact pattern, or {@code /p/*} for /p and everything under /p/. */
    private static boolean servletMatches(String pattern, String path) {
        if (!pattern.endsWith("/*")) {
            return pattern.equals(path);
        }
        String prefix = pattern.substring(0, pattern.length() - 2);
        return prefix.isEmpty() || path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
