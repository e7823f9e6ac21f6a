package net.websocket.jakarta;

import java.net.URI;

import jakarta.websocket.server.ServerEndpointConfig;

import net.websocket.runtime.ServerOptions;

/** Starts a container on 127.0.0.1 at a free port, for one test class. */
final class Servers {

    private Servers() {
    }

    static ServerOptions loopback() {
        return ServerOptions.builder().listen("127.0.0.1", 0).build();
    }

    static JakartaServerContainer serve(Object... endpoints) throws Exception {
        JakartaServerContainer c = new JakartaServerContainer();
        for (Object e : endpoints) {
            if (e instanceof ServerEndpointConfig config) {
                c.addEndpoint(config);
            } else {
                c.addEndpoint((Class<?>) e);
            }
        }
        c.start(loopback());
        return c;
    }

    static URI uri(JakartaServerContainer c, String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + c.server().port() + pathAndQuery);
    }
}
