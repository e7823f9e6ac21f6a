package net.websocket.jakarta.servlet;

import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import net.websocket.api.ConnectionSetting;
import net.websocket.api.ConnectionSettings;
import net.websocket.jakarta.JakartaServerContainer;
import net.websocket.runtime.ServerOptions;

/**
 * Deploys a web application's Jakarta WebSocket endpoints in a servlet container (Jakarta WebSocket 2.1, chapter 6),
 * found by the container through {@code META-INF/services/jakarta.servlet.ServletContainerInitializer}. For each web
 * application it:
 * <ol>
 * <li>makes a {@link JakartaServerContainer} and puts it in the servlet context's attribute
 * {@value #SERVER_CONTAINER_ATTRIBUTE}, where the application's {@code ServletContextListener}s find it to add
 * endpoints of their own while the application is deployed;</li>
 * <li>deploys the classes the container found ({@link HandlesTypes}): if there are
 * {@link ServerApplicationConfig}s, the endpoints they choose, else every {@code @ServerEndpoint} class;</li>
 * <li>adds a filter on {@code /*} that, once the listeners have run, starts the container on the servlet container's
 * port ({@link JakartaServerContainer#startHosted}) and upgrades each WebSocket request whose path, relative to the
 * context path, is an endpoint's, through the servlet module's {@code WebSocketServlet}; every other request goes
 * down the filter chain. The filter's end (the application's undeployment) closes the sessions with 1001.</li>
 * </ol>
 * The connections' settings are the rows of {@link ConnectionSettings}, each from the context init-parameter
 * {@value #SETTING_PREFIX} followed by its name ({@code net.websocket.idleTimeout}: milliseconds for a duration),
 * else its default.
 */
@HandlesTypes({ServerEndpoint.class, ServerApplicationConfig.class, Endpoint.class})
public final class JakartaServletInitializer implements ServletContainerInitializer {

    /** The servlet context attribute that holds the web application's {@link ServerContainer}. */
    public static final String SERVER_CONTAINER_ATTRIBUTE = "jakarta.websocket.server.ServerContainer";

    /** The prefix of the context init-parameters that set a connection setting. */
    public static final String SETTING_PREFIX = "net.websocket.";

    /** The name of the filter this adds to each web application. */
    public static final String FILTER_NAME = "net.websocket.jakarta.servlet";

    /** Made by the servlet container. */
    public JakartaServletInitializer() {
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        ServerOptions options = options(context);
        JakartaServerContainer container = new JakartaServerContainer();
        try {
            deploy(classes == null ? Set.of() : classes, container);
        } catch (DeploymentException e) {
            throw new ServletException("the web application's WebSocket endpoints cannot be deployed: "
                    + e.getMessage(), e);
        }
        context.setAttribute(SERVER_CONTAINER_ATTRIBUTE, container);
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, new UpgradeFilter(container, options));
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    }

    /**
     * Deploys the classes the servlet container found, the specification's way (chapter 6, deployment in a web container): the endpoints the
     * {@link ServerApplicationConfig}s choose, if there are any, else every {@code @ServerEndpoint} class.
     * Interfaces, abstract and non-public classes are left aside.
     *
     * @param classes   what the servlet container found of the {@link HandlesTypes} types
     * @param container where to deploy
     * @throws DeploymentException if an endpoint is not valid, two share a path, or a configuration cannot be made
     */
    static void deploy(Set<Class<?>> classes, ServerContainer container) throws DeploymentException {
        List<Class<?>> found = classes.stream()
                .filter(c -> !c.isInterface() && !Modifier.isAbstract(c.getModifiers())
                        && Modifier.isPublic(c.getModifiers()))
                .sorted(Comparator.comparing(Class::getName))
                .toList();
        Set<Class<? extends Endpoint>> programmatic = new LinkedHashSet<>();
        Set<Class<?>> annotated = new LinkedHashSet<>();
        List<ServerApplicationConfig> configs = new java.util.ArrayList<>();
        for (Class<?> c : found) {
            if (ServerApplicationConfig.class.isAssignableFrom(c)) {
                configs.add(instance(c.asSubclass(ServerApplicationConfig.class)));
            }
            if (Endpoint.class.isAssignableFrom(c)) {
                programmatic.add(c.asSubclass(Endpoint.class));
            }
            if (c.isAnnotationPresent(ServerEndpoint.class)) {
                annotated.add(c);
            }
        }
        if (configs.isEmpty()) {
            for (Class<?> c : annotated) {
                container.addEndpoint(c);
            }
            return;
        }
        Set<ServerEndpointConfig> chosenConfigs = new LinkedHashSet<>();
        Set<Class<?>> chosenClasses = new LinkedHashSet<>();
        for (ServerApplicationConfig config : configs) {
            Set<ServerEndpointConfig> s = config.getEndpointConfigs(Set.copyOf(programmatic));
            if (s != null) {
                chosenConfigs.addAll(s);
            }
            Set<Class<?>> a = config.getAnnotatedEndpointClasses(Set.copyOf(annotated));
            if (a != null) {
                chosenClasses.addAll(a);
            }
        }
        for (ServerEndpointConfig s : chosenConfigs) {
            container.addEndpoint(s);
        }
        for (Class<?> c : chosenClasses) {
            container.addEndpoint(c);
        }
    }

    private static ServerApplicationConfig instance(Class<? extends ServerApplicationConfig> type)
            throws DeploymentException {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new DeploymentException("cannot make the ServerApplicationConfig " + type.getName() + ": " + e, e);
        }
    }

    /**
     * {@return the server options of a web application: each connection setting from its init-parameter, if given}
     *
     * @param context the web application's context
     * @throws ServletException if an init-parameter's value is not valid for its setting
     */
    static ServerOptions options(ServletContext context) throws ServletException {
        ServerOptions.Builder b = ServerOptions.builder();
        for (ConnectionSetting<?> s : ConnectionSettings.SETTINGS) {
            String text = context.getInitParameter(SETTING_PREFIX + s.name());
            if (text != null) {
                try {
                    set(b, s, text.trim());
                } catch (IllegalArgumentException e) {
                    throw new ServletException("context init-parameter " + SETTING_PREFIX + s.name() + ": "
                            + e.getMessage(), e);
                }
            }
        }
        return b.build();
    }

    private static <T> void set(ServerOptions.Builder b, ConnectionSetting<T> setting, String text) {
        Class<T> type = setting.type();
        Object value;
        if (type == Duration.class) {
            value = Duration.ofMillis(Long.parseLong(text));
        } else if (type == Long.class) {
            value = Long.valueOf(text);
        } else if (type == Integer.class) {
            value = Integer.valueOf(text);
        } else if (type == Boolean.class && (text.equals("true") || text.equals("false"))) {
            value = Boolean.valueOf(text);
        } else {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + text);
        }
        b.set(setting, type.cast(value));
    }
}
