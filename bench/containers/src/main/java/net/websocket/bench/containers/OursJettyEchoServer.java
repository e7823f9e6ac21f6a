package net.websocket.bench.containers;


/**
 * {@code ours-jetty}: our echo ({@link OursEcho}) through {@code WebSocketServlet} in embedded Jetty 12.1 (ee10).
 */
public final class OursJettyEchoServer {

    private OursJettyEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = JettyContainer.servlet(ServerMain.port(args), OursEcho.servlet());
        ServerMain.readyAndWait("ours-jetty", port);
    }
}
