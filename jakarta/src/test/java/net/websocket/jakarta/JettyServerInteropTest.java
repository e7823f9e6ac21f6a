package net.websocket.jakarta;

import java.net.URI;

import jakarta.websocket.server.ServerEndpointConfig;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.ContainerDefaultConfigurator;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The client container against Jetty 12.1's Jakarta WebSocket server (ee10, embedded, on 127.0.0.1), which runs
 * {@link PeerServerEndpoints} with its own default configurator. It runs in the build's {@code jetty-interop} test
 * execution, whose class path has neither Tyrus nor Tomcat; elsewhere (without Jetty) it is skipped. Jetty's types
 * are only in {@link Peer}, loaded when the server starts.
 */
class JettyServerInteropTest extends ServerInteropContract {

    private static Peer peer;

    @BeforeAll
    static void startJetty() throws Exception {
        skipWithout("org.eclipse.jetty.server.Server");
        peer = new Peer();
    }

    @AfterAll
    static void stopJetty() throws Exception {
        if (peer != null) {
            peer.stop();
        }
    }

    @Override
    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + peer.port + path);
    }

    /** Jetty, started with one servlet context whose server container has the endpoints. */
    static final class Peer {
        private final Server jetty = new Server();
        private final int port;

        Peer() throws Exception {
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

        void stop() throws Exception {
            jetty.stop();
        }
    }
}
