package net.websocket.servlet.containers;

/**
 * The example endpoints through {@code WebSocketServlet} in embedded Jetty. Jetty 12.1.14 (ee10) switches protocols
 * for a request that says {@code Content-Length: 0} (the JDK's client does), but reads the bytes after the 101 of
 * any other request as a new HTTP request (answering 400): the raw client's case is skipped here.
 */
class JettyWebSocketTest extends ContainerWebSocketTest {
    JettyWebSocketTest() {
        super(ContainerServer.Kind.JETTY);
    }

    /** Jetty 12.1.14 (ee10) carries the upgraded stream only for a request with {@code Content-Length: 0}. */
    @Override
    boolean upgradesRequestsWithoutContentLength() {
        return false;
    }
}
