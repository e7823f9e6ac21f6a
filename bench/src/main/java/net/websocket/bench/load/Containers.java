package net.websocket.bench.load;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The servers of the module {@code bench/containers}, which run only when {@code --servers} names them: our echo
 * through {@code WebSocketServlet} in embedded Jetty 12.1, Tomcat 11 and Undertow 2.3 ({@code ours-jetty},
 * {@code ours-tomcat}, {@code ours-undertow}), Tomcat's own WebSocket ({@code tomcat}; Jetty's own is the suite's
 * {@code jetty}), and one Jakarta echo endpoint, the examples' {@code JakartaEcho}, on our runtime, on Tomcat and on
 * Jetty ({@code jakarta-ours}, {@code jakarta-tomcat}, {@code jakarta-jetty}). The containers cannot share a class
 * path (Tomcat's jars carry their own copies of the Servlet and Jakarta WebSocket APIs; each Jakarta implementation
 * registers its default configurator with {@code ServiceLoader}): that module's build copies its dependencies once
 * per container, each without the others', and every server runs in a JVM of its own on that module's classes and
 * its container's copy.
 */
final class Containers {

    /**
     * A server of the module.
     *
     * @param name      its name in reports, logs and {@code --servers}
     * @param mainClass its main class, in {@code net.websocket.bench.containers}
     * @param libraries the directory of its container's class path in {@code bench/containers/target}
     * @param path      the request path of its echo
     */
    record Server(String name, String mainClass, String libraries, String path) {
    }

    /** Every server of the module, in the order of the class's description. */
    static final List<Server> SERVERS = List.of(
            new Server("ours-jetty", "OursJettyEchoServer", "lib-jetty", "/echo"),
            new Server("ours-tomcat", "OursTomcatEchoServer", "lib-tomcat", "/echo"),
            new Server("ours-undertow", "OursUndertowEchoServer", "lib-undertow", "/echo"),
            new Server("tomcat", "TomcatEchoServer", "lib-tomcat", "/echo"),
            new Server("jakarta-ours", "JakartaOursEchoServer", "lib-ours", "/jakarta-echo"),
            new Server("jakarta-tomcat", "JakartaTomcatEchoServer", "lib-tomcat", "/jakarta-echo"),
            new Server("jakarta-jetty", "JakartaJettyEchoServer", "lib-jetty", "/jakarta-echo"));

    /** Their names, in the same order. */
    static final List<String> NAMES = SERVERS.stream().map(Server::name).toList();

    /**
     * The comparisons the report gives as ratios when a run has both servers: ours in each container against that
     * container's own WebSocket (Jetty's core API, Tomcat's Jakarta one) and against ours on its own port; the one
     * Jakarta endpoint on our runtime against it on Tomcat and Jetty, and against our own API.
     */
    static final List<String[]> PAIRS = List.of(
            new String[] {"ours-jetty", "jetty"}, new String[] {"ours-tomcat", "tomcat"},
            new String[] {"ours-jetty", "ours"}, new String[] {"ours-tomcat", "ours"},
            new String[] {"ours-undertow", "ours"}, new String[] {"jakarta-ours", "jakarta-tomcat"},
            new String[] {"jakarta-ours", "jakarta-jetty"}, new String[] {"jakarta-ours", "ours"});

    /** The package of their main classes. */
    static final String PACKAGE = "net.websocket.bench.containers.";

    private Containers() {
    }

    /** The server called {@code name}, or {@code null} when none of this module is. */
    static Server get(String name) {
        return SERVERS.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * The server's class path: {@code bench/containers/target/classes} and every jar of its container's directory
     * there, found from this module's build directory (this class is loaded from {@code bench/target/classes}).
     *
     * @throws IllegalStateException if they are missing (that module was not built with Maven; bench/run builds it)
     */
    static String classPath(Server server) {
        Path here;
        try {
            here = Path.of(Containers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path target = here.toAbsolutePath().getParent().getParent().resolve("containers").resolve("target");
        Path classes = target.resolve("classes");
        Path lib = target.resolve(server.libraries());
        if (!Files.isDirectory(classes) || !Files.isDirectory(lib)) {
            throw new IllegalStateException(lib + " is missing: build bench/containers with Maven (bench/run does)");
        }
        return classes + File.pathSeparator + lib + File.separator + "*";
    }
}
