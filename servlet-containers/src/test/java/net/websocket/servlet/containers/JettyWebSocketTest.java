package net.websocket.servlet.containers;

/**
 * The example endpoints through {@code WebSocketServlet} in embedded Jetty 12.1 (ee10), where the servlet switches
 * protocols through the module {@code net.websocket.servlet.jetty} (found by {@code ServiceLoader} on this class
 * path), so that a request without {@code Content-Length} is carried as well; and hybi-00 answered as the draft's own
 * server does: nothing before key3, then the draft's status line, fields and answer, key3 read whole even when it
 * begins with CR LF.
 */
class JettyWebSocketTest extends ContainerWebSocketTest {

    JettyWebSocketTest() {
        super(ContainerServer.Kind.JETTY);
    }
}
