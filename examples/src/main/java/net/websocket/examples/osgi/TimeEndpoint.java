package net.websocket.examples.osgi;

import java.io.IOException;

import net.websocket.api.Connection;
import net.websocket.api.Handler;
import net.websocket.api.whiteboard.WebSocketEndpoint;
import net.websocket.examples.TimeHandler;

import org.osgi.service.component.annotations.Component;

/** {@code /time}: the current time every second ({@link TimeHandler}). */
@Component(service = Handler.class)
@WebSocketEndpoint(path = "/time")
public final class TimeEndpoint implements Handler {

    private final TimeHandler time = new TimeHandler();

    @Override
    public void handle(Connection connection) throws IOException {
        time.handle(connection);
    }
}
