package net.websocket.examples.osgi;

import java.io.IOException;

import net.websocket.api.Connection;
import net.websocket.api.Handler;
import net.websocket.api.whiteboard.WebSocketEndpoint;
import net.websocket.examples.ExampleServer;
import net.websocket.examples.TestServerHandler;

import org.osgi.service.component.annotations.Component;

/**
 * {@code /test}: subprotocol selection. A client that offers the subprotocol
 * {@value ExampleServer#SUBPROTOCOL} is greeted with {@value ExampleServer#WITH_SUBPROTOCOL}, one that offers none
 * with {@value ExampleServer#WITHOUT_SUBPROTOCOL}; offering only others gets 400. The test-server conversation
 * follows.
 */
@Component(service = Handler.class)
@WebSocketEndpoint(path = "/test", subprotocols = {ExampleServer.SUBPROTOCOL, "none"})
public final class TestEndpoint implements Handler {

    private final TestServerHandler withSubprotocol = new TestServerHandler(ExampleServer.WITH_SUBPROTOCOL);
    private final TestServerHandler withoutSubprotocol = new TestServerHandler(ExampleServer.WITHOUT_SUBPROTOCOL);

    @Override
    public void handle(Connection connection) throws IOException {
        (connection.subprotocol().isPresent() ? withSubprotocol : withoutSubprotocol).handle(connection);
    }
}
