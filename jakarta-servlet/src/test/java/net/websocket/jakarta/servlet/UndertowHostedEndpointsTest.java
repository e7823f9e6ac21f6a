package net.websocket.jakarta.servlet;

/** The Jakarta container in embedded Undertow, without Undertow's own WebSocket implementation. */
class UndertowHostedEndpointsTest extends HostedEndpointsContract {
    @Override
    HostingContainer start() throws Exception {
        return HostingContainer.undertow();
    }
}
