package net.websocket.examples.osgi;

import java.io.IOException;
import java.nio.ByteBuffer;

import net.websocket.api.Connection;
import net.websocket.api.Listener;
import net.websocket.api.whiteboard.WebSocketEndpoint;
import net.websocket.examples.EchoListener;

import org.osgi.service.component.annotations.Component;

/** {@code /echo}: every message back unchanged ({@link EchoListener}). */
@Component(service = Listener.class)
@WebSocketEndpoint(path = "/echo")
public final class EchoEndpoint implements Listener.NonBlocking {

    private final EchoListener echo = new EchoListener();

    @Override
    public void onText(Connection connection, String text) throws IOException {
        echo.onText(connection, text);
    }

    @Override
    public void onBinary(Connection connection, ByteBuffer data) throws IOException {
        echo.onBinary(connection, data);
    }
}
