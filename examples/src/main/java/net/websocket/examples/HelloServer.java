package net.websocket.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Set;

import net.websocket.api.WebSocketServer;
import net.websocket.examples.internal.Args;
import net.websocket.examples.internal.Cli;
import net.websocket.examples.internal.UsageException;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ServerOptions;

/**
 * The smallest server: every client, whatever path it asks for, receives one text message, {@code Hello world!}, and then the server
 * closes the connection normally (1000) because the handler returned.
 *
 * <p>Run it with {@code ./ws hello [--port N]}; it prints
 * {@code hello server listening on ws://127.0.0.1:8081/} and serves until killed. The whole server is this:
 * <pre>{@code
 * WebSocketServer server = WebSockets.serve(ServerOptions.builder().port(8081).build(),
 *         connection -> connection.sendText("Hello world!"));
 * }</pre>
 * Public domain.
 */
public final class HelloServer {
    /** What every client receives. */
    public static final String GREETING = "Hello world!";

    private static final String USAGE = "usage: ws hello [--host H] [--port N]   (default 127.0.0.1:8081)";

    private HelloServer() {
    }

    /**
     * Starts the hello server; close the result to stop it.
     *
     * @param host the address to listen on
     * @param port the port to listen on (0: any)
     * @return the running server
     * @throws IOException if it cannot listen there
     */
    public static WebSocketServer start(String host, int port) throws IOException {
        return WebSockets.serve(ServerOptions.builder().listen(host, port).build(),
                connection -> connection.sendText(GREETING));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String host;
        int port;
        try {
            Args a = Args.parse(args, Set.of("host", "port"), Set.of());
            a.noPositionals();
            host = a.get("host", ExampleServer.DEFAULT_HOST);
            port = a.getInt("port", ExampleServer.DEFAULT_PORT, 0, 65535);
        } catch (UsageException e) {
            err.println("ws hello: " + e.getMessage());
            err.println(USAGE);
            return Cli.EXIT_USAGE;
        }
        WebSocketServer server;
        try {
            server = start(host, port);
        } catch (IOException | RuntimeException e) {
            err.println("ws hello: cannot listen on " + host + ":" + port + ": " + e.getMessage());
            return Cli.EXIT_FAILURE;
        }
        return ExampleServer.serveUntilStopped(server,
                "hello server listening on " + Cli.wsBase(server.address()), out);
    }

    /**
     * Runs it from the command line and exits with its status.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }
}
