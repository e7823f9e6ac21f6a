package net.websocket.examples.osgi;

import java.io.IOException;

import net.websocket.api.Connection;
import net.websocket.api.Handler;
import net.websocket.api.whiteboard.WebSocketEndpoint;
import net.websocket.examples.TestServerHandler;

import org.osgi.service.component.annotations.Component;

/** {@code /test-server}: the test-server conversation ({@link TestServerHandler}). */
@Component(service = Handler.class)
@WebSocketEndpoint(path = "/test-server")
public final class TestServerEndpoint implements Handler {

    private final TestServerHandler conversation = new TestServerHandler();

    @Override
    public void handle(Connection connection) throws IOException {
        conversation.handle(connection);
    }
}
