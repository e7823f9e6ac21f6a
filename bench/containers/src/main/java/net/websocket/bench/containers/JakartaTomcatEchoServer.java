package net.websocket.bench.containers;

import net.websocket.examples.JakartaEcho;

/**
 * {@code jakarta-tomcat}: the examples' Jakarta endpoint {@link JakartaEcho} (at {@value JakartaEcho#PATH}) on
 * Tomcat 11's Jakarta WebSocket server, with Tomcat's default message buffer sizes.
 */
public final class JakartaTomcatEchoServer {

    private JakartaTomcatEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = TomcatContainer.websocket(ServerMain.port(args), container -> container.addEndpoint(JakartaEcho.class));
        ServerMain.readyAndWait("jakarta-tomcat", port);
    }
}
