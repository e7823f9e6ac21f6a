package net.websocket.servlet.containers;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServlet;

import net.websocket.examples.ExampleServer;
import net.websocket.servlet.WebSocketServlet;

/**
 * The example endpoints ({@link ExampleServer#mapper()}: {@code /echo}, {@code /test-server}, {@code /time}...)
 * served by a {@link WebSocketServlet} mapped to {@code /*} in an embedded servlet container, beside a
 * {@link HelloServlet} at {@code /hello} on the same port: {@code ./ws serve --container jetty|tomcat|undertow}.
 */
public final class ContainerServer implements AutoCloseable {

    /** The embedded containers. */
    public enum Kind {
        /** Eclipse Jetty 12.1 (ee10). */
        JETTY,
        /** Apache Tomcat 11 (tomcat-embed-core). */
        TOMCAT,
        /** Undertow 2.3. */
        UNDERTOW;

        /** The kind named {@code name} (any case). */
        public static Kind of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    private static final String USAGE = "usage: ws serve --container jetty|tomcat|undertow [--host H] [--port N]"
            + "   (default 127.0.0.1:8081; port 0 = any)";

    private final Kind kind;
    private final AutoCloseable container;
    private final int port;
    private final WebSocketServlet servlet;

    private ContainerServer(Kind kind, AutoCloseable container, int port, WebSocketServlet servlet) {
        this.kind = kind;
        this.container = container;
        this.port = port;
        this.servlet = servlet;
    }

    /**
     * Starts {@code kind} on {@code host:port} with {@code ws} at {@code /*} and a {@link HelloServlet} at
     * {@code /hello}.
     */
    public static ContainerServer start(Kind kind, String host, int port, WebSocketServlet ws) throws Exception {
        HttpServlet hello = new HelloServlet();
        return switch (kind) {
            case JETTY -> Containers.jetty(host, port, ws, hello);
            case TOMCAT -> Containers.tomcat(host, port, ws, hello);
            case UNDERTOW -> Containers.undertow(host, port, ws, hello);
        };
    }

    /** The example endpoints with the example server's options in {@code kind}. */
    public static ContainerServer startExamples(Kind kind, String host, int port) throws Exception {
        return start(kind, host, port, new WebSocketServlet(ExampleServer.options(host, port), ExampleServer.mapper()));
    }

    static ContainerServer of(Kind kind, AutoCloseable container, int port, WebSocketServlet servlet) {
        return new ContainerServer(kind, container, port, servlet);
    }

    /** The port the container listens on. */
    public int port() {
        return port;
    }

    /** The container. */
    public Kind kind() {
        return kind;
    }

    /** The WebSocket servlet. */
    public WebSocketServlet servlet() {
        return servlet;
    }

    @Override
    public void close() throws Exception {
        container.close();
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Kind kind = null;
        String host = ExampleServer.DEFAULT_HOST;
        int port = ExampleServer.DEFAULT_PORT;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                out.println(USAGE);
                return 0;
            }
            if (i + 1 >= args.length || !(a.equals("--container") || a.equals("--host") || a.equals("--port"))) {
                err.println("ws serve: unknown argument or missing value: '" + a + "'");
                err.println(USAGE);
                return 2;
            }
            String v = args[++i];
            try {
                switch (a) {
                    case "--container" -> kind = Kind.of(v);
                    case "--host" -> host = v;
                    default -> {
                        port = Integer.parseInt(v);
                        if (port < 0 || port > 65535) {
                            throw new NumberFormatException();
                        }
                    }
                }
            } catch (IllegalArgumentException e) {
                err.println("ws serve: bad value for " + a + ": '" + v + "'");
                err.println(USAGE);
                return 2;
            }
        }
        if (kind == null) {
            err.println(USAGE);
            return 2;
        }
        ContainerServer s = startExamples(kind, host, port);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                s.close();
            } catch (Exception e) {
                // stopping anyway
            }
            stop.countDown();
        }));
        out.println("WebSocket example server in " + kind.name().toLowerCase(Locale.ROOT) + " on ws://"
                + (host.contains(":") ? "[" + host + "]" : host) + ":" + s.port() + " (paths "
                + String.join(" ", ExampleServer.PATHS) + "; plain servlet at /hello); Ctrl-C stops it");
        stop.await();
        return 0;
    }

    /** {@code ./ws serve --container jetty|tomcat|undertow [--host H] [--port N]}. */
    public static void main(String[] args) throws Exception {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public String toString() {
        return kind + " on " + new InetSocketAddress("127.0.0.1", port);
    }
}
