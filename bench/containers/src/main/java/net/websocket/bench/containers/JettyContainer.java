package net.websocket.bench.containers;

import jakarta.servlet.http.HttpServlet;
import jakarta.websocket.server.ServerContainer;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Embedded Jetty 12.1 (ee10) on 127.0.0.1, its connector set as the bench module's Jetty server's (accept queue,
 * idle timeout): with a servlet at {@code /*}, or with Jetty's Jakarta WebSocket server and one endpoint class.
 */
final class JettyContainer {

    private JettyContainer() {
    }

    /** Starts Jetty with {@code servlet} at {@code /*}; returns its port. */
    static int servlet(int port, HttpServlet servlet) throws Exception {
        Server server = new Server();
        ServerConnector connector = connector(server, port);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder("websocket", servlet), "/*");
        server.setHandler(context);
        server.start();
        return connector.getLocalPort();
    }

    /** Starts Jetty's Jakarta WebSocket server with the annotated {@code endpoint}; returns its port. */
    static int jakarta(int port, Class<?> endpoint) throws Exception {
        Server server = new Server();
        ServerConnector connector = connector(server, port);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            configure(container);
            container.addEndpoint(endpoint);
        });
        server.setHandler(context);
        server.start();
        return connector.getLocalPort();
    }

    /** The idle timeout of every session; message buffer sizes stay Jetty's defaults. */
    private static void configure(ServerContainer container) {
        container.setDefaultMaxSessionIdleTimeout(ServerMain.IDLE_TIMEOUT_SECONDS * 1000L);
    }

    private static ServerConnector connector(Server server, int port) {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(ServerMain.HOST);
        connector.setPort(port);
        connector.setAcceptQueueSize(ServerMain.ACCEPT_QUEUE);
        connector.setIdleTimeout(ServerMain.IDLE_TIMEOUT_SECONDS * 1000L);
        server.addConnector(connector);
        return connector;
    }
}
