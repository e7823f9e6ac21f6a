package net.websocket.itest.osgi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import net.websocket.api.CloseStatus;
import net.websocket.api.Connection;

/**
 * One client exchanging numbered messages with an echo endpoint until told to stop or until its connection closes
 * (at most 60 s), checking every echo: the load of the tests that change a server beneath its clients.
 */
final class EchoLoad extends Thread {
    final Connection connection;
    final AtomicInteger exchanged = new AtomicInteger();
    volatile boolean stop;
    volatile String error;

    /**
     * Starts exchanging on a connection.
     *
     * @param variant the connection's variant, to name the thread
     */
    EchoLoad(String variant, Connection connection) {
        super("load-" + variant);
        this.connection = connection;
        setDaemon(true);
        start();
    }

    @Override
    public void run() {
        // bounded: a load never outlives the test by much
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; !stop && System.nanoTime() < deadline; i++) {
            String msg = getName() + " " + i;
            try {
                connection.sendText(msg);
                String echo = connection.receiveText();
                if (echo == null) {
                    return; // closed
                }
                if (!echo.equals(msg)) {
                    error = "sent '" + msg + "', got '" + echo + "'";
                    return;
                }
                exchanged.incrementAndGet();
            } catch (IOException e) {
                return; // closed while sending
            }
        }
    }

    /** Waits until at least a few more messages went both ways. */
    void assertRunning() throws InterruptedException {
        int target = exchanged.get() + 5;
        long deadline = System.nanoTime() + OsgiFramework.WAIT.toNanos();
        while (exchanged.get() < target && isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertNull(error);
        assertTrue(exchanged.get() >= target, getName() + " stalled at " + exchanged.get());
    }

    /** Waits until the server closed the connection (the load ends by itself) and returns how. */
    CloseStatus awaitClosedByServer() throws Exception {
        CloseStatus s = Clients.closeStatus(connection);
        join(TimeUnit.SECONDS.toMillis(20));
        assertFalse(isAlive());
        assertNull(error);
        return s;
    }

    /** Stops the load, closes normally, and checks nothing was lost. */
    int finish() throws Exception {
        stop = true;
        join(TimeUnit.SECONDS.toMillis(20));
        assertNull(error);
        assertFalse(connection.isClosed(), getName() + " was closed: " + connection.closeStatus());
        connection.close();
        return exchanged.get();
    }
}
