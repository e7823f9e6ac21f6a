package net.websocket.bench.containers;

import jakarta.websocket.server.ServerEndpointConfig;

/**
 * {@code tomcat}: Tomcat 11's own WebSocket server (tomcat-embed-websocket, Jakarta WebSocket 2.2) with
 * {@link TomcatEcho} at {@code /echo}.
 */
public final class TomcatEchoServer {

    private TomcatEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = TomcatContainer.websocket(ServerMain.port(args), container -> container.addEndpoint(
                ServerEndpointConfig.Builder.create(TomcatEcho.class, ServerMain.ECHO_PATH).build()));
        ServerMain.readyAndWait("tomcat", port);
    }
}
