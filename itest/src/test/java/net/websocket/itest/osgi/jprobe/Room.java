package net.websocket.itest.osgi.jprobe;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/**
 * A Jakarta endpoint as a bundle for Pax Web has it: the tests register an instance as a service with Pax Web's
 * property {@code websocket=true}. It echoes each text message prefixed with the room of its path; to
 * {@code "instance"} it answers which instance it is.
 */
@ServerEndpoint("/rooms/{room}")
public class Room {

    @OnMessage
    public String echo(String text, @PathParam("room") String room) {
        if (text.equals("instance")) {
            return room + ": " + Integer.toHexString(System.identityHashCode(this));
        }
        return room + ": " + text;
    }
}
