package net.websocket.jakarta.servlet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * The rest of the test web application, as its own initializer declares it (what a web.xml or annotations would):
 * a listener that adds {@link ProgrammaticEcho} at {@code /programmatic} through the servlet context attribute, a
 * plain servlet at {@code /hello}, and one at {@code /adhoc} that upgrades with
 * {@code ServerContainer#upgradeHttpToWebSocket} to {@link ProgrammaticEcho} with the path parameter
 * {@code name} taken from the query.
 */
public final class TestWebApp implements ServletContainerInitializer {

    /** The classes a container's scan of the test web application finds for {@link JakartaServletInitializer}. */
    static final Set<Class<?>> SCANNED = Set.of(RoomEndpoint.class, ProgrammaticEcho.class);

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        context.addListener(new AddsEndpoint());
        context.addServlet("hello", new Hello()).addMapping("/hello");
        context.addServlet("adhoc", new Adhoc()).addMapping("/adhoc");
    }

    /** Adds an endpoint while the application is deployed, as the specification allows (chapter 6, programmatic deployment; the ServerContainer Javadoc). */
    public static final class AddsEndpoint implements ServletContextListener {
        @Override
        public void contextInitialized(ServletContextEvent event) {
            ServerContainer container = (ServerContainer) event.getServletContext()
                    .getAttribute("jakarta.websocket.server.ServerContainer");
            try {
                container.addEndpoint(ServerEndpointConfig.Builder.create(ProgrammaticEcho.class, "/programmatic")
                        .build());
            } catch (DeploymentException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A plain servlet beside the endpoints. */
    public static final class Hello extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            resp.setContentType("text/plain");
            resp.setContentLength(body.length);
            resp.getOutputStream().write(body);
        }
    }

    /** Upgrades through {@code ServerContainer#upgradeHttpToWebSocket} (Jakarta WebSocket 2.1, its Javadoc). */
    public static final class Adhoc extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            ServerContainer container = (ServerContainer) req.getServletContext()
                    .getAttribute("jakarta.websocket.server.ServerContainer");
            try {
                container.upgradeHttpToWebSocket(req, resp,
                        ServerEndpointConfig.Builder.create(ProgrammaticEcho.class, "/adhoc/{name}").build(),
                        Map.of("name", String.valueOf(req.getParameter("name"))));
            } catch (DeploymentException e) {
                resp.sendError(500, e.getMessage());
            }
        }
    }
}
