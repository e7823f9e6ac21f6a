package net.websocket.jakarta;

import jakarta.websocket.server.ServerEndpointConfig;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.ContainerDefaultConfigurator;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The client container against Jetty 12.1's Jakarta WebSocket server (ee10, embedded, on 127.0.0.1), which runs
 * {@link PeerServerEndpoints} with its own default configurator. It runs in the build's {@code jetty-interop} test
 * execution, whose class path has neither Tyrus nor Tomcat; elsewhere (without Jetty) it is skipped. Jetty's types
 * are only in {@link JettyPeer}, loaded when the server starts.
 */
class JettyServerInteropTest extends ServerInteropContract {

    @Override
    String serverClass() {
        return "org.eclipse.jetty.server.Server";
    }

    @Override
    Peer start() throws Exception {
        return new JettyPeer();
    }

    /** Jetty, started with one servlet context whose server container has the endpoints. */
    static final class JettyPeer implements Peer {
        private final Server jetty = new Server();
        private final int port;

        JettyPeer() throws Exception {
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            jetty.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            jetty.setHandler(context);
            JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
                for (ServerEndpointConfig c : PeerServerEndpoints.configs(new ContainerDefaultConfigurator())) {
                    container.addEndpoint(c);
                }
            });
            jetty.start();
            port = connector.getLocalPort();
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public void stop() throws Exception {
            jetty.stop();
        }
    }
}
