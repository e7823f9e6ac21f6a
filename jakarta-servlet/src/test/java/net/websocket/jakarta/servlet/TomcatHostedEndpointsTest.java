package net.websocket.jakarta.servlet;

/** The Jakarta container in embedded Tomcat, without Tomcat's own WebSocket implementation. */
class TomcatHostedEndpointsTest extends HostedEndpointsContract {
    @Override
    HostingContainer start() throws Exception {
        return HostingContainer.tomcat();
    }
}
