package net.websocket.examples.osgi;

import java.io.IOException;

import net.websocket.api.Connection;
import net.websocket.api.Handler;
import net.websocket.api.Message;
import net.websocket.api.whiteboard.WebSocketEndpoint;

import org.osgi.service.component.annotations.Component;

/**
 * {@code /origin-echo}: a blocking echo loop; {@link OriginHook} refuses browser pages from other
 * origins before it runs.
 */
@Component(service = Handler.class)
@WebSocketEndpoint(path = OriginEchoEndpoint.PATH)
public final class OriginEchoEndpoint implements Handler {

    static final String PATH = "/origin-echo";

    @Override
    public void handle(Connection c) throws IOException {
        Message m;
        while ((m = c.receive()) != null) {
            c.send(m);
        }
    }
}
