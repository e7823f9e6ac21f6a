package net.websocket.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.upgrade.Handshake;
import net.websocket.upgrade.UpgradeServer;

/**
 * The container hosted by another HTTP server ({@link JakartaServerContainer#startHosted}), its handshakes decided
 * without a servlet container: paths relative to the context path, {@code upgradeHttpToWebSocket} through the host's
 * upgrade, and the standalone container that cannot upgrade (the {@code ServerContainer} Javadoc).
 */
class HostedModeTest {

    /** An annotated endpoint with a template. */
    @ServerEndpoint("/rooms/{room}")
    public static class Room {
        @OnMessage
        public String echo(String text) {
            return text;
        }
    }

    private static HandshakeRequest request(String target) {
        Headers headers = Headers.builder().add("Host", "127.0.0.1").add("Upgrade", "websocket")
                .add("Connection", "Upgrade").add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .add("Sec-WebSocket-Version", "13").build();
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 8080);
        return new HandshakeRequest("GET", target, "HTTP/1.1", headers, new InetSocketAddress("127.0.0.1", 40000),
                local, false);
    }

    /** {@return the status the server answers {@code target} with; an accepted handshake is given back} */
    private static int status(UpgradeServer server, String target) {
        Handshake h = server.handshake(request(target));
        h.abandon();
        return h.status();
    }

    @Test
    void endpointPathsAreRelativeToTheContextPath() throws Exception {
        JakartaServerContainer c = new JakartaServerContainer();
        c.addEndpoint(Room.class);
        try (c) {
            UpgradeServer server = c.startHosted(Servers.loopback(), "/app", (req, resp) -> { });
            assertEquals(101, status(server, "/app/rooms/lobby"));
            assertEquals(404, status(server, "/rooms/lobby"), "outside the context");
            assertEquals(404, status(server, "/application/rooms/lobby"), "another context starting alike");
            assertTrue(c.hasEndpointAt("/rooms/lobby"));
            assertFalse(c.hasEndpointAt("/app/rooms/lobby"), "hasEndpointAt takes the path within the context");
            assertThrows(DeploymentException.class, () -> c.addEndpoint(
                    ServerEndpointConfig.Builder.create(Room.class, "/late").build()), "no endpoint after the start");
        }
    }

    @Test
    void upgradeHttpToWebSocketServesTheGivenEndpointWhateverThePath() throws Exception {
        JakartaServerContainer c = new JakartaServerContainer();
        List<Integer> statuses = new ArrayList<>();
        UpgradeServer[] server = new UpgradeServer[1];
        try (c) {
            server[0] = c.startHosted(Servers.loopback(), "", (req, resp) ->
                    statuses.add(status(server[0], (String) req)));
            assertEquals(404, status(server[0], "/anything"), "no endpoint deployed");
            c.upgradeHttpToWebSocket("/anything", null,
                    ServerEndpointConfig.Builder.create(Room.class, "/given/{x}").build(), Map.of("x", "1"));
            assertEquals(List.of(101), statuses);
            assertEquals(404, status(server[0], "/anything"), "the given endpoint served that upgrade only");
        }
    }

    @Test
    void aStandaloneContainerCannotUpgradeAServletRequest() throws Exception {
        try (JakartaServerContainer c = Servers.serve(Room.class)) {
            assertThrows(DeploymentException.class, () -> c.upgradeHttpToWebSocket(new Object(), new Object(),
                    ServerEndpointConfig.Builder.create(Room.class, "/x").build(), Map.of()));
        }
    }
}
