package net.websocket.servlet.containers;

/** The example endpoints through {@code WebSocketServlet} in embedded Jetty. */
class JettyWebSocketTest extends ContainerWebSocketTest {
    JettyWebSocketTest() {
        super(ContainerServer.Kind.JETTY);
    }
}
