package net.websocket.jakarta.internal;

import java.util.Map;

import net.websocket.api.ServiceMapper;

/**
 * The endpoint an application named for one upgrade ({@code ServerContainer#upgradeHttpToWebSocket}, Jakarta
 * WebSocket 2.1, its Javadoc): while the hosting server decides that request's handshake on the calling thread, the
 * container's routes and its handshake hook serve this endpoint, with the path parameters the application gave,
 * whatever the request's path.
 */
public final class GivenEndpoint {

    private static final ThreadScope<GivenEndpoint> CURRENT = new ThreadScope<>();

    final Registration registration;
    final Map<String, String> pathParameters;
    private final ServiceMapper routes;

    /**
     * The endpoint of one upgrade.
     *
     * @param registration   the endpoint as served
     * @param pathParameters its path parameters
     * @param routes         the one route (any path) that leads to it
     */
    public GivenEndpoint(Registration registration, Map<String, String> pathParameters, ServiceMapper routes) {
        this.registration = registration;
        this.pathParameters = Map.copyOf(pathParameters);
        this.routes = routes;
    }

    /** An action that may throw. */
    @FunctionalInterface
    public interface Action<X extends Exception> {
        /**
         * Runs.
         *
         * @throws X as it fails
         */
        void run() throws X;
    }

    /**
     * Runs {@code action} with this endpoint as the one for handshakes decided on this thread meanwhile.
     *
     * @param action what upgrades the request
     * @param <X>    what it may throw
     * @throws X as the action fails
     */
    public <X extends Exception> void during(Action<X> action) throws X {
        CURRENT.during(this, action);
    }

    /** {@return the endpoint given for the handshake on this thread, or {@code null}} */
    public static GivenEndpoint current() {
        return CURRENT.current();
    }

    /** {@return the route to the given endpoint} */
    public ServiceMapper routes() {
        return routes;
    }
}
