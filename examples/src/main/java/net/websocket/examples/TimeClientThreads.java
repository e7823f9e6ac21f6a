package net.websocket.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;

import net.websocket.api.Connection;
import net.websocket.api.ConnectionClosedException;
import net.websocket.api.Message;
import net.websocket.nio.WebSockets;

/**
 * A client for the {@code /time} service using the blocking API from two threads: a reader thread prints each time it receives, while a writer thread sends
 * a keepalive text every {@link #KEEPALIVE} (the server ignores them). A {@link Connection} may be used by one
 * receiving and any number of sending threads at once.
 *
 * <p>Run with {@code ./ws time-client [--count N] [URL]} (default URL {@code ws://127.0.0.1:8081/time}, N 5). It
 * prints
 * <pre>
 * Connected to ws://127.0.0.1:8081/time.
 * Got message: 2024-05-01T12:00:00.004+02:00
 * ... (N lines in all, one a second)
 * Disconnected: 1000 (normal closure) from peer
 * </pre>
 * Public domain.
 */
public final class TimeClientThreads {
    /** How often the writer thread sends a keepalive. */
    public static final Duration KEEPALIVE = Duration.ofMillis(500);

    private TimeClientThreads() {
    }

    /**
     * Prints {@code count} times received from {@code uri}, then closes.
     *
     * @param uri   the time endpoint
     * @param count how many times to print
     * @param out   where they are printed
     * @return the number of times printed (less than {@code count} if the server closed early)
     * @throws IOException          if the connection cannot be opened or fails
     * @throws InterruptedException if interrupted while waiting for a time
     */
    public static int run(URI uri, int count, PrintStream out) throws IOException, InterruptedException {
        Connection c = WebSockets.connect(uri);
        out.println("Connected to " + uri + ".");

        int[] printed = new int[1];
        Thread reader = new Thread(() -> {
            try {
                while (printed[0] < count) {
                    Message m = c.receive();
                    if (m == null) {
                        return; // the server closed
                    }
                    out.println("Got message: " + m.text());
                    printed[0]++;
                }
            } catch (IOException e) {
                out.println("Receive failed: " + e.getMessage());
            }
        }, "time-client-reader");

        Thread writer = new Thread(() -> {
            try {
                c.sendText("Hello from TimeClientThreads");
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(KEEPALIVE.toMillis());
                    c.sendText("keepalive");
                }
            } catch (InterruptedException | ConnectionClosedException done) {
                // told to stop, or the connection is gone
            } catch (IOException e) {
                out.println("Send failed: " + e.getMessage());
            }
        }, "time-client-writer");

        reader.start();
        writer.start();
        reader.join();
        writer.interrupt();
        writer.join();
        c.close();
        out.println("Disconnected: " + Client.awaitClosed(c));
        out.flush();
        return printed[0];
    }

    /**
     * Runs it from the command line and exits with its status.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        System.exit(TimeClients.main("time-client", args, false, System.out, System.err));
    }
}
