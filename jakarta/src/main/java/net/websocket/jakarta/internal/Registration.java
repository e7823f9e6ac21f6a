package net.websocket.jakarta.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.websocket.server.ServerEndpointConfig;

/**
 * One deployed server endpoint: its configuration, its path template, the configurator in force (the container's
 * {@link DefaultConfigurator} where the configuration names none of its own), the model of an annotated class
 * ({@code null} for a programmatic {@code Endpoint}) and the sessions open on it now.
 */
public final class Registration {

    final ServerEndpointConfig config;
    final PathTemplate path;
    final ServerEndpointConfig.Configurator configurator;
    final AnnotatedModel annotated;
    final long maxTextMessageSize;
    final long maxBinaryMessageSize;
    final Set<JakartaSession> openSessions = ConcurrentHashMap.newKeySet();
    /**
     * Gives an endpoint instance back once its session closed: nothing for instances the configurator made, the
     * service's own release for instances of an OSGi prototype service.
     */
    volatile Consumer<Object> release = instance -> { };

    Registration(ServerEndpointConfig config, PathTemplate path, AnnotatedModel annotated, long maxText,
            long maxBinary) {
        this.config = config;
        this.path = path;
        ServerEndpointConfig.Configurator c = config.getConfigurator();
        this.configurator = c == null || c.getClass() == ServerEndpointConfig.Configurator.class
                ? new DefaultConfigurator() : c;
        this.annotated = annotated;
        this.maxTextMessageSize = maxText;
        this.maxBinaryMessageSize = maxBinary;
    }

    /** {@return the endpoint's configuration} */
    public ServerEndpointConfig config() {
        return config;
    }

    /**
     * Gives each session's endpoint instance to {@code release} once the session closed (or failed to open), as an
     * OSGi prototype service wants its instances back.
     *
     * @param release what gives an instance back
     */
    public void releaseInstancesWith(Consumer<Object> release) {
        this.release = release;
    }

    /** {@return the endpoint's path template} */
    public PathTemplate path() {
        return path;
    }

    /** {@return the largest message this endpoint takes, text or binary: the connection's message size limit} */
    public long maxMessageSize() {
        return Math.max(maxTextMessageSize, maxBinaryMessageSize);
    }
}
