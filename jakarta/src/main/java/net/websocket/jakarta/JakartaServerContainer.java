package net.websocket.jakarta;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import net.websocket.api.ConnectionOverrides;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketServer;
import net.websocket.api.spi.ExtensionFactory;
import net.websocket.jakarta.internal.ClientContainer;
import net.websocket.jakarta.internal.ContainerDefaults;
import net.websocket.jakarta.internal.CurrentHostRequest;
import net.websocket.jakarta.internal.Deployment;
import net.websocket.jakarta.internal.Extensions;
import net.websocket.jakarta.internal.GivenEndpoint;
import net.websocket.jakarta.internal.JakartaHandshake;
import net.websocket.jakarta.internal.Registration;
import net.websocket.jakarta.internal.SessionListener;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ClientOptions;
import net.websocket.runtime.ServerOptions;
import net.websocket.runtime.VariantSource;
import net.websocket.upgrade.UpgradeServer;

/**
 * A Jakarta WebSocket 2.1 {@link ServerContainer} standalone on the net.websocket runtime. Endpoints are added first
 * (the deployment phase), then {@link #start} serves them all on one server of the runtime:
 *
 * <pre>{@code
 * JakartaServerContainer container = JakartaServerContainer.serve(
 *         ServerOptions.builder().port(8080).build(), ChatEndpoint.class);
 * ...
 * container.close();
 * }</pre>
 *
 * <p>Each endpoint is a route of the server's {@link ServiceMapper} (its path template as a regular expression, with
 * one {@link ServiceMapper#any} entry), served by a {@link net.websocket.api.Listener} that maps the connection's
 * events onto the endpoint's session; a handshake hook runs the endpoint's configurator, which chooses the
 * subprotocol and the extensions. docs/JAKARTA.md gives the whole
 * mapping. The listener takes messages in parts ({@link net.websocket.api.Listener.Partial}), so partial and
 * stream handlers get them as they arrive, of any size; the sessions' message buffer sizes (the container's
 * defaults, {@link ConnectionSettings#maxMessageSize()} when none was set) limit the messages a session joins for
 * a whole handler (1009 beyond). The session idle timeout maps onto {@link ConnectionSettings#idleTimeout()} (0, the default, leaves the options'
 * idle timeout in force). {@code connectToServer} connects as a {@link JakartaClientContainer} with this
 * container's defaults does.
 *
 * <p>Inside a servlet container, {@link #startHosted} serves the endpoints on the container's port instead, through
 * the servlet module's upgrade; the {@code net.websocket.jakarta.servlet} module's initializer does that for each web
 * application, and {@link #upgradeHttpToWebSocket} then works as well.
 */
public final class JakartaServerContainer implements ServerContainer, AutoCloseable {

    private final List<Deployment> deployments = new ArrayList<>();
    private final ContainerDefaults defaults = new ContainerDefaults(ConnectionSettings.defaults().maxMessageSize(),
            ConnectionSettings.defaults().idleTimeout().toMillis());
    private WebSocketServer server;
    private UpgradeServer hosted;
    private HostUpgrade hostUpgrade;
    private SessionListener listener;
    private volatile Supplier<List<ExtensionFactory>> extensions = List::of;
    private ClientContainer client;

    /** A container without endpoints, not started. */
    public JakartaServerContainer() {
    }

    /**
     * Deploys annotated endpoint classes and serves them.
     *
     * @param options   the server's address, limits and policies
     * @param endpoints the {@code @ServerEndpoint} classes
     * @return the started container
     * @throws DeploymentException if a class is not a valid endpoint, or two have the same path
     * @throws IOException if the server cannot bind its address
     */
    public static JakartaServerContainer serve(ServerOptions options, Class<?>... endpoints)
            throws DeploymentException, IOException {
        JakartaServerContainer c = new JakartaServerContainer();
        for (Class<?> e : endpoints) {
            c.addEndpoint(e);
        }
        c.start(options);
        return c;
    }

    /**
     * Adds an annotated endpoint, configured by its {@link ServerEndpoint} annotation.
     *
     * @throws DeploymentException if the class is not an annotated endpoint, breaks the specification's rules, has
     *                             the path of another endpoint, or the container has started
     */
    @Override
    public synchronized void addEndpoint(Class<?> endpointClass) throws DeploymentException {
        deploy(Deployment.ofAnnotated(endpointClass));
    }

    /**
     * Adds a programmatic endpoint (a subclass of {@link Endpoint}) or an annotated one, with this configuration.
     *
     * @throws DeploymentException if the configuration's class is neither, the path is taken, or the container
     *                             has started
     */
    @Override
    public synchronized void addEndpoint(ServerEndpointConfig config) throws DeploymentException {
        deploy(Deployment.of(config));
    }

    private void deploy(Deployment d) throws DeploymentException {
        if (started()) {
            throw new DeploymentException("endpoints are added before the container starts");
        }
        for (Deployment e : deployments) {
            if (e.path().equivalent(d.path())) {
                throw new DeploymentException("two endpoints at " + d.path() + " and " + e.path());
            }
        }
        deployments.add(d);
    }

    /**
     * Starts serving the endpoints added so far on a new server of the runtime. The server's handshake hook is the
     * container's, which runs the options' own hook first.
     *
     * @param options the server's address, limits and policies
     * @return the running server
     * @throws IOException if the server cannot bind its address
     * @throws IllegalStateException if the container has started already
     */
    public synchronized WebSocketServer start(ServerOptions options) throws IOException {
        Served s = prepare(options, "");
        server = WebSockets.serve(s.options(), s.routes());
        return server;
    }

    /**
     * Starts serving the endpoints added so far on another HTTP server's port (a servlet container's): the returned
     * server decides the handshakes the hosting server hands it and runs their connections; the endpoints' paths are
     * relative to {@code contextPath}. {@link #upgradeHttpToWebSocket} works from then on, through {@code upgrade}.
     * The servlet container initializer of the {@code net.websocket.jakarta.servlet} module calls this.
     *
     * @param options     the server's limits and policies (what concerns sockets is the hosting server's)
     * @param contextPath the path the web application's requests start with, {@code ""} for the root
     * @param upgrade     how the hosting server upgrades one of its requests through the returned server
     * @return the running server
     * @throws IllegalStateException if the container has started already, or no protocol variant is found
     */
    public synchronized UpgradeServer startHosted(ServerOptions options, String contextPath, HostUpgrade upgrade) {
        Objects.requireNonNull(upgrade, "upgrade");
        VariantSource variants = VariantSource.serviceLoader();
        if (variants.variants().isEmpty()) {
            throw new IllegalStateException("No WebSocket protocol variant found: put net.websocket:net.websocket"
                    + ".rfc6455 (module net.websocket.rfc6455) on the class path or module path");
        }
        Served s = prepare(options, Objects.requireNonNull(contextPath, "contextPath"));
        ServiceMapper registered = s.routes();
        hosted = UpgradeServer.start(s.options(), () -> {
            GivenEndpoint given = GivenEndpoint.current();
            return given != null ? given.routes() : registered;
        }, variants);
        hostUpgrade = upgrade;
        return hosted;
    }

    /** The options and routes a server of this container is started with. */
    private record Served(ServerOptions options, ServiceMapper routes) {
    }

    private Served prepare(ServerOptions options, String contextPath) {
        Objects.requireNonNull(options, "options");
        if (started()) {
            throw new IllegalStateException("the container has started already");
        }
        defaults.runtime(options.connection().maxMessageSize(), options.connection().idleTimeout().toMillis());
        extensions = options.extensions();
        List<Deployment> sorted = new ArrayList<>(deployments);
        sorted.sort(Comparator.comparing(Deployment::path));
        List<Registration> registrations = new ArrayList<>();
        ServiceMapper.Builder mapper = ServiceMapper.builder();
        listener = new SessionListener(this);
        String prefix = contextPath.isEmpty() ? "" : Pattern.quote(contextPath);
        for (Deployment d : sorted) {
            Registration r = d.register(getDefaultMaxTextMessageBufferSize(), getDefaultMaxBinaryMessageBufferSize());
            registrations.add(r);
            String path = r.path().template().equals("/") && !prefix.isEmpty() ? "/?" : r.path().regex().pattern();
            mapper.route(Pattern.compile(prefix + path), entry());
        }
        ConnectionOverrides.Builder overrides = ConnectionOverrides.builder();
        if (defaults.sessionIdleTimeoutSet() > 0) {
            overrides.set(ConnectionSettings.IDLE_TIMEOUT, Duration.ofMillis(defaults.sessionIdleTimeoutSet()));
        }
        ServerOptions served = options.toBuilder()
                .handshakeHook(new JakartaHandshake(registrations, options.handshakeHook(), overrides.build(),
                        contextPath, extensions))
                .build();
        return new Served(served, mapper.build());
    }

    /** Any offer, or none: the configurator chooses the subprotocol in the handshake hook (3.1.2). */
    private ServiceMapper.RouteEntry entry() {
        return ServiceMapper.any(listener);
    }

    private boolean started() {
        return server != null || hosted != null;
    }

    /**
     * {@return whether a deployed endpoint's path template matches {@code path}, the request's path relative to the
     * context path: the request is this container's to upgrade}
     *
     * @param path a request path, not percent-decoded
     */
    public synchronized boolean hasEndpointAt(String path) {
        Objects.requireNonNull(path, "path");
        for (Deployment d : deployments) {
            if (d.path().match(path) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * How a hosting HTTP server (a servlet container) upgrades one of its requests through the server
     * {@link #startHosted} returned: it hands the request to that server's handshake and, if accepted, switches
     * protocols, all on the calling thread.
     */
    @FunctionalInterface
    public interface HostUpgrade {
        /**
         * Upgrades a request, or answers its refusal.
         *
         * @param request  the hosting server's request ({@code jakarta.servlet.http.HttpServletRequest})
         * @param response its response ({@code jakarta.servlet.http.HttpServletResponse})
         * @throws IOException if the response cannot be written
         */
        void upgrade(Object request, Object response) throws IOException;
    }

    /**
     * Decides, on the calling thread, the handshakes of the hosted server ({@link #startHosted}) that {@code action}
     * asks for, as handshakes of a request the hosting server knows {@code request} of: the user it authenticated,
     * the roles and the HTTP session, which the configurators' {@code modifyHandshake} then sees in its
     * {@code HandshakeRequest} and the session keeps ({@code Session#getUserPrincipal}). The
     * {@code net.websocket.jakarta.servlet} module calls this around every upgrade it hands the server.
     *
     * @param request what the hosting server knows of the request
     * @param action  what hands the request to the hosted server (its {@code UpgradeServer#handshake})
     * @param <X>     what the action may throw
     * @throws X as the action fails
     */
    public static <X extends Exception> void handshakeHosted(HostRequest request, HostedAction<X> action) throws X {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(action, "action");
        new CurrentHostRequest(request.userPrincipal(), request::isUserInRole, request::httpSession)
                .during(action::run);
    }

    /**
     * What {@link #handshakeHosted} runs: the hosting server's upgrade of one request.
     *
     * @param <X> what it may throw
     */
    @FunctionalInterface
    public interface HostedAction<X extends Exception> {
        /**
         * Runs.
         *
         * @throws X as it fails
         */
        void run() throws X;
    }

    /** {@return the running server, or {@code null} before {@link #start}} */
    public synchronized WebSocketServer server() {
        return server;
    }

    /**
     * Stops the server, if started: open sessions are closed with 1001 (going away), those this container opened as
     * a client too.
     */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
        }
        if (hosted != null) {
            hosted.close();
        }
        if (client != null) {
            client.close();
        }
    }

    /**
     * Upgrades a request of the hosting servlet container to a session of the endpoint {@code sec} describes, with
     * {@code pathParameters} as its path parameters, whatever the request's path (Jakarta WebSocket 2.1, the Javadoc of
     * {@link ServerContainer}): a request that is not a valid opening handshake is answered with the refusal's status. Only a container
     * started with {@link #startHosted} (inside a servlet container) can.
     *
     * @throws DeploymentException if the container is not hosted in a servlet container, or {@code sec} is not a
     *                             valid endpoint configuration
     */
    @Override
    public void upgradeHttpToWebSocket(Object httpServletRequest, Object httpServletResponse,
            ServerEndpointConfig sec, Map<String, String> pathParameters) throws IOException, DeploymentException {
        HostUpgrade upgrade;
        Registration r;
        synchronized (this) {
            upgrade = hostUpgrade;
            if (upgrade == null) {
                throw new DeploymentException("this container serves on its own runtime, not inside a servlet"
                        + " container");
            }
            r = Deployment.of(sec).register(getDefaultMaxTextMessageBufferSize(),
                    getDefaultMaxBinaryMessageBufferSize());
        }
        ServiceMapper routes = ServiceMapper.builder().route(Pattern.compile(".*"), entry()).build();
        new GivenEndpoint(r, pathParameters == null ? Map.of() : pathParameters, routes)
                .during(() -> upgrade.upgrade(httpServletRequest, httpServletResponse));
    }

    @Override
    public long getDefaultAsyncSendTimeout() {
        return defaults.asyncSendTimeout();
    }

    @Override
    public void setAsyncSendTimeout(long timeoutMillis) {
        defaults.asyncSendTimeout(timeoutMillis);
    }

    /** {@inheritDoc} Before the container starts, a value set here becomes the connections' idle timeout. */
    @Override
    public long getDefaultMaxSessionIdleTimeout() {
        return defaults.sessionIdleTimeout();
    }

    @Override
    public void setDefaultMaxSessionIdleTimeout(long timeout) {
        defaults.sessionIdleTimeout(timeout);
    }

    @Override
    public int getDefaultMaxBinaryMessageBufferSize() {
        return defaults.maxBinaryMessageBufferSize();
    }

    @Override
    public void setDefaultMaxBinaryMessageBufferSize(int max) {
        defaults.maxBinaryMessageBufferSize(max);
    }

    @Override
    public int getDefaultMaxTextMessageBufferSize() {
        return defaults.maxTextMessageBufferSize();
    }

    @Override
    public void setDefaultMaxTextMessageBufferSize(int max) {
        defaults.maxTextMessageBufferSize(max);
    }

    /**
     * {@return the extensions the server may negotiate, from its options (permessage-deflate, when present): the
     * runtime negotiates them beneath the container; none before the start}
     */
    @Override
    public Set<Extension> getInstalledExtensions() {
        return Extensions.installed(extensions.get());
    }

    /**
     * The client side of this container (a server container is a client container too, Jakarta WebSocket 2.1,
     * the Javadoc of {@link ServerContainer}): made on first use, on a client of the runtime with the default
     * options; its sessions belong to this container and take its defaults.
     */
    private synchronized ClientContainer client() {
        if (client == null) {
            ClientOptions options = ClientOptions.defaults();
            client = new ClientContainer(this, WebSockets.client(options), options.connection());
        }
        return client;
    }

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path)
            throws DeploymentException, IOException {
        return client().connectToServer(annotatedEndpointInstance, path);
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path)
            throws DeploymentException, IOException {
        return client().connectToServer(annotatedEndpointClass, path);
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return client().connectToServer(endpointInstance, cec, path);
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return client().connectToServer(endpointClass, cec, path);
    }

    @Override
    public String toString() {
        return "JakartaServerContainer" + Arrays.toString(deployments.stream().map(Deployment::path).toArray());
    }
}
