package net.websocket.servlet.containers;

/** The example endpoints through {@code WebSocketServlet} in embedded Tomcat. */
class TomcatWebSocketTest extends ContainerWebSocketTest {
    TomcatWebSocketTest() {
        super(ContainerServer.Kind.TOMCAT);
    }

    /** Open defect: see the message. */
    @Override
    String largeMessagesDefect() {
        return "Tomcat 11 re-dispatches reads on its own threads while the connection's I/O thread reads its"
                + " upgraded stream: under a flood of large messages its read buffer is shared and the connection"
                + " stalls or fails (an open defect of UpgradedConnection)";
    }
}
