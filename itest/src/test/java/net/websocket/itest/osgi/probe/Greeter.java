package net.websocket.itest.osgi.probe;

import java.io.IOException;

import net.websocket.api.Connection;
import net.websocket.api.Handler;
import net.websocket.api.Message;

/**
 * A handler the tests register as a service from the probe bundle: it sends its name, then echoes every message
 * until the connection closes. Loaded inside the framework, so it implements the framework's {@link Handler}.
 */
public final class Greeter implements Handler {

    private final String name;

    public Greeter(String name) {
        this.name = name;
    }

    @Override
    public void handle(Connection c) throws IOException {
        c.sendText(name);
        for (Message m; (m = c.receive()) != null;) {
            c.send(m);
        }
    }
}
