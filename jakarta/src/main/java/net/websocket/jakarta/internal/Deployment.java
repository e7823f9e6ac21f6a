package net.websocket.jakarta.internal;

import java.util.Arrays;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * An endpoint added to a container that has not started: its configuration, parsed path and, for an annotated
 * class, its model, all checked when it is added (Jakarta WebSocket 2.1, sections 3.1 and 4.1).
 */
public final class Deployment {

    private final ServerEndpointConfig config;
    private final PathTemplate path;
    private final AnnotatedModel annotated;

    private Deployment(ServerEndpointConfig config, PathTemplate path, AnnotatedModel annotated) {
        this.config = config;
        this.path = path;
        this.annotated = annotated;
    }

    /**
     * An annotated endpoint configured by its {@link ServerEndpoint} annotation.
     *
     * @param type the class
     * @return the deployment
     * @throws DeploymentException if the class is not a valid annotated endpoint
     */
    public static Deployment ofAnnotated(Class<?> type) throws DeploymentException {
        ServerEndpoint a = type == null ? null : type.getAnnotation(ServerEndpoint.class);
        if (a == null) {
            throw new DeploymentException(type + " has no @ServerEndpoint annotation; a programmatic endpoint is"
                    + " added with a ServerEndpointConfig");
        }
        ServerEndpointConfig.Builder b = ServerEndpointConfig.Builder.create(type, a.value())
                .subprotocols(Arrays.asList(a.subprotocols()))
                .encoders(Arrays.asList(a.encoders()))
                .decoders(Arrays.asList(a.decoders()));
        if (a.configurator() != ServerEndpointConfig.Configurator.class) {
            try {
                b.configurator(a.configurator().getConstructor().newInstance());
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new DeploymentException("cannot make the configurator " + a.configurator().getName(), e);
            }
        } else {
            b.configurator(new DefaultConfigurator());
        }
        return of(b.build());
    }

    /**
     * An endpoint with this configuration: a subclass of {@link Endpoint}, or an annotated class.
     *
     * @param config the configuration
     * @return the deployment
     * @throws DeploymentException if the class is neither, or the path or annotations are not valid
     */
    public static Deployment of(ServerEndpointConfig config) throws DeploymentException {
        Class<?> type = config.getEndpointClass();
        PathTemplate path = PathTemplate.parse(config.getPath());
        if (Endpoint.class.isAssignableFrom(type)) {
            return new Deployment(config, path, null);
        }
        if (type.isAnnotationPresent(ServerEndpoint.class)) {
            return new Deployment(config, path, AnnotatedModel.of(type, config.getDecoders()));
        }
        throw new DeploymentException(type.getName() + " is neither an Endpoint nor annotated @ServerEndpoint");
    }

    /** {@return the endpoint's path} */
    public PathTemplate path() {
        return path;
    }

    /**
     * The endpoint as served: its message size limits are those of its {@code @OnMessage} methods, else the
     * container's defaults.
     *
     * @param defaultMaxText   the container's text message buffer size
     * @param defaultMaxBinary the container's binary message buffer size
     * @return the registration
     */
    public Registration register(int defaultMaxText, int defaultMaxBinary) {
        long text = defaultMaxText;
        long binary = defaultMaxBinary;
        if (annotated != null) {
            long t = annotated.maxMessageSize(MessageHandlers.Kind.TEXT);
            long b = annotated.maxMessageSize(MessageHandlers.Kind.BINARY);
            text = t > 0 ? t : text;
            binary = b > 0 ? b : binary;
        }
        return new Registration(config, path, annotated, text, binary);
    }
}
