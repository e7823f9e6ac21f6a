package net.websocket.examples;

import java.io.IOException;
import java.nio.ByteBuffer;

import net.websocket.api.Connection;
import net.websocket.api.Listener;

/**
 * Echoes every message back unchanged: text as text, binary as binary. This is the {@code /echo} endpoint of
 * {@link ExampleServer}, the one conformance test suites (such as the Autobahn fuzzing client) talk to, and the
 * listener {@link TesteeClient} uses on the client side.
 *
 * <p>It is an event-style {@link Listener}, and one that never blocks ({@link Listener.NonBlocking}): the runtime
 * calls it on the connection's I/O thread, once per whole message, one message at a time per connection. Its sends
 * are queued and go out together when what one read brought has been handled; while more than the outbound queue
 * limit waits, the runtime stops reading that peer, so a peer that sends faster than it reads is slowed down rather
 * than buffered without bound. Fragmented messages arrive here already reassembled; pings are answered by the
 * runtime. Since it sends each binary message back from its callback and keeps nothing, it only borrows the buffers
 * ({@link Listener.BorrowsBuffers}): the runtime fills the same arrays with later large messages.
 */
public final class EchoListener implements Listener.BorrowsBuffers {

    @Override
    public void onText(Connection connection, String text) throws IOException {
        connection.sendText(text);
    }

    @Override
    public void onBinary(Connection connection, ByteBuffer data) throws IOException {
        connection.sendBinary(data);
    }
}
