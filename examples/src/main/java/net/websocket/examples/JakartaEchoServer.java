package net.websocket.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Set;

import jakarta.websocket.DeploymentException;

import net.websocket.api.WebSocketServer;
import net.websocket.examples.internal.Args;
import net.websocket.examples.internal.Cli;
import net.websocket.examples.internal.UsageException;
import net.websocket.jakarta.JakartaServerContainer;
import net.websocket.runtime.ServerOptions;

/**
 * {@code ws serve --jakarta}: the {@link JakartaEcho} endpoint in a Jakarta server container on the runtime, with
 * the example server's limits (16 MiB frames and messages). The whole server is this:
 * <pre>{@code
 * JakartaServerContainer container = JakartaServerContainer.serve(
 *         ServerOptions.builder().listen("127.0.0.1", 8081).build(), JakartaEcho.class);
 * }</pre>
 */
public final class JakartaEchoServer {

    private static final String USAGE = "usage: ws serve --jakarta [--host H] [--port N]   (default 127.0.0.1:8081)";

    private JakartaEchoServer() {
    }

    /**
     * Starts the Jakarta echo server; close the result to stop it.
     *
     * @param host the address to listen on
     * @param port the port to listen on (0: any)
     * @return the running container
     * @throws IOException if it cannot listen there
     * @throws DeploymentException never for this endpoint
     */
    public static JakartaServerContainer start(String host, int port) throws IOException, DeploymentException {
        ServerOptions options = ServerOptions.builder()
                .listen(host, port)
                .maxFrameSize(ExampleServer.MAX_MESSAGE_SIZE)
                .maxMessageSize(ExampleServer.MAX_MESSAGE_SIZE)
                .build();
        return JakartaServerContainer.serve(options, JakartaEcho.class);
    }

    /**
     * Runs it from the command line.
     *
     * @param args {@code --host H}, {@code --port N}
     * @param out  standard output
     * @param err  standard error
     * @return the exit status
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String host;
        int port;
        try {
            Args a = Args.parse(args, Set.of("host", "port"), Set.of());
            a.noPositionals();
            host = a.get("host", ExampleServer.DEFAULT_HOST);
            port = a.getInt("port", ExampleServer.DEFAULT_PORT, 0, 65535);
        } catch (UsageException e) {
            err.println("ws serve: " + e.getMessage());
            err.println(USAGE);
            return Cli.EXIT_USAGE;
        }
        JakartaServerContainer container;
        try {
            container = start(host, port);
        } catch (IOException | DeploymentException | RuntimeException e) {
            err.println("ws serve: cannot listen on " + host + ":" + port + ": " + e.getMessage());
            return Cli.EXIT_FAILURE;
        }
        WebSocketServer server = container.server();
        Runtime.getRuntime().addShutdownHook(new Thread(container::close, "ws-jakarta-shutdown"));
        out.println("Jakarta echo server listening on " + Cli.wsBase(server.address())
                + JakartaEcho.PATH.substring(1));
        out.flush();
        server.stopped().toCompletableFuture().join();
        return Cli.EXIT_OK;
    }
}
