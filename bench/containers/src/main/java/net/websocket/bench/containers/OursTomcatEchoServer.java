package net.websocket.bench.containers;


/**
 * {@code ours-tomcat}: our echo ({@link OursEcho}) through {@code WebSocketServlet} in embedded Tomcat 11.
 */
public final class OursTomcatEchoServer {

    private OursTomcatEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = TomcatContainer.servlet(ServerMain.port(args), OursEcho.servlet());
        ServerMain.readyAndWait("ours-tomcat", port);
    }
}
