package net.websocket.examples;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;

import net.websocket.examples.internal.Cli;

/**
 * The {@code ws} command: one entry point for the examples.
 * <pre>
 * ws serve [--host H] [--port N] [--tls]         the example server (default 127.0.0.1:8081)
 * ws serve --jakarta [--host H] [--port N]       the Jakarta WebSocket echo endpoint at /jakarta-echo
 * ws hello [--host H] [--port N]                 the hello-world server
 * ws connect URL [--subprotocol P]... [--header "Name: value"]... [--variant rfc6455|hybi00]
 *            [--trust-fingerprint SHA256 | --insecure] [--proxy http://HOST:PORT]
 * ws cat URL [--binary] [--proxy http://HOST:PORT] pipe stdin to the connection, messages to stdout
 * ws time-client [--async] [--count N] [URL]     print times from /time
 * ws testee-client --url BASE --agent NAME       the Autobahn fuzzing-server testee
 * ws help                                        this text
 * </pre>
 * Exit status: 0 success, 1 failure (could not connect, abnormal close, ...), 2 bad command line.
 */
public final class Main {
    static final String USAGE = String.join(System.lineSeparator(),
            "usage: ws <command> [options]",
            "  serve [--host H] [--port N] [--tls]      run the example server (default 127.0.0.1:8081;",
            "                                           paths /echo /test-server /test /time /origin-echo;",
            "                                           --tls: wss:// with a self-signed certificate made",
            "                                           at start-up, its SHA-256 fingerprint printed)",
            "  serve --jakarta [--host H] [--port N]    run the Jakarta WebSocket echo endpoint at /jakarta-echo",
            "  hello [--host H] [--port N]              run the hello-world server",
            "  connect URL [--subprotocol P]... [--header \"Name: value\"]... [--variant rfc6455|hybi00]",
            "          [--trust-fingerprint SHA256 | --insecure] [--proxy http://HOST:PORT]",
            "                                           interactive client: stdin lines out, messages in;",
            "                                           wss:// checks the certificate unless pinned or --insecure;",
            "                                           --proxy: through an HTTP proxy (CONNECT)",
            "  cat URL [--binary] [--proxy http://HOST:PORT]",
            "                                           pipe stdin to the connection and messages to stdout",
            "  time-client [--async] [--count N] [URL]  print N times from URL (default "
                    + TimeClients.DEFAULT_URL + ")",
            "  testee-client --url BASE --agent NAME    run the Autobahn fuzzing server's cases",
            "  help                                     show this text");

    private Main() {
    }

    /**
     * Runs one command with the given streams and returns its exit status.
     *
     * @param args the command and its arguments
     * @param in   standard input
     * @param out  standard output
     * @param err  standard error
     * @return the exit status
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE);
            return Cli.EXIT_USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "serve":
                if (Arrays.asList(rest).contains("--jakarta")) {
                    return JakartaEchoServer.run(
                            Arrays.stream(rest).filter(a -> !a.equals("--jakarta")).toArray(String[]::new), out, err);
                }
                return ExampleServer.run(rest, out, err);
            case "hello":
                return HelloServer.run(rest, out, err);
            case "connect":
                return Client.run(rest, in, out, err);
            case "cat":
                return Cat.run(rest, in, out, err);
            case "time-client":
                return TimeClients.main("time-client", rest, false, out, err);
            case "testee-client":
                return TesteeClient.run(rest, out, err);
            case "help":
            case "-h":
            case "--help":
                out.println(USAGE);
                return Cli.EXIT_OK;
            default:
                err.println("ws: unknown command '" + args[0] + "'");
                err.println(USAGE);
                return Cli.EXIT_USAGE;
        }
    }

    /**
     * Runs one command from the command line and exits with its status.
     *
     * @param args the command and its arguments
     */
    public static void main(String[] args) {
        int status = run(args, System.in, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }
}
