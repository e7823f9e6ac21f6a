package net.websocket.bench.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServlet;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * Embedded Tomcat 11 (its NIO connector) on 127.0.0.1, with the accept queue, connection limit and timeout of the
 * other bench servers: with a servlet at {@code /*}, or with Tomcat's own (Jakarta) WebSocket server and endpoints.
 * Its base directory is a temporary one, deleted when the JVM stops.
 */
final class TomcatContainer {

    /** What deploys endpoints on Tomcat's {@link ServerContainer}, once its initializer has made it. */
    interface Deployer {
        void deploy(ServerContainer container) throws DeploymentException;
    }

    private TomcatContainer() {
    }

    /** Starts Tomcat with {@code servlet} at {@code /*}; returns its port. */
    static int servlet(int port, HttpServlet servlet) throws Exception {
        return start(port, context -> {
            Tomcat.addServlet(context, "websocket", servlet);
            context.addServletMappingDecoded("/*", "websocket");
        });
    }

    /**
     * Starts Tomcat's WebSocket server (its {@link WsSci}, as a web application with tomcat-embed-websocket gets it)
     * and deploys endpoints on it; message buffer sizes stay Tomcat's defaults. Returns the port.
     */
    static int websocket(int port, Deployer deployer) throws Exception {
        return start(port, context -> {
            // as in a web application: Tomcat runs filters (WsFilter upgrades) only for a request some servlet maps
            Tomcat.addServlet(context, "default", new DefaultServlet());
            context.addServletMappingDecoded("/", "default");
            context.addServletContainerInitializer(new WsSci(), null);
            // initializers run in the order added: this one finds the container WsSci made
            context.addServletContainerInitializer((classes, servletContext) -> {
                ServerContainer container = (ServerContainer) servletContext
                        .getAttribute(ServerContainer.class.getName());
                container.setDefaultMaxSessionIdleTimeout(ServerMain.IDLE_TIMEOUT_SECONDS * 1000L);
                try {
                    deployer.deploy(container);
                } catch (DeploymentException e) {
                    throw new IllegalStateException(e);
                }
            }, null);
        });
    }

    private interface Setup {
        void accept(Context context);
    }

    private static int start(int port, Setup setup) throws Exception {
        Path base = Files.createTempDirectory("bench-tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setProperty("address", ServerMain.HOST);
        connector.setPort(port);
        connector.setProperty("acceptCount", Integer.toString(ServerMain.ACCEPT_QUEUE));
        connector.setProperty("maxConnections", Integer.toString(ServerMain.MAX_CONNECTIONS));
        connector.setProperty("connectionTimeout", Integer.toString(ServerMain.IDLE_TIMEOUT_SECONDS * 1000));
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base.toString());
        setup.accept(context);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(base)));
        tomcat.start();
        return connector.getLocalPort();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort, in a JVM that is stopping
        }
    }
}
