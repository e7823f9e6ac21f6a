package net.websocket.servlet.containers;

/** The example endpoints through {@code WebSocketServlet} in embedded Undertow. */
class UndertowWebSocketTest extends ContainerWebSocketTest {
    UndertowWebSocketTest() {
        super(ContainerServer.Kind.UNDERTOW);
    }
}
