package net.websocket.servlet.containers;

/** The example endpoints through {@code WebSocketServlet} in embedded Undertow. */
class UndertowWebSocketTest extends ContainerWebSocketTest {
    UndertowWebSocketTest() {
        super(ContainerServer.Kind.UNDERTOW);
    }

    /** Open defect: see the message. */
    @Override
    String hybi00Defect() {
        return "Undertow 2.3 reads ahead on its I/O thread while the connection's I/O thread reads the upgraded"
                + " stream: the key3 that came with the head is now and then misread or not announced (an open"
                + " defect of UpgradedConnection)";
    }
}
