package net.websocket.bench.containers;

import net.websocket.examples.JakartaEcho;

/**
 * {@code jakarta-jetty}: the examples' Jakarta endpoint {@link JakartaEcho} (at {@value JakartaEcho#PATH}) on
 * Jetty 12.1's Jakarta WebSocket server (ee10), with Jetty's default message buffer sizes.
 */
public final class JakartaJettyEchoServer {

    private JakartaJettyEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = JettyContainer.jakarta(ServerMain.port(args), JakartaEcho.class);
        ServerMain.readyAndWait("jakarta-jetty", port);
    }
}
