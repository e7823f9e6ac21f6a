package net.websocket.whiteboard.http;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.Servlet;

import net.websocket.api.whiteboard.WebSocketWhiteboard;
import net.websocket.upgrade.UpgradeServer;
import net.websocket.whiteboard.WhiteboardConfiguration;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

/**
 * Publishes every {@link UpgradeServer} service of the WebSocket whiteboard (a server configured with
 * {@value WhiteboardConfiguration#HTTP_WHITEBOARD}) as a servlet on the OSGi Servlet Whiteboard: a
 * {@link HostedServlet} service with the server's {@value WhiteboardConfiguration#HTTP_WHITEBOARD_PATTERN} as
 * {@value HttpWhiteboardConstants#HTTP_WHITEBOARD_SERVLET_PATTERN}, its
 * {@value WhiteboardConfiguration#HTTP_WHITEBOARD_CONTEXT_SELECT} as
 * {@value HttpWhiteboardConstants#HTTP_WHITEBOARD_CONTEXT_SELECT}, the name {@code websocket:NAME} and the
 * property {@value WebSocketWhiteboard#SERVER}. The server reads the whiteboard's routes and variants at every
 * handshake, so endpoints and variants that come and go are served as on a server with a socket of its own. When the
 * server goes (its configuration changed or deleted, the whiteboard stopping) its servlet is withdrawn; when its
 * patterns change (those of the server {@code http-whiteboard} follow its endpoints' paths) a new servlet replaces
 * it.
 */
@Component(service = {}, immediate = true)
public final class HttpWhiteboardServers {

    static final Logger LOG = System.getLogger("net.websocket.whiteboard.http");

    private final BundleContext context;
    private final Map<UpgradeServer, ServiceRegistration<Servlet>> servlets = new IdentityHashMap<>();
    private boolean active = true;

    /**
     * The component, which registers its servlets in the name of its bundle.
     *
     * @param context its bundle's context
     */
    @Activate
    public HttpWhiteboardServers(BundleContext context) {
        this.context = context;
    }

    @Reference(name = "server", service = UpgradeServer.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeServer", updated = "updateServer")
    synchronized void addServer(UpgradeServer server, Map<String, Object> props) {
        if (!active) {
            return;
        }
        String name = String.valueOf(props.get(WebSocketWhiteboard.SERVER));
        Hashtable<String, Object> p = new Hashtable<>();
        List<String> patterns = strings(props.get(WhiteboardConfiguration.HTTP_WHITEBOARD_PATTERN));
        p.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN,
                (patterns.isEmpty() ? List.of("/*") : patterns).toArray(String[]::new));
        p.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, "websocket:" + name);
        p.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_ASYNC_SUPPORTED, Boolean.TRUE);
        Object select = props.get(WhiteboardConfiguration.HTTP_WHITEBOARD_CONTEXT_SELECT);
        if (select != null) {
            p.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT, select.toString());
        }
        p.put(WebSocketWhiteboard.SERVER, name);
        servlets.put(server, context.registerService(Servlet.class, new HostedServlet(server, name), p));
        LOG.log(Level.INFO, "WebSocket server " + name + " published on the HTTP whiteboard at " + patterns);
    }

    /**
     * The server's patterns or context changed (its endpoints' paths did): the new servlet is registered before the
     * old one is withdrawn, so that no handshake finds none meanwhile; both serve through the same server, whose open
     * connections are not the servlet's and stay.
     */
    synchronized void updateServer(UpgradeServer server, Map<String, Object> props) {
        ServiceRegistration<Servlet> old = servlets.remove(server);
        addServer(server, props);
        unregister(old);
    }

    synchronized void removeServer(UpgradeServer server) {
        unregister(servlets.remove(server));
    }

    private static void unregister(ServiceRegistration<Servlet> r) {
        if (r != null) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // unregistered already (bundle stopping)
            }
        }
    }

    @Deactivate
    synchronized void deactivate() {
        active = false;
        for (UpgradeServer s : List.copyOf(servlets.keySet())) {
            removeServer(s);
        }
    }

    /** A String or String[] (or collection) property as a list. */
    private static List<String> strings(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof String[] a) {
            return List.of(a);
        }
        if (v instanceof Iterable<?> i) {
            List<String> out = new ArrayList<>();
            i.forEach(o -> out.add(String.valueOf(o)));
            return out;
        }
        return List.of(v.toString());
    }
}
