package net.websocket.servlet.containers;

/**
 * The example endpoints through {@code WebSocketServlet} in embedded Jetty. Jetty 12.1.14 (ee10) carries the upgraded
 * stream for a request that says {@code Content-Length: 0} (the JDK's client does), but not for a request without a
 * body length whose head came alone: its {@code HttpConnection} parses such a request to its end before the servlet
 * runs, which leaves the end of the request's content in its stream for good, so the upgraded input stream only ever
 * says it is finished. The raw client's case is skipped here.
 */
class JettyWebSocketTest extends ContainerWebSocketTest {
    JettyWebSocketTest() {
        super(ContainerServer.Kind.JETTY);
    }

    /** Jetty 12.1.14 (ee10): see the class comment. */
    @Override
    boolean upgradesRequestsWithoutContentLength() {
        return false;
    }
}
