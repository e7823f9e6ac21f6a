package net.websocket.servlet.containers;

/** The example endpoints through {@code WebSocketServlet} in embedded Tomcat. */
class TomcatWebSocketTest extends ContainerWebSocketTest {
    TomcatWebSocketTest() {
        super(ContainerServer.Kind.TOMCAT);
    }
}
