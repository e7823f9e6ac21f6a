package net.websocket.jakarta.internal;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.HandshakeResponse;
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
        return ofAnnotated(type, null);
    }

    /**
     * An annotated endpoint configured by its {@link ServerEndpoint} annotation, whose instances are made elsewhere
     * (an OSGi service): its configurator (its own, or the container's default) does
     * all but {@code getEndpointInstance}, which takes the next instance from {@code instances}.
     *
     * @param type      the class
     * @param instances where each session's instance comes from; {@code null}: the configurator makes them
     * @return the deployment
     * @throws DeploymentException if the class is not a valid annotated endpoint
     */
    public static Deployment ofAnnotated(Class<?> type, Supplier<Object> instances) throws DeploymentException {
        ServerEndpoint a = type == null ? null : type.getAnnotation(ServerEndpoint.class);
        if (a == null) {
            throw new DeploymentException(type + " has no @ServerEndpoint annotation; a programmatic endpoint is"
                    + " added with a ServerEndpointConfig");
        }
        ServerEndpointConfig.Configurator configurator;
        if (a.configurator() != ServerEndpointConfig.Configurator.class) {
            try {
                configurator = a.configurator().getConstructor().newInstance();
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new DeploymentException("cannot make the configurator " + a.configurator().getName(), e);
            }
        } else {
            configurator = new DefaultConfigurator();
        }
        ServerEndpointConfig.Builder b = ServerEndpointConfig.Builder.create(type, a.value())
                .subprotocols(Arrays.asList(a.subprotocols()))
                .encoders(Arrays.asList(a.encoders()))
                .decoders(Arrays.asList(a.decoders()))
                .configurator(instances == null ? configurator : new GivenInstances(configurator, instances));
        return of(b.build());
    }

    /** A configurator whose endpoint instances are given; all else is its delegate's. */
    private static final class GivenInstances extends ServerEndpointConfig.Configurator {
        private final ServerEndpointConfig.Configurator delegate;
        private final Supplier<Object> instances;

        GivenInstances(ServerEndpointConfig.Configurator delegate, Supplier<Object> instances) {
            this.delegate = delegate;
            this.instances = instances;
        }

        @Override
        public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
            return delegate.getNegotiatedSubprotocol(supported, requested);
        }

        @Override
        public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
            return delegate.getNegotiatedExtensions(installed, requested);
        }

        @Override
        public boolean checkOrigin(String originHeaderValue) {
            return delegate.checkOrigin(originHeaderValue);
        }

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            delegate.modifyHandshake(sec, request, response);
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(instances.get());
        }
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
