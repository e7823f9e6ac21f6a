package net.websocket.jakarta.servlet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * The rest of the test web application, as its own initializer declares it (what a web.xml or annotations would):
 * a listener that adds {@link ProgrammaticEcho} at {@code /programmatic} through the servlet context attribute, a
 * plain servlet at {@code /hello}, and one at {@code /adhoc} that upgrades with
 * {@code ServerContainer#upgradeHttpToWebSocket} to {@link ProgrammaticEcho} with the path parameter
 * {@code name} taken from the query; a filter that authenticates and makes an HTTP session in front of
 * {@code /secure/*}, where {@link WhoAmI} is.
 */
public final class TestWebApp implements ServletContainerInitializer {

    /** The classes a container's scan of the test web application finds for {@link JakartaServletInitializer}. */
    static final Set<Class<?>> SCANNED = Set.of(RoomEndpoint.class, ProgrammaticEcho.class, WhoAmI.class);

    /** The user {@link Authenticates} knows, with the role {@code chat}: {@code Authorization: Basic} of these. */
    static final String USER = "alice";
    static final String PASSWORD = "secret";
    static final String ROLE = "chat";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        context.addListener(new AddsEndpoint());
        FilterRegistration.Dynamic auth = context.addFilter("authenticates", new Authenticates());
        auth.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/secure/*");
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

    /**
     * The application's own authentication in front of {@code /secure/*}, before the WebSocket filter: a request the
     * container authenticated already (Tomcat's BASIC constraint) passes as it is, any other must bring
     * {@code Authorization: Basic} with {@link #USER} and {@link #PASSWORD} (401 otherwise) and goes on wrapped with
     * that user and the role {@link #ROLE}; either way the filter makes the request's HTTP session and tells its id
     * ({@link #SESSIONS}).
     */
    public static final class Authenticates extends HttpFilter {
        private static final long serialVersionUID = 1L;

        /** The ids of the HTTP sessions made, in order. */
        static final BlockingQueue<String> SESSIONS = new LinkedBlockingQueue<>();

        @Override
        protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest authenticated = req;
            if (req.getUserPrincipal() == null) {
                String expected = "Basic " + Base64.getEncoder().encodeToString(
                        (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
                if (!expected.equals(req.getHeader("Authorization"))) {
                    resp.setHeader("WWW-Authenticate", "Basic realm=\"test\"");
                    resp.sendError(401);
                    return;
                }
                Principal user = () -> USER;
                authenticated = new HttpServletRequestWrapper(req) {
                    @Override
                    public Principal getUserPrincipal() {
                        return user;
                    }

                    @Override
                    public String getRemoteUser() {
                        return USER;
                    }

                    @Override
                    public boolean isUserInRole(String role) {
                        return ROLE.equals(role);
                    }

                    @Override
                    public String getAuthType() {
                        return HttpServletRequest.BASIC_AUTH;
                    }
                };
            }
            SESSIONS.add(authenticated.getSession(true).getId());
            chain.doFilter(authenticated, resp);
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
