package net.websocket.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.Set;

import net.websocket.examples.internal.Args;
import net.websocket.examples.internal.Cli;
import net.websocket.examples.internal.UsageException;

/** The command line of {@code ws time-client}: picks {@link TimeClientThreads} or, with --async, {@link TimeClientAsync}. */
final class TimeClients {
    /** The default number of times to print. */
    static final int DEFAULT_COUNT = 5;
    /** The most times one may ask for (a day). */
    private static final int MAX_COUNT = 86_400;
    static final String DEFAULT_URL = "ws://127.0.0.1:8081/time";
    static final String USAGE = "usage: ws time-client [--async] [--count N] [URL]   (default " + DEFAULT_URL
            + ", N " + DEFAULT_COUNT + ")";

    private TimeClients() {
    }

    /** Parses the arguments and runs one of the clients; {@code async} forces the asynchronous one. */
    static int main(String name, String[] args, boolean async, PrintStream out, PrintStream err) {
        URI uri;
        int count;
        try {
            Args a = Args.parse(args, Set.of("count"), Set.of("async"));
            uri = Cli.wsUri(a.optionalSingle(DEFAULT_URL));
            count = a.getInt("count", DEFAULT_COUNT, 1, MAX_COUNT);
            async |= a.has("async");
        } catch (UsageException e) {
            err.println("ws " + name + ": " + e.getMessage());
            err.println(USAGE);
            return Cli.EXIT_USAGE;
        }
        try {
            int printed = async ? TimeClientAsync.run(uri, count, out) : TimeClientThreads.run(uri, count, out);
            return printed == count ? Cli.EXIT_OK : Cli.EXIT_FAILURE;
        } catch (IOException e) {
            err.println("ws " + name + ": " + Cli.describeConnectFailure(uri, e));
            return Cli.EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Cli.EXIT_FAILURE;
        }
    }
}
