package net.websocket.runtime;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.Listener;
import net.websocket.api.WebSocketClient;
import net.websocket.nio.WebSockets;

/**
 * The readers of {@link BroadcastFanOutTest}, in a process of their own (so that the server's and the clients'
 * sockets do not share one process's descriptor limit): opens COUNT connections to URI, checks that each receives
 * the messages {@code "<i> ..."} in order from 0 on, and reports on standard output, one line each: {@code READY}
 * once all are open, {@code GOT i} once every connection has message i, {@code GAP ...} for a message out of order,
 * {@code CLOSED ...} for a connection that closed, {@code FAILED ...} if it cannot go on. Ends when standard input
 * ends (its parent stops it or dies), or after ten minutes in any case.
 *
 * <p>Usage: {@code FanOutClients URI COUNT MAX_MESSAGES}
 */
public final class FanOutClients {

    private FanOutClients() {
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int count = Integer.parseInt(args[1]);
        int maxMessages = Integer.parseInt(args[2]);
        PrintStream out = System.out;
        Thread guard = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // until the parent closes our input
                }
            } catch (IOException e) {
                // the parent is gone
            }
            Runtime.getRuntime().halt(0);
        }, "stdin-guard");
        guard.setDaemon(true);
        guard.start();

        AtomicIntegerArray got = new AtomicIntegerArray(maxMessages);
        AtomicBoolean reportedGap = new AtomicBoolean();
        AtomicBoolean reportedClose = new AtomicBoolean();
        WebSocketClient client = WebSockets.client(ClientOptions.builder().pingInterval(Duration.ZERO)
                .closeTimeout(Duration.ofSeconds(3)).build());
        Semaphore inFlight = new Semaphore(256);
        AtomicInteger open = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            if (!inFlight.tryAcquire(60, TimeUnit.SECONDS)) {
                out.println("FAILED connecting took too long");
                Runtime.getRuntime().halt(1);
            }
            Listener.NonBlocking counter = new Listener.NonBlocking() {
                private int next;

                @Override
                public void onText(Connection c, String text) {
                    int index = Integer.parseInt(text.substring(0, text.indexOf(' ')));
                    if (index != next && reportedGap.compareAndSet(false, true)) {
                        out.println("GAP connection " + c.id() + " expected " + next + " got " + index);
                    }
                    next = index + 1;
                    if (index < maxMessages && got.incrementAndGet(index) == count) {
                        out.println("GOT " + index);
                    }
                }

                @Override
                public void onClose(Connection c, CloseStatus status) {
                    if (reportedClose.compareAndSet(false, true)) {
                        out.println("CLOSED connection " + c.id() + " " + status);
                    }
                }
            };
            client.connectAsync(uri, ConnectRequest.builder().listener(counter).build()).whenComplete((c, e) -> {
                inFlight.release();
                if (e != null) {
                    if (failed.getAndIncrement() == 0) {
                        out.println("FAILED connecting: " + e);
                    }
                } else {
                    open.incrementAndGet();
                }
            });
        }
        if (!inFlight.tryAcquire(256, 60, TimeUnit.SECONDS)) {
            out.println("FAILED the last connections did not open in time");
            Runtime.getRuntime().halt(1);
        }
        out.println(failed.get() == 0 ? "READY " + open.get() : "FAILED " + failed.get() + " connections failed");
        out.flush();
        guard.join(TimeUnit.MINUTES.toMillis(10)); // the guard ends the process sooner
        Runtime.getRuntime().halt(2);
    }
}
