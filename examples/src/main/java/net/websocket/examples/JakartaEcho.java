package net.websocket.examples;

import java.nio.ByteBuffer;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/**
 * A Jakarta WebSocket echo endpoint, as it would be written for any Jakarta container: each text or binary message
 * is sent back as it came. {@code ./ws serve --jakarta} serves it at {@value #PATH} on the net.websocket runtime.
 * Public domain.
 */
@ServerEndpoint(JakartaEcho.PATH)
public class JakartaEcho {
    /** Where the endpoint is served. */
    public static final String PATH = "/jakarta-echo";

    /** A new endpoint, one per connection (the container's default). */
    public JakartaEcho() {
    }

    /**
     * Echoes a text message.
     *
     * @param text the message
     * @return the same, sent back
     */
    @OnMessage
    public String text(String text) {
        return text;
    }

    /**
     * Echoes a binary message.
     *
     * @param data the message
     * @return the same, sent back
     */
    @OnMessage
    public ByteBuffer binary(ByteBuffer data) {
        return data;
    }
}
