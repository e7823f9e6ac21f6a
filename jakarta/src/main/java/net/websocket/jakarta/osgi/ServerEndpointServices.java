package net.websocket.jakarta.osgi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpoint;

import net.websocket.api.ConnectionOverrides;
import net.websocket.api.HandshakeHook;
import net.websocket.api.Listener;
import net.websocket.api.whiteboard.WebSocketWhiteboard;
import net.websocket.jakarta.JakartaServerContainer;
import net.websocket.jakarta.internal.Deployment;
import net.websocket.jakarta.internal.JakartaHandshake;
import net.websocket.jakarta.internal.Registration;
import net.websocket.jakarta.internal.SessionListener;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceObjects;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * Serves {@code @ServerEndpoint} objects registered as OSGi services the way Pax Web's whiteboard takes them (the
 * service property {@value #WEBSOCKET}{@code =true}, or {@value #WEBSOCKET_LEGACY}{@code =true}, under any service
 * interface, {@code Object} included) on the servers of the net.websocket whiteboard, so that an endpoint moves from
 * Karaf's web stack without a change.
 *
 * <p>For each such service whose object's class carries {@link ServerEndpoint}, it registers one endpoint service of
 * the whiteboard: a {@link Listener} with {@value WebSocketWhiteboard#PATH} set to the endpoint's path template as a
 * regular expression, {@value WebSocketWhiteboard#SUBPROTOCOL} to its subprotocols, {@value WebSocketWhiteboard#NONE}
 * and {@value WebSocketWhiteboard#ANY} (whatever a client offers, as on the container's own server: the configurator
 * chooses), and the service's {@code service.ranking} and {@value WebSocketWhiteboard#SERVER}
 * copied. One {@link HandshakeHook} service, at the paths of all these endpoints, runs the Jakarta part of the
 * handshake ({@link JakartaHandshake}: path parameters, the configurator, the message size). The whiteboard thus
 * serves them on every server with whatever protocol variants are there, and follows the variants' coming and going.
 *
 * <p>Instances: the service object serves every session, as Pax Web does (it takes the service object and hands it
 * to the container for all sessions); for a service of prototype scope each session gets its own instance
 * ({@link ServiceObjects}), given back when the session closes. When the service goes away, its sessions are closed
 * with 1001 and its route is gone.
 *
 * <p>It lives in a package of its own, beside the container it uses ({@link JakartaServerContainer}, for the
 * sessions' defaults) and the mapping onto the runtime ({@code net.websocket.jakarta.internal}), neither of which
 * knows it. A Declarative Services component, immediate, without service or references; its descriptor
 * ({@code OSGI-INF/net.websocket.jakarta.osgi.ServerEndpointServices.xml}) is written by hand, so that the class
 * depends on no component annotation.
 */
public final class ServerEndpointServices implements ServiceTrackerCustomizer<Object, ServerEndpointServices.Served> {

    /** Pax Web's service property marking a WebSocket endpoint service. */
    public static final String WEBSOCKET = "websocket";
    /** Pax Web's older spelling of {@link #WEBSOCKET}. */
    public static final String WEBSOCKET_LEGACY = "org.ops4j.pax.web.http.whiteboard.websocket";

    private static final System.Logger LOG = System.getLogger(ServerEndpointServices.class.getName());

    private final BundleContext context;
    /** The container the sessions belong to (defaults only: it serves nothing itself). */
    private final JakartaServerContainer container = new JakartaServerContainer();
    private final Listener listener = new SessionListener(container);
    private final ServiceTracker<Object, Served> tracker;
    /** The endpoints served now (guarded by this). */
    private final Map<ServiceReference<Object>, Served> served = new HashMap<>();
    /** The Jakarta handshake over the endpoints served now, run by {@link #hookService}. */
    private volatile JakartaHandshake handshake;
    private final HandshakeHook hookService = request -> handshake.onHandshake(request);
    /** The registration of {@link #hookService}, while any endpoint is served (guarded by this). */
    private ServiceRegistration<HandshakeHook> hook;

    /** One endpoint service, as served. */
    static final class Served {
        final Registration registration;
        final ServiceRegistration<Listener> route;

        Served(Registration registration, ServiceRegistration<Listener> route) {
            this.registration = registration;
            this.route = route;
        }
    }

    /**
     * Starts tracking the endpoint services.
     *
     * @param context this bundle's context
     * @throws InvalidSyntaxException never: the filter is fixed
     */
    public ServerEndpointServices(BundleContext context) throws InvalidSyntaxException {
        this.context = context;
        this.tracker = new ServiceTracker<>(context,
                context.createFilter("(|(" + WEBSOCKET + "=true)(" + WEBSOCKET_LEGACY + "=true))"), this);
        tracker.open();
    }

    /** Stops serving them all. */
    void deactivate() {
        tracker.close();
    }

    @Override
    public Served addingService(ServiceReference<Object> reference) {
        Object service = context.getService(reference);
        if (service == null) {
            return null;
        }
        Class<?> type = service.getClass();
        if (!type.isAnnotationPresent(ServerEndpoint.class)) {
            LOG.log(System.Logger.Level.WARNING, "the WebSocket service " + reference + " is no @ServerEndpoint: "
                    + type.getName());
            context.ungetService(reference);
            return null;
        }
        Supplier<Object> instances = () -> service;
        Consumer<Object> release = instance -> { };
        if (Constants.SCOPE_PROTOTYPE.equals(reference.getProperty(Constants.SERVICE_SCOPE))) {
            ServiceObjects<Object> objects = context.getServiceObjects(reference);
            instances = objects::getService;
            release = objects::ungetService;
        }
        try {
            return serve(reference, Deployment.ofAnnotated(type, instances), release);
        } catch (DeploymentException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot serve the WebSocket service " + reference + ": " + e, e);
            context.ungetService(reference);
            return null;
        }
    }

    private synchronized Served serve(ServiceReference<Object> reference, Deployment deployment,
            Consumer<Object> release) throws DeploymentException {
        for (Served s : served.values()) {
            if (s.registration.path().equivalent(deployment.path())) {
                throw new DeploymentException("another endpoint is at " + s.registration.path());
            }
        }
        Registration r = deployment.register(container.getDefaultMaxTextMessageBufferSize(),
                container.getDefaultMaxBinaryMessageBufferSize());
        r.releaseInstancesWith(release);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(WebSocketWhiteboard.PATH, r.path().regex().pattern());
        List<String> subprotocols = new ArrayList<>(r.config().getSubprotocols());
        subprotocols.add(WebSocketWhiteboard.NONE);
        subprotocols.add(WebSocketWhiteboard.ANY); // whatever is offered: the configurator chooses (3.1.2)
        props.put(WebSocketWhiteboard.SUBPROTOCOL, subprotocols.toArray(String[]::new));
        for (String copied : List.of(Constants.SERVICE_RANKING, WebSocketWhiteboard.SERVER)) {
            Object v = reference.getProperty(copied);
            if (v != null) {
                props.put(copied, v);
            }
        }
        served.put(reference, new Served(r, null));
        try {
            updateHook(); // the hook first: a connection routed to the endpoint finds its handshake state
            Served s = new Served(r, context.registerService(Listener.class, listener, props));
            served.put(reference, s);
            return s;
        } catch (RuntimeException e) {
            served.remove(reference);
            updateHook();
            throw e;
        }
    }

    @Override
    public void modifiedService(ServiceReference<Object> reference, Served s) {
        // the path and subprotocols are the class's; ranking and servers are read when the service comes
    }

    @Override
    public void removedService(ServiceReference<Object> reference, Served s) {
        synchronized (this) {
            if (s.route != null) {
                unregister(s.route); // the route first (the whiteboard closes its connections with 1001), then the hook
            }
            served.remove(reference);
            updateHook();
        }
        context.ungetService(reference);
    }

    /** Points the hook at the endpoints served now, at their paths; none: no hook (guarded by this). */
    private void updateHook() {
        List<Registration> registrations = new ArrayList<>();
        for (Served s : served.values()) {
            registrations.add(s.registration);
        }
        registrations.sort(Comparator.comparing(Registration::path));
        if (registrations.isEmpty()) {
            if (hook != null) {
                unregister(hook);
                hook = null;
            }
            return;
        }
        handshake = new JakartaHandshake(registrations, HandshakeHook.ACCEPT_ALL,
                ConnectionOverrides.builder().build());
        StringJoiner paths = new StringJoiner("|");
        for (Registration r : registrations) {
            paths.add("(?:" + r.path().regex().pattern() + ")");
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(WebSocketWhiteboard.PATH, paths.toString());
        // first, so that the connection's state is the Jakarta handshake's (the whiteboard takes the first one)
        props.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE);
        if (hook == null) {
            hook = context.registerService(HandshakeHook.class, hookService, props);
        } else {
            try {
                hook.setProperties(props);
            } catch (IllegalStateException gone) {
                // this bundle is stopping: its services are gone already
            }
        }
    }

    private static void unregister(ServiceRegistration<?> r) {
        try {
            r.unregister();
        } catch (IllegalStateException gone) {
            // this bundle is stopping: its services are gone already
        }
    }
}
