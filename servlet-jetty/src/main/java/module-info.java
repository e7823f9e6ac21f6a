/**
 * {@code WebSocketServlet} in embedded Jetty 12.1 (ee10): a {@link net.websocket.servlet.spi.ContainerUpgrade} that
 * sends the 101 through Jetty and has Jetty hand the connection's {@code EndPoint} to a Jetty {@code Connection} that
 * carries the runtime's connection core (Jetty 12.1.14's {@code HttpServletRequest#upgrade} carries no input for a
 * request without a body length whose head came alone). A hybi-00 handshake is answered by the connection itself,
 * once key3 has come, with nothing of Jetty's response sent. Exports nothing.
 */
module net.websocket.servlet.jetty {
    requires net.websocket.runtime;
    requires net.websocket.servlet;
    requires static jakarta.servlet;
    requires org.eclipse.jetty.server;
    requires org.eclipse.jetty.ee10.servlet;

    provides net.websocket.servlet.spi.ContainerUpgrade with net.websocket.servlet.jetty.JettyUpgrade;
}
