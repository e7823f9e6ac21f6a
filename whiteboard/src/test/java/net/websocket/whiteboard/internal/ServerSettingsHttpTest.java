package net.websocket.whiteboard.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import net.websocket.whiteboard.WhiteboardConfiguration;

import org.osgi.service.metatype.AttributeDefinition;

import org.junit.jupiter.api.Test;

/** The HTTP whiteboard keys of a server configuration: how they are read and described. */
class ServerSettingsHttpTest {

    @Test
    void aServerListensOnItsOwnSocketUnlessAsked() {
        assertNull(ServerSettings.of(Map.of(), "p").http());
        assertNull(ServerSettings.of(Map.of(WhiteboardConfiguration.HTTP_WHITEBOARD, "false",
                WhiteboardConfiguration.HTTP_WHITEBOARD_PATTERN, "/ws/*"), "p").http());
    }

    @Test
    void onTheHttpWhiteboardEveryPathOfTheDefaultContextByDefault() {
        ServerSettings.HttpWhiteboard h = ServerSettings.of(Map.of(WhiteboardConfiguration.HTTP_WHITEBOARD, true),
                "p").http();
        assertEquals(List.of("/*"), h.patterns());
        assertNull(h.contextSelect());
    }

    @Test
    void patternsAndContextAsConfigured() {
        ServerSettings.HttpWhiteboard h = ServerSettings.of(Map.of(WhiteboardConfiguration.HTTP_WHITEBOARD, "true",
                WhiteboardConfiguration.HTTP_WHITEBOARD_PATTERN, new String[] {"/ws/*", "/chat"},
                WhiteboardConfiguration.HTTP_WHITEBOARD_CONTEXT_SELECT, " (osgi.http.whiteboard.context.name=app) "),
                "p").http();
        assertEquals(List.of("/ws/*", "/chat"), h.patterns());
        assertEquals("(osgi.http.whiteboard.context.name=app)", h.contextSelect());
    }

    @Test
    void theServerHttpWhiteboardIsOnTheHttpWhiteboardWithPatternsThatFollowItsEndpoints() {
        ServerSettings.HttpWhiteboard h = ServerSettings.of(Map.of(), "net.websocket.server~http-whiteboard").http();
        assertEquals(List.of(), h.patterns(), "no patterns configured: those covering its endpoints' paths");
        assertEquals(List.of("/ws/*"), ServerSettings.of(Map.of(WhiteboardConfiguration.HTTP_WHITEBOARD_PATTERN,
                "/ws/*"), "net.websocket.server~http-whiteboard").http().patterns());
        assertNull(ServerSettings.of(Map.of(WhiteboardConfiguration.HTTP_WHITEBOARD, false),
                "net.websocket.server~http-whiteboard").http(), "unless told otherwise");
    }

    @Test
    void aPatternThatIsNoServletPatternIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerSettings.of(Map.of(WhiteboardConfiguration.HTTP_WHITEBOARD, true,
                        WhiteboardConfiguration.HTTP_WHITEBOARD_PATTERN, "ws"), "p"));
        assertTrue(e.getMessage().contains(WhiteboardConfiguration.HTTP_WHITEBOARD_PATTERN), e.getMessage());
    }

    @Test
    void theKeysAreDescribed() {
        AttributeDefinition pattern = ConfigKeys.server().stream()
                .filter(a -> a.getID().equals(WhiteboardConfiguration.HTTP_WHITEBOARD_PATTERN)).findFirst()
                .orElseThrow();
        assertArrayEquals(new String[] {"/*"}, pattern.getDefaultValue());
        assertTrue(ConfigKeys.server().stream()
                .anyMatch(a -> a.getID().equals(WhiteboardConfiguration.HTTP_WHITEBOARD)
                        && a.getType() == AttributeDefinition.BOOLEAN));
    }
}
