package net.websocket.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import net.websocket.api.Connection;
import net.websocket.nio.WebSockets;

/**
 * A client for the {@code /time} service that never blocks a thread on the connection: each {@link Connection#receiveAsync()} stage, when it completes, prints the time
 * and asks for the next one; the main thread only waits for the chain to finish.
 *
 * <p>Run with {@code ./ws time-client --async [--count N] [URL]}; output as {@link TimeClientThreads}.
 *
 * <p>Public domain.
 */
public final class TimeClientAsync {
    /** How long to allow for each expected message, generously (the server sends one a second). */
    private static final long SECONDS_PER_MESSAGE = 5;

    private TimeClientAsync() {
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
        c.sendTextAsync("Hello from TimeClientAsync");

        CompletableFuture<Integer> done = new CompletableFuture<>();
        receiveNext(c, 0, count, out, done);
        int printed;
        try {
            printed = done.get(SECONDS_PER_MESSAGE * (count + 1), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            out.println("Receive failed: " + e.getCause().getMessage());
            printed = -1;
        } catch (TimeoutException e) {
            out.println("Timed out waiting for the server");
            printed = -1;
        }
        c.close();
        out.println("Disconnected: " + Client.awaitClosed(c));
        out.flush();
        return printed;
    }

    /** Asks for one message; when it arrives, prints it and asks for the next, until {@code count} are printed. */
    private static void receiveNext(Connection c, int printed, int count, PrintStream out,
            CompletableFuture<Integer> done) {
        if (printed >= count) {
            done.complete(printed);
            return;
        }
        c.receiveAsync().whenComplete((m, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
            } else if (m == null) {
                done.complete(printed); // the server closed
            } else {
                out.println("Got message: " + m.text());
                receiveNext(c, printed + 1, count, out, done);
            }
        });
    }

    /**
     * Runs it from the command line and exits with its status.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        System.exit(TimeClients.main("time-client --async", args, true, System.out, System.err));
    }
}
