package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import net.websocket.api.CloseCodes;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.Message;
import net.websocket.api.WebSocketClient;

/**
 * A well-behaved connection that keeps talking to an echo endpoint while a test does something bad next to it: one
 * thread sends numbered messages at a steady pace, another checks that each comes back, in order. {@link #finish()}
 * asserts that none was lost and that the connection closes normally.
 */
final class Bystander {

    /** Pause between two messages, so that the exchange lasts as long as the fault next to it. */
    private static final long PACE_MILLIS = 2;

    /** Upper bound on the messages sent, so that a bystander stops by itself. */
    private static final int MAX_MESSAGES = 20_000;

    private final Connection connection;
    private final Thread sender;
    private final Thread receiver;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicReference<Throwable> error = new AtomicReference<>();
    /** Counted down by the first echo or the first error. */
    private final CountDownLatch traffic = new CountDownLatch(1);
    private volatile boolean stop;

    private Bystander(Connection connection) {
        this.connection = connection;
        this.sender = new Thread(this::send, "bystander-send");
        this.receiver = new Thread(this::receive, "bystander-receive");
        sender.setDaemon(true);
        receiver.setDaemon(true);
    }

    /** Connects to an echo endpoint and starts talking. */
    static Bystander start(WebSocketClient client, URI echo) throws Exception {
        return start(client, echo, ConnectRequest.defaults());
    }

    /** Connects to an echo endpoint with this request (e.g. another variant), starts talking, waits for the first echo. */
    static Bystander start(WebSocketClient client, URI echo, ConnectRequest request) throws Exception {
        Bystander b = new Bystander(client.connect(echo, request));
        b.sender.start();
        b.receiver.start();
        b.awaitTraffic(); // under way before the test does its damage, however slow the machine
        return b;
    }

    private void send() {
        try {
            for (int i = 0; i < MAX_MESSAGES && !stop; i++) {
                connection.sendText("m" + i);
                sent.incrementAndGet();
                // pacing, not waiting: the exchange must last as long as the fault next to it, which has no end
                // event the bystander could follow
                Thread.sleep(PACE_MILLIS);
            }
            connection.sendText("end");
        } catch (Throwable t) {
            error.compareAndSet(null, t);
            traffic.countDown();
        }
    }

    private void receive() {
        try {
            for (int i = 0;; i++) {
                Message m = connection.receive();
                if (m == null) {
                    throw new AssertionError("the bystander's connection ended after " + i + " messages: "
                            + connection.closeStatus());
                }
                if (m.text().equals("end")) {
                    return;
                }
                assertEquals("m" + i, m.text(), "the bystander's messages in order");
                received.incrementAndGet();
                traffic.countDown();
            }
        } catch (Throwable t) {
            error.compareAndSet(null, t);
            traffic.countDown();
        }
    }

    /** Waits (at most 10 s) until at least one message has gone there and back, so the exchange is under way. */
    private void awaitTraffic() throws InterruptedException {
        traffic.await(10, TimeUnit.SECONDS);
        assertTrue(received.get() > 0, "the bystander's first message came back");
    }

    /** Stops sending and checks that every message came back and the connection closes normally. */
    void finish() throws Exception {
        stop = true;
        sender.join(10_000);
        receiver.join(10_000);
        if (error.get() != null) {
            throw new AssertionError("the bystander failed", error.get());
        }
        assertTrue(sent.get() > 0, "the bystander sent nothing");
        assertEquals(sent.get(), received.get(), "every message of the bystander echoed");
        connection.close();
        assertNull(connection.receive());
        // a variant without status on close (hybi-00) reports the peer's closing frame as "no status"
        assertEquals(connection.signalsStatusOnClose() ? CloseCodes.NORMAL : CloseCodes.NO_STATUS,
                connection.closed().toCompletableFuture().get(10, TimeUnit.SECONDS).code());
    }
}
