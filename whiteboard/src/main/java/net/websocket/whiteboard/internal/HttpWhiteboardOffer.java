package net.websocket.whiteboard.internal;

import java.lang.System.Logger.Level;
import java.util.Hashtable;
import java.util.List;

import net.websocket.api.whiteboard.WebSocketWhiteboard;
import net.websocket.upgrade.UpgradeServer;
import net.websocket.whiteboard.WhiteboardConfiguration;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * A server on the OSGi HTTP whiteboard's port offered as an {@link UpgradeServer} service, which the bundle
 * {@code net.websocket.whiteboard.http} publishes as a servlet. The service's properties are the server's name, its
 * configuration's PID, its servlet patterns and its servlet context select. Patterns not configured are those
 * covering its endpoints' paths ({@link ServletPatterns}) and follow them: {@link #refresh()} after the routes
 * changed updates the properties, and a server without any pattern (no endpoints) is not offered until it has one.
 */
final class HttpWhiteboardOffer {

    private final BundleContext context;
    private final ServerHandle server;
    private final ServerSettings.HttpWhiteboard http;
    private ServiceRegistration<UpgradeServer> registration;
    private List<String> offered = List.of();
    private boolean withdrawn;

    /**
     * @param context the bundle context to register the service with
     * @param server  a hosted server that runs
     * @param http    its place on the HTTP whiteboard; no patterns: those covering its routes
     */
    HttpWhiteboardOffer(BundleContext context, ServerHandle server, ServerSettings.HttpWhiteboard http) {
        this.context = context;
        this.server = server;
        this.http = http;
    }

    /** {@return the servlet patterns the server is offered at now: configured, or covering its routes} */
    List<String> patterns() {
        return http.patterns().isEmpty() ? ServletPatterns.covering(server.mapper().pathPatterns()) : http.patterns();
    }

    /** {@return the servlet patterns of the offer as registered now; empty while not offered} */
    synchronized List<String> offered() {
        return registration == null ? List.of() : offered;
    }

    /** {@return the servlet context select filter of the offer, or {@code null} for the default context} */
    String contextSelect() {
        return http.contextSelect();
    }

    /** Offers the server, or updates the offer's patterns after its routes changed; withdraws it with no pattern. */
    synchronized void refresh() {
        if (withdrawn) {
            return;
        }
        List<String> patterns = patterns();
        if (patterns.equals(offered) && (registration != null) == !patterns.isEmpty()) {
            return;
        }
        offered = patterns;
        if (patterns.isEmpty()) {
            unregister();
            return;
        }
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(WebSocketWhiteboard.SERVER, server.name());
        if (server.pid() != null) {
            p.put(WhiteboardConfiguration.SERVER_PID, server.pid());
        }
        p.put(WhiteboardConfiguration.HTTP_WHITEBOARD_PATTERN, patterns.toArray(String[]::new));
        if (http.contextSelect() != null) {
            p.put(WhiteboardConfiguration.HTTP_WHITEBOARD_CONTEXT_SELECT, http.contextSelect());
        }
        if (registration == null) {
            registration = context.registerService(UpgradeServer.class, server.hosted(), p);
        } else {
            registration.setProperties(p);
        }
        WhiteboardRuntime.LOG.log(Level.INFO, "WebSocket server " + server.name()
                + " offered to the HTTP whiteboard at " + patterns);
    }

    /** Withdraws the offer for good (the server is stopping). */
    synchronized void withdraw() {
        withdrawn = true;
        unregister();
    }

    private void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // unregistered already (bundle stopping)
            }
            registration = null;
        }
    }
}
