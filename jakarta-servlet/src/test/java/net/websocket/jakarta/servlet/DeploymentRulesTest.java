package net.websocket.jakarta.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;

import net.websocket.jakarta.JakartaServerContainer;
import net.websocket.runtime.ServerOptions;

/**
 * What {@link JakartaServletInitializer} deploys of the classes a scan found (Jakarta WebSocket 2.1, chapter 6, deployment in a web container),
 * and the settings it reads from the context's init-parameters.
 */
class DeploymentRulesTest {

    /** Chooses every scanned programmatic endpoint, at /scanned/NAME, and none of the annotated ones. */
    public static final class ProgrammaticOnly implements ServerApplicationConfig {
        static volatile Set<Class<?>> seenAnnotated;

        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
            return scanned.stream()
                    .map(c -> ServerEndpointConfig.Builder.create(c, "/scanned/" + c.getSimpleName()).build())
                    .collect(Collectors.toSet());
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            seenAnnotated = Set.copyOf(scanned);
            return Set.of();
        }
    }

    /** An abstract endpoint a scan finds too: never deployed, never offered to a configuration. */
    public abstract static class AbstractEndpoint extends Endpoint {
    }

    @Test
    void withoutServerApplicationConfigEveryAnnotatedEndpointAndNoProgrammaticOne() throws Exception {
        JakartaServerContainer container = new JakartaServerContainer();
        JakartaServletInitializer.deploy(new HashSet<>(Set.of(RoomEndpoint.class, ProgrammaticEcho.class,
                AbstractEndpoint.class)), container);
        assertTrue(container.hasEndpointAt("/rooms/lobby"));
        assertFalse(container.hasEndpointAt("/programmatic"));
        assertFalse(container.hasEndpointAt("/scanned/ProgrammaticEcho"));
    }

    @Test
    void serverApplicationConfigsChooseWhatIsDeployed() throws Exception {
        JakartaServerContainer container = new JakartaServerContainer();
        JakartaServletInitializer.deploy(new HashSet<>(Set.of(RoomEndpoint.class, ProgrammaticEcho.class,
                AbstractEndpoint.class, ProgrammaticOnly.class)), container);
        assertEquals(Set.of(RoomEndpoint.class), ProgrammaticOnly.seenAnnotated);
        assertTrue(container.hasEndpointAt("/scanned/ProgrammaticEcho"));
        assertFalse(container.hasEndpointAt("/scanned/AbstractEndpoint"));
        assertFalse(container.hasEndpointAt("/rooms/lobby"), "the configuration left the annotated endpoint out");
    }

    @Test
    void connectionSettingsFromInitParameters() throws Exception {
        ServerOptions options = JakartaServletInitializer.options(context(Map.of(
                "net.websocket.maxMessageSize", "4096", "net.websocket.idleTimeout", "1500",
                "net.websocket.dropIncomingPings", "true")));
        assertEquals(4096, options.connection().maxMessageSize());
        assertEquals(Duration.ofMillis(1500), options.connection().idleTimeout());
        assertTrue(options.connection().dropIncomingPings());
        assertEquals(ServerOptions.defaults().connection().closeTimeout(), options.connection().closeTimeout());
        ServletException e = assertThrows(ServletException.class,
                () -> JakartaServletInitializer.options(context(Map.of("net.websocket.maxMessageSize", "-1"))));
        assertTrue(e.getMessage().contains("net.websocket.maxMessageSize"), e.getMessage());
        assertThrows(ServletException.class,
                () -> JakartaServletInitializer.options(context(Map.of("net.websocket.dropIncomingPings", "yes"))));
    }

    /** A servlet context that answers only {@code getInitParameter}. */
    private static ServletContext context(Map<String, String> initParameters) {
        return (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getInitParameter")) {
                        return initParameters.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
