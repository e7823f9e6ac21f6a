package net.websocket.examples.osgi;

import java.util.Set;

import net.websocket.api.HandshakeDecision;
import net.websocket.api.HandshakeHook;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.whiteboard.WebSocketWhiteboard;
import net.websocket.examples.OriginCheck;

import org.osgi.service.component.annotations.Component;

/** The origin check of {@code /origin-echo} ({@link OriginCheck}), as a whiteboard handshake hook for that path. */
@Component(service = HandshakeHook.class, property = WebSocketWhiteboard.PATH + "=" + OriginEchoEndpoint.PATH)
public final class OriginHook implements HandshakeHook {

    private final OriginCheck check = new OriginCheck(Set.of(OriginEchoEndpoint.PATH));

    @Override
    public HandshakeDecision onHandshake(HandshakeRequest request) {
        return check.onHandshake(request);
    }
}
