package net.websocket.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLContext;

import net.websocket.api.Connection;
import net.websocket.api.Message;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketServer;
import net.websocket.examples.internal.Args;
import net.websocket.examples.internal.Cli;
import net.websocket.examples.internal.Tls;
import net.websocket.examples.internal.UsageException;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ServerOptions;

/**
 * The example server: one port, several services chosen by URL path through a {@link ServiceMapper}.
 *
 * <dl>
 * <dt>{@code /echo}</dt>
 * <dd>echoes every text and binary message unchanged ({@link EchoListener}); point conformance suites here.</dd>
 * <dt>{@code /test-server}</dt>
 * <dd>a conversation ({@link TestServerHandler}): answers {@code "You said: <msg>"}, sends
 * {@code "Waited another second"} after each quiet second, and on {@code goodbye} says {@code "Goodbye!"} and
 * closes.</dd>
 * <dt>{@code /test}</dt>
 * <dd>subprotocol selection: a client that offers the subprotocol {@code subprotocol} is greeted
 * with {@code "You requested a subprotocol"} (and the handshake selects that subprotocol), one that offers none with
 * {@code "You didn't explicitly request a subprotocol"}; either way the {@code /test-server} conversation follows.
 * Offering only other subprotocols gets {@code 400 Bad Request}.</dd>
 * <dt>{@code /time}</dt>
 * <dd>sends the current time every second ({@link TimeHandler}).</dd>
 * <dt>{@code /origin-echo}</dt>
 * <dd>a blocking echo loop behind a handshake hook ({@link OriginCheck}) that refuses
 * browser pages from other origins with {@code 403}.</dd>
 * </dl>
 * Any other path gets {@code 404 Not Found}.
 *
 * <p>Run it with {@code ./ws serve [--host H] [--port N]} (default {@code 127.0.0.1:8081}; {@code --port 0} picks a
 * free port). It prints one line,
 * <pre>net.websocket example server listening on ws://127.0.0.1:8081/ (paths: /echo /test-server /test /time /origin-echo)</pre>
 * and serves until it is killed; Ctrl-C or SIGTERM close it gracefully (open connections get 1001, going away).
 * Then open {@code examples/web/client.html} in a browser, or run {@code ./ws connect ws://127.0.0.1:8081/test-server}.
 *
 * <p>With {@code --tls} ({@code ./ws serve --plain --tls}) it serves {@code wss://} with a self-signed certificate
 * made at start-up (by the JDK's {@code keytool}) for {@code localhost}, {@code 127.0.0.1}, {@code ::1} and the
 * listen host, and prints its SHA-256 fingerprint, which clients can pin:
 * <pre>
 * TLS certificate (self-signed, made at start-up) SHA-256 fingerprint: 3A:F0:...:9C
 * net.websocket example server listening on wss://127.0.0.1:8081/ (paths: ...)
 * $ ./ws connect --trust-fingerprint 3A:F0:...:9C wss://127.0.0.1:8081/test-server
 * </pre>
 *
 * <p>Public domain: copy what you like.
 */
public final class ExampleServer {
    /** The default listen address: this machine only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The default port, as in the rfc6455 examples. */
    public static final int DEFAULT_PORT = 8081;
    /** The paths served, in the order they are listed. */
    public static final List<String> PATHS = List.of("/echo", "/test-server", "/test", "/time", "/origin-echo");
    /** The subprotocol {@code /test} recognises. */
    public static final String SUBPROTOCOL = "subprotocol";
    /** {@code /test}'s greeting to a client that offered {@link #SUBPROTOCOL}. */
    public static final String WITH_SUBPROTOCOL = "You requested a subprotocol";
    /** {@code /test}'s greeting to a client that offered no subprotocol. */
    public static final String WITHOUT_SUBPROTOCOL = "You didn't explicitly request a subprotocol";
    /**
     * The largest frame and message the server accepts: 16 MiB, because conformance suites (Autobahn case 9.1.6 and
     * friends) echo messages that large. The runtime's default of 1 MiB suits servers that expect small messages.
     */
    public static final long MAX_MESSAGE_SIZE = 16L << 20;

    private static final String USAGE = "usage: ws serve [--host H] [--port N] [--tls] [--cluster redis://H:P]"
            + "   (default 127.0.0.1:8081; port 0 = any; --tls: wss:// with a self-signed certificate;"
            + " --cluster: /topic/NAME shared with every server on that broker)";

    private ExampleServer() {
    }

    /** @return the routes: path, then subprotocol, to endpoint */
    public static ServiceMapper mapper() {
        return routes().build();
    }

    /** @return the routes of {@link #mapper()}, to add more to */
    static ServiceMapper.Builder routes() {
        return ServiceMapper.builder()
                .route("/echo", ServiceMapper.none(new EchoListener()))
                .route("/test-server", ServiceMapper.none(new TestServerHandler()))
                .route("/test",
                        ServiceMapper.subprotocol(SUBPROTOCOL, new TestServerHandler(WITH_SUBPROTOCOL)),
                        ServiceMapper.none(new TestServerHandler(WITHOUT_SUBPROTOCOL)))
                .route("/time", ServiceMapper.none(new TimeHandler()))
                .route("/origin-echo", ServiceMapper.none(ExampleServer::echoUntilClosed));
    }

    /**
     * The server options: where to listen, the origin check, and limits large enough for conformance suites.
     *
     * @param host the address to listen on
     * @param port the port to listen on (0: any)
     * @return the options
     */
    public static ServerOptions options(String host, int port) {
        return ServerOptions.builder()
                .listen(host, port)
                .maxFrameSize(MAX_MESSAGE_SIZE)
                .maxMessageSize(MAX_MESSAGE_SIZE)
                .handshakeHook(new OriginCheck(Set.of("/origin-echo")))
                .build();
    }

    /**
     * Starts the example server; close the result to stop it.
     *
     * @param host the address to listen on
     * @param port the port to listen on (0: any)
     * @return the running server
     * @throws IOException if it cannot listen there
     */
    public static WebSocketServer start(String host, int port) throws IOException {
        return start(host, port, null);
    }

    /**
     * Starts the example server, serving {@code wss://} with this TLS context unless it is {@code null}.
     *
     * @param host the address to listen on
     * @param port the port to listen on (0: any)
     * @param tls  the TLS context, or {@code null} for {@code ws://}
     * @return the running server
     * @throws IOException if it cannot listen there
     */
    public static WebSocketServer start(String host, int port, SSLContext tls) throws IOException {
        return start(host, port, tls, mapper());
    }

    static WebSocketServer start(String host, int port, SSLContext tls, ServiceMapper mapper) throws IOException {
        return WebSockets.serve(options(host, port).toBuilder().tls(tls).build(), mapper);
    }

    /**
     * The line printed when the server is up.
     *
     * @param server the running server
     * @return the line
     */
    public static String banner(WebSocketServer server) {
        return banner(server, false);
    }

    private static String banner(WebSocketServer server, boolean tls) {
        return "net.websocket example server listening on " + Cli.wsBase(server.address(), tls)
                + " (paths: " + String.join(" ", PATHS) + ")";
    }

    /**
     * A blocking echo: receive, send back, until the client closes. A Handler owns its
     * connection on a thread of its own, so plain loops like this are fine.
     */
    static void echoUntilClosed(Connection c) throws IOException {
        Message m;
        while ((m = c.receive()) != null) {
            c.send(m);
        }
    }

    /** Runs the server until the JVM is told to stop; returns only on a usage error or a failure to start. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String host;
        int port;
        boolean tls;
        String cluster;
        try {
            Args a = Args.parse(args, Set.of("host", "port", "cluster"), Set.of("tls"));
            a.noPositionals();
            host = a.get("host", DEFAULT_HOST);
            port = a.getInt("port", DEFAULT_PORT, 0, 65535);
            tls = a.has("tls");
            cluster = a.get("cluster", null);
        } catch (UsageException e) {
            err.println("ws serve: " + e.getMessage());
            err.println(USAGE);
            return Cli.EXIT_USAGE;
        }
        Tls.SelfSigned cert = null;
        if (tls) {
            try {
                cert = Tls.selfSigned(host);
            } catch (IOException e) {
                err.println("ws serve: cannot make a TLS certificate: " + e.getMessage());
                return Cli.EXIT_FAILURE;
            }
            out.println("TLS certificate (self-signed, made at start-up) SHA-256 fingerprint: " + cert.fingerprint());
        }
        ServiceMapper mapper = mapper();
        if (cluster != null) {
            try {
                mapper = ClusterExample.mapper(cluster, out);
            } catch (LinkageError | RuntimeException e) {
                err.println("ws serve: --cluster " + cluster + ": " + e);
                return Cli.EXIT_FAILURE;
            }
        }
        WebSocketServer server;
        try {
            server = start(host, port, cert == null ? null : cert.context(), mapper);
        } catch (IOException | RuntimeException e) {
            err.println("ws serve: cannot listen on " + host + ":" + port + ": " + e.getMessage());
            return Cli.EXIT_FAILURE;
        }
        return serveUntilStopped(server, banner(server, tls), out);
    }

    /** Prints the banner, closes the server gracefully when the JVM shuts down, and waits until it has stopped. */
    static int serveUntilStopped(WebSocketServer server, String banner, PrintStream out) {
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ws-server-shutdown"));
        out.println(banner);
        out.flush();
        server.stopped().toCompletableFuture().join();
        return Cli.EXIT_OK;
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
