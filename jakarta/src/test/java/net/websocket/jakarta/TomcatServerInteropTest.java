package net.websocket.jakarta;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.Constants;
import org.apache.tomcat.websocket.server.DefaultServerEndpointConfigurator;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * The client container against Tomcat 11's Jakarta WebSocket server (embedded, on 127.0.0.1), which runs
 * {@link PeerServerEndpoints} with its own default configurator. It runs in the build's {@code tomcat-interop} test
 * execution, whose class path has Tomcat's copy of the Jakarta WebSocket API (2.2) and neither Tyrus nor Jetty;
 * elsewhere (without Tomcat) it is skipped. Tomcat's types are only in {@link TomcatPeer}, loaded when the server
 * starts.
 */
class TomcatServerInteropTest extends ServerInteropContract {

    @Override
    String serverClass() {
        return "org.apache.catalina.startup.Tomcat";
    }

    @Override
    Peer start() throws Exception {
        return new TomcatPeer();
    }

    /** Tomcat, started with one context whose server container has the endpoints. */
    static final class TomcatPeer implements Peer {
        private final Tomcat tomcat = new Tomcat();
        private final int port;

        TomcatPeer() throws Exception {
            Path base = Files.createTempDirectory("tomcat-interop");
            tomcat.setBaseDir(base.toString());
            tomcat.setHostname("127.0.0.1");
            tomcat.getConnector().setPort(0);
            tomcat.getConnector().setProperty("address", "127.0.0.1");
            Context context = tomcat.addContext("", base.toString());
            context.addServletContainerInitializer(new WsSci(), null);
            context.addApplicationListener(Deployer.class.getName());
            Tomcat.addServlet(context, "nothing", new HttpServlet() {
                private static final long serialVersionUID = 1L;
            }).addMapping("/");
            tomcat.start();
            port = tomcat.getConnector().getLocalPort();
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public void stop() throws Exception {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    /** Deploys the endpoints when the context starts, into Tomcat's server container. */
    public static class Deployer implements ServletContextListener {
        @Override
        public void contextInitialized(ServletContextEvent event) {
            ServerContainer container = (ServerContainer) event.getServletContext()
                    .getAttribute(Constants.SERVER_CONTAINER_SERVLET_CONTEXT_ATTRIBUTE);
            try {
                for (ServerEndpointConfig c : PeerServerEndpoints.configs(new DefaultServerEndpointConfigurator())) {
                    container.addEndpoint(c);
                }
            } catch (DeploymentException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
