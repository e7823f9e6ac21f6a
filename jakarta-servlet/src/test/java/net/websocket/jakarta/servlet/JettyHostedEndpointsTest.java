package net.websocket.jakarta.servlet;

/** The Jakarta container in embedded Jetty, without Jetty's own WebSocket implementation. */
class JettyHostedEndpointsTest extends HostedEndpointsContract {
    @Override
    HostingContainer start() throws Exception {
        return HostingContainer.jetty();
    }
}
