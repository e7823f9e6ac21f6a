package net.websocket.bench.containers;

import java.io.IOException;
import java.nio.ByteBuffer;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;

/**
 * The echo written the way Tomcat's WebSocket is used at its fastest: a programmatic {@link Endpoint} whose partial
 * message handlers send each part back through the blocking remote as it arrives, so no message is assembled and
 * Tomcat's per-connection message buffers (8 KiB by default) do not limit what it echoes. Public with a public
 * constructor: Tomcat makes one per connection.
 */
public final class TomcatEcho extends Endpoint {

    /** One per connection, made by the container. */
    public TomcatEcho() {
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        RemoteEndpoint.Basic remote = session.getBasicRemote();
        session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) -> {
            try {
                remote.sendText(part, last);
            } catch (IOException e) {
                failed(session, e);
            }
        });
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) -> {
            try {
                remote.sendBinary(part, last);
            } catch (IOException e) {
                failed(session, e);
            }
        });
    }

    private static void failed(Session session, IOException e) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "echo failed"));
        } catch (IOException again) {
            e.addSuppressed(again);
        }
    }
}
