package net.websocket.bench.containers;

import net.websocket.servlet.WebSocketServlet;

/**
 * {@code ours-undertow}: our echo ({@link OursEcho}) through {@code WebSocketServlet} in embedded Undertow 2.3.
 */
public final class OursUndertowEchoServer {

    private OursUndertowEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = UndertowContainer.servlet(ServerMain.port(args), WebSocketServlet.class, OursEcho.servlet());
        ServerMain.readyAndWait("ours-undertow", port);
    }
}
