package net.websocket.bench.containers;

import net.websocket.examples.JakartaEcho;
import net.websocket.jakarta.JakartaServerContainer;
import net.websocket.runtime.ServerOptions;

/**
 * {@code jakarta-ours}: the examples' Jakarta endpoint {@link JakartaEcho} (at {@value JakartaEcho#PATH}) in our
 * {@link JakartaServerContainer} on our runtime, with the options of our echo ({@link OursEcho}) listening on
 * 127.0.0.1.
 */
public final class JakartaOursEchoServer {

    private JakartaOursEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        ServerOptions options = OursEcho.options().toBuilder()
                .listen(ServerMain.HOST, ServerMain.port(args))
                .build();
        int port = JakartaServerContainer.serve(options, JakartaEcho.class).server().port();
        ServerMain.readyAndWait("jakarta-ours", port);
    }
}
