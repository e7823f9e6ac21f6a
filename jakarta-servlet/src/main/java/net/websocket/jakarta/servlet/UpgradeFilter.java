package net.websocket.jakarta.servlet;

import java.io.IOException;
import java.util.Enumeration;
import java.util.Locale;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

import net.websocket.jakarta.JakartaServerContainer;
import net.websocket.runtime.ServerOptions;
import net.websocket.servlet.WebSocketServlet;
import net.websocket.upgrade.UpgradeServer;

/**
 * The filter {@link JakartaServletInitializer} adds on {@code /*}: at its start, after the application's listeners
 * have added their endpoints, it starts the container on the servlet container's port; then it hands each WebSocket
 * request ({@code GET} with {@code Upgrade: websocket}) whose path, without the context path, is an endpoint's to a
 * {@link WebSocketServlet} over the container's server, and passes every other request down the chain. It is also
 * how {@code ServerContainer#upgradeHttpToWebSocket} upgrades. The handshake knows what the servlet container knows of
 * the request: its authenticated user, roles and HTTP session. Its end closes the container (sessions get 1001).
 */
final class UpgradeFilter implements Filter {

    private final JakartaServerContainer container;
    private final ServerOptions options;
    private volatile WebSocketServlet servlet;

    UpgradeFilter(JakartaServerContainer container, ServerOptions options) {
        this.container = container;
        this.options = options;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        ServletContext context = config.getServletContext();
        UpgradeServer server;
        try {
            server = container.startHosted(options, context.getContextPath(), this::upgrade);
        } catch (RuntimeException e) {
            throw new ServletException("the Jakarta WebSocket container cannot start: " + e.getMessage(), e);
        }
        WebSocketServlet ws = new WebSocketServlet(server);
        ws.init(new ServletConfig() {
            @Override
            public String getServletName() {
                return config.getFilterName();
            }

            @Override
            public ServletContext getServletContext() {
                return context;
            }

            @Override
            public String getInitParameter(String name) {
                return config.getInitParameter(name);
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return config.getInitParameterNames();
            }
        });
        servlet = ws;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && isWebSocket(http)) {
            String path = http.getRequestURI().substring(http.getContextPath().length());
            if (container.hasEndpointAt(path.isEmpty() ? "/" : path)) {
                service(http, response);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean isWebSocket(HttpServletRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return "GET".equals(request.getMethod()) && upgrade != null
                && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }

    /** Upgrades a request the application gave {@code upgradeHttpToWebSocket}. */
    private void upgrade(Object request, Object response) throws IOException {
        WebSocketServlet ws = servlet;
        if (ws == null) {
            throw new IllegalStateException("the web application has not started yet");
        }
        try {
            service((HttpServletRequest) request, (ServletResponse) response);
        } catch (ServletException e) {
            throw new IOException(e);
        }
    }

    /**
     * Hands the request to the {@link WebSocketServlet}, whose handshake then knows the request's user, roles and
     * HTTP session ({@link ServletHostRequest}).
     */
    private void service(HttpServletRequest request, ServletResponse response) throws IOException, ServletException {
        WebSocketServlet ws = servlet;
        try {
            JakartaServerContainer.handshakeHosted(new ServletHostRequest(request),
                    () -> ws.service(request, response));
        } catch (IOException | ServletException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    @Override
    public void destroy() {
        container.close();
        WebSocketServlet ws = servlet;
        if (ws != null) {
            ws.destroy();
        }
    }
}
