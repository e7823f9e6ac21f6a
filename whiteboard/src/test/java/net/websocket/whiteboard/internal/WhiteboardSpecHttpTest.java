package net.websocket.whiteboard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import net.websocket.api.whiteboard.WebSocketWhiteboard;

import org.junit.jupiter.api.Test;

/** How an endpoint asks for the HTTP whiteboard's port, and which servers serve it then. */
class WhiteboardSpecHttpTest {

    private static final String HTTP = WebSocketWhiteboard.HTTP_WHITEBOARD_SERVER;

    @Test
    void theFlagIsForTheServerHttpWhiteboardOnly() {
        WhiteboardSpec s = WhiteboardSpec.endpoint(Map.of(WebSocketWhiteboard.PATH, "/chat",
                WebSocketWhiteboard.HTTP_WHITEBOARD, true));
        assertEquals(List.of(HTTP), s.servers());
        assertTrue(s.wantsHttpWhiteboard());
        assertTrue(s.serves(HTTP));
        assertFalse(s.serves("default"), "an endpoint that asks for the HTTP port is not on every server");
    }

    @Test
    void theFlagAddsToTheServersNamed() {
        WhiteboardSpec s = WhiteboardSpec.endpoint(Map.of(WebSocketWhiteboard.PATH, "/chat",
                WebSocketWhiteboard.SERVER, "main", WebSocketWhiteboard.HTTP_WHITEBOARD, "true"));
        assertEquals(List.of("main", HTTP), s.servers());
        assertTrue(s.serves("main"));
        assertTrue(s.serves(HTTP));
        assertFalse(s.serves("other"));
    }

    @Test
    void anEndpointForEveryServerIsNotOnTheHttpPortUnlessItAsks() {
        WhiteboardSpec s = WhiteboardSpec.endpoint(Map.of(WebSocketWhiteboard.PATH, "/echo"));
        assertTrue(s.serves("default"));
        assertFalse(s.serves(HTTP));
        assertFalse(s.wantsHttpWhiteboard());
        WhiteboardSpec off = WhiteboardSpec.endpoint(Map.of(WebSocketWhiteboard.PATH, "/echo",
                WebSocketWhiteboard.HTTP_WHITEBOARD, false));
        assertFalse(off.wantsHttpWhiteboard());
        WhiteboardSpec named = WhiteboardSpec.endpoint(Map.of(WebSocketWhiteboard.PATH, "/echo",
                WebSocketWhiteboard.SERVER, HTTP));
        assertTrue(named.wantsHttpWhiteboard(), "naming the server asks for it as the flag does");
    }

    @Test
    void aHookForEveryServerAppliesThereToo() {
        WhiteboardSpec hook = WhiteboardSpec.hook(Map.of());
        assertTrue(hook.appliesTo(HTTP));
        assertTrue(hook.appliesTo("default"));
    }

    @Test
    void anUnusableEndpointAsksForNothing() {
        WhiteboardSpec s = WhiteboardSpec.endpoint(Map.of(WebSocketWhiteboard.PATH, "/chat[",
                WebSocketWhiteboard.HTTP_WHITEBOARD, true));
        assertFalse(s.wantsHttpWhiteboard());
        assertFalse(s.serves(HTTP));
    }
}
