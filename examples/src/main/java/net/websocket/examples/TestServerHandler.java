package net.websocket.examples;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import net.websocket.api.Connection;
import net.websocket.api.ConnectionClosedException;
import net.websocket.api.Handler;
import net.websocket.api.Message;

/**
 * A conversation, as a blocking {@link Handler}:
 * <ul>
 * <li>every message {@code m} is answered with {@code "You said: m"};</li>
 * <li>after each second in which nothing arrived it sends {@code "Waited another second"};</li>
 * <li>the message {@code goodbye} is answered with {@code "Goodbye!"}, and then the server closes the connection
 * (status 1000).</li>
 * </ul>
 * It optionally starts with a greeting (the {@code /test} path of {@link ExampleServer} uses that to say whether a
 * subprotocol was requested). Binary messages are treated as UTF-8 text ({@link net.websocket.api.Message#text()}).
 */
public final class TestServerHandler implements Handler {
    /** The quiet time after which the handler says it is still there (one second, as in the original). */
    public static final Duration TICK = Duration.ofSeconds(1);
    /** Sent after each {@link #TICK} without a message. */
    public static final String WAITED = "Waited another second";
    /** The message that ends the conversation. */
    public static final String GOODBYE_REQUEST = "goodbye";
    /** The answer to {@link #GOODBYE_REQUEST}, sent just before the server closes. */
    public static final String GOODBYE = "Goodbye!";
    /** The prefix of each answer. */
    public static final String YOU_SAID = "You said: ";

    private final String greeting;

    /** A handler that starts the conversation silently. */
    public TestServerHandler() {
        this(null);
    }

    /**
     * A handler that first sends {@code greeting} (if not {@code null}).
     *
     * @param greeting the first message, or {@code null} for none
     */
    public TestServerHandler(String greeting) {
        this.greeting = greeting;
    }

    @Override
    public void handle(Connection c) throws IOException {
        try {
            if (greeting != null) {
                c.sendText(greeting);
            }
            while (true) {
                Message m;
                try {
                    m = c.receive(TICK);
                } catch (TimeoutException quiet) {
                    c.sendText(WAITED);
                    continue;
                }
                if (m == null) {
                    return; // the client closed
                }
                String text = m.text();
                if (text.equals(GOODBYE_REQUEST)) {
                    c.sendText(GOODBYE);
                    c.close();
                    return;
                }
                c.sendText(YOU_SAID + text);
            }
        } catch (ConnectionClosedException gone) {
            // the client went away while we were talking: nothing left to do
        }
    }
}
