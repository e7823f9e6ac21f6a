package net.websocket.jakarta.servlet;

import java.io.IOException;
import java.security.Principal;

import jakarta.servlet.http.HttpSession;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * An endpoint behind authentication ({@link TestWebApp.Authenticates} or the container's security constraint): its
 * configurator records what {@code modifyHandshake} sees of the user, the roles {@code chat} and {@code admin} and
 * the HTTP session; {@code @OnOpen} sends that record, and each message is answered with the session's principal.
 */
@ServerEndpoint(value = "/secure/whoami", configurator = WhoAmI.Records.class)
public class WhoAmI {

    private static final String SEEN = "handshake";

    @OnOpen
    public void open(Session session, EndpointConfig config) throws IOException {
        session.getBasicRemote().sendText(String.valueOf(config.getUserProperties().get(SEEN)));
    }

    @OnMessage
    public String message(String text, Session session) {
        Principal user = session.getUserPrincipal();
        return "session " + (user == null ? null : user.getName());
    }

    /** Records the handshake's user, roles and HTTP session in the session's user properties. */
    public static final class Records extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            Principal user = request.getUserPrincipal();
            HttpSession http = (HttpSession) request.getHttpSession();
            sec.getUserProperties().put(SEEN, "handshake " + (user == null ? null : user.getName())
                    + " chat=" + request.isUserInRole("chat") + " admin=" + request.isUserInRole("admin")
                    + " httpSession=" + (http == null ? null : http.getId()));
        }
    }
}
