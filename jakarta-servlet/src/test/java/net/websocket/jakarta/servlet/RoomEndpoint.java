package net.websocket.jakarta.servlet;

import java.io.IOException;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/** A web application's annotated endpoint: a path parameter, a decoder and an encoder. */
@ServerEndpoint(value = "/rooms/{room}", decoders = Shout.Decoder.class, encoders = Shout.Encoder.class)
public class RoomEndpoint {

    @OnOpen
    public void open(Session session, @PathParam("room") String room) throws IOException {
        session.getBasicRemote().sendText("joined " + room);
    }

    @OnMessage
    public Shout message(Shout shout, @PathParam("room") String room) {
        return new Shout(room + ": " + shout.text().toUpperCase(java.util.Locale.ROOT));
    }
}
