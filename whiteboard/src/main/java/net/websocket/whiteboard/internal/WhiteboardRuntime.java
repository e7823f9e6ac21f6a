package net.websocket.whiteboard.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import net.websocket.api.Handler;
import net.websocket.api.HandshakeHook;
import net.websocket.api.Listener;
import net.websocket.api.ServiceMapper;
import net.websocket.api.spi.ExtensionFactory;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.api.whiteboard.WebSocketWhiteboard;
import net.websocket.runtime.ServerOptions;
import net.websocket.runtime.VariantSource;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The whiteboard: tracks protocol variant, endpoint ({@link Handler}, {@link Listener}) and {@link HandshakeHook}
 * services, and keeps every server's routes and the variant list up to date.
 *
 * <ul>
 * <li>Variants are kept in ranking order (higher {@code service.ranking} first, then lower {@code service.id});
 * servers and clients read that list at every handshake, so a new or higher-ranked variant serves the next
 * handshakes. When a variant service goes away, the connections it accepted are closed with 1001; the others keep
 * running on the implementation that accepted them.</li>
 * <li>Extensions ({@link ExtensionFactory} services, e.g. permessage-deflate with {@code websocket.extension}) are
 * kept in ranking order, one per extension name; every server and client of this layer negotiates with the list
 * present at each handshake. Connections that agreed to an extension keep it if its service goes away.</li>
 * <li>Endpoints: see {@link WebSocketWhiteboard}. Each server's {@link ServiceMapper} is rebuilt whenever an endpoint
 * comes, goes or changes its properties; when one goes, its open connections are closed with 1001. While usable
 * endpoints ask for the OSGi HTTP whiteboard's port, the server {@value WebSocketWhiteboard#HTTP_WHITEBOARD_SERVER}
 * runs on demand ({@link OnDemandHttpServer}).</li>
 * </ul>
 * Service events are handled synchronously (greedy dynamic references), so a handshake that starts after a
 * registration returns already sees it.
 */
@Component(service = WhiteboardRuntime.class, immediate = true)
@Capability(namespace = "osgi.implementation", name = WebSocketWhiteboard.IMPLEMENTATION,
        version = WebSocketWhiteboard.VERSION)
public final class WhiteboardRuntime {

    static final Logger LOG = System.getLogger("net.websocket.whiteboard");

    private static final Comparator<TrackedVariant> VARIANT_ORDER = Comparator
            .comparingInt((TrackedVariant v) -> -v.ranking())
            .thenComparingLong(TrackedVariant::serviceId);

    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final Object lock = new Object();
    private final TrackedServices<ProtocolVariant, TrackedVariant> variants = new TrackedServices<>(lock,
            new VariantKind(), this::variantsChanged);
    private final TrackedServices<ExtensionFactory, TrackedExtension> extensions = new TrackedServices<>(lock,
            new ExtensionKind(), this::extensionsChanged);
    private final TrackedServices<Handler, EndpointRegistration> handlers = new TrackedServices<>(lock,
            new EndpointKind<>("handler", EndpointRegistration::handler), this::endpointsChanged);
    private final TrackedServices<Listener, EndpointRegistration> listeners = new TrackedServices<>(lock,
            new EndpointKind<>("listener", EndpointRegistration::listener), this::endpointsChanged);
    private final TrackedServices<HandshakeHook, HookRegistration> hooks = new TrackedServices<>(lock,
            new HookKind(), this::endpointsChanged);
    private final Set<ServerHandle> servers = new CopyOnWriteArraySet<>();
    private final Map<String, ServerFailure> failures = new ConcurrentHashMap<>();
    private volatile List<ProtocolVariant> variantList = List.of();
    private volatile List<ExtensionFactory> extensionList = List.of();
    private final Supplier<List<ExtensionFactory>> extensionSource = () -> extensionList;
    private volatile List<EndpointRegistration> endpointList = List.of();
    private volatile List<HookRegistration> hookList = List.of();
    private final VariantSource variantSource = () -> variantList;
    private volatile boolean httpWhiteboardWanted;
    private final OnDemandHttpServer onDemand = new OnDemandHttpServer(this, () -> httpWhiteboardWanted);

    /**
     * Activates the whiteboard: from now on the server {@value WebSocketWhiteboard#HTTP_WHITEBOARD_SERVER} runs while
     * endpoints ask for it, offered with this bundle context. (Greedy references are bound before.)
     */
    @Activate
    void activate(BundleContext context) {
        onDemand.activate(context);
    }

    // ------------------------------------------------------------------------------------------------ variants

    @Reference(name = "variant", service = ProtocolVariant.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeVariant", updated = "updateVariant")
    void addVariant(ProtocolVariant variant, Map<String, Object> props) {
        variants.add(variant, props);
    }

    void updateVariant(ProtocolVariant variant, Map<String, Object> props) {
        variants.modify(variant, props);
    }

    void removeVariant(ProtocolVariant variant, Map<String, Object> props) {
        variants.remove(variant, props);
    }

    /** A variant service is kept wrapped; a new ranking reorders it; when it goes, its connections are closed. */
    private static final class VariantKind implements TrackedServices.Kind<ProtocolVariant, TrackedVariant> {
        @Override
        public TrackedVariant added(ProtocolVariant variant, Map<String, Object> props) {
            return new TrackedVariant(variant, ServiceProps.serviceId(props), ServiceProps.bundleId(props),
                    ServiceProps.ranking(props));
        }

        @Override
        public TrackedVariant modified(TrackedVariant v, ProtocolVariant variant, Map<String, Object> props) {
            v.ranking(ServiceProps.ranking(props));
            return v;
        }

        @Override
        public void removed(TrackedVariant v) {
            v.retire("protocol variant " + v.name() + " going away");
        }
    }

    private void variantsChanged() {
        List<TrackedVariant> sorted = variants.values();
        sorted.sort(VARIANT_ORDER);
        variantList = List.copyOf(sorted);
    }

    // ---------------------------------------------------------------------------------------------- extensions

    /** An extension factory service and what orders it. */
    private record TrackedExtension(ExtensionFactory factory, long serviceId, int ranking) {
    }

    private static final Comparator<TrackedExtension> EXTENSION_ORDER = Comparator
            .comparingInt((TrackedExtension e) -> -e.ranking())
            .thenComparingLong(TrackedExtension::serviceId);

    @Reference(name = "extension", service = ExtensionFactory.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeExtension", updated = "updateExtension")
    void addExtension(ExtensionFactory factory, Map<String, Object> props) {
        extensions.add(factory, props);
    }

    void updateExtension(ExtensionFactory factory, Map<String, Object> props) {
        extensions.modify(factory, props);
    }

    void removeExtension(ExtensionFactory factory, Map<String, Object> props) {
        extensions.remove(factory, props);
    }

    /** An extension factory is kept with what orders it; connections that agreed to it keep it when it goes. */
    private static final class ExtensionKind implements TrackedServices.Kind<ExtensionFactory, TrackedExtension> {
        @Override
        public TrackedExtension added(ExtensionFactory factory, Map<String, Object> props) {
            return new TrackedExtension(factory, ServiceProps.serviceId(props), ServiceProps.ranking(props));
        }

        @Override
        public TrackedExtension modified(TrackedExtension e, ExtensionFactory factory, Map<String, Object> props) {
            return added(factory, props);
        }
    }

    /** The factories in ranking order, the first of each extension name only (lock held). */
    private void extensionsChanged() {
        List<TrackedExtension> sorted = extensions.values();
        sorted.sort(EXTENSION_ORDER);
        List<ExtensionFactory> list = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (TrackedExtension e : sorted) {
            if (names.add(e.factory().name())) {
                list.add(e.factory());
            }
        }
        extensionList = List.copyOf(list);
    }

    // ----------------------------------------------------------------------------------------------- endpoints

    @Reference(name = "handler", service = Handler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeHandler", updated = "updateHandler")
    void addHandler(Handler handler, Map<String, Object> props) {
        handlers.add(handler, props);
        endpointsSettled();
    }

    void updateHandler(Handler handler, Map<String, Object> props) {
        handlers.modify(handler, props);
        endpointsSettled();
    }

    void removeHandler(Handler handler, Map<String, Object> props) {
        handlers.remove(handler, props);
        endpointsSettled();
    }

    @Reference(name = "listener", service = Listener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeListener", updated = "updateListener")
    void addListener(Listener listener, Map<String, Object> props) {
        listeners.add(listener, props);
        endpointsSettled();
    }

    void updateListener(Listener listener, Map<String, Object> props) {
        listeners.modify(listener, props);
        endpointsSettled();
    }

    void removeListener(Listener listener, Map<String, Object> props) {
        listeners.remove(listener, props);
        endpointsSettled();
    }

    /** How an endpoint registration is made from its service (handler or listener). */
    @FunctionalInterface
    private interface EndpointFactory<S> {
        EndpointRegistration make(long serviceId, long bundleId, S service, WhiteboardSpec spec);
    }

    /**
     * An endpoint service is kept with its checked properties; new properties are checked again; when it goes, its
     * connections are closed.
     */
    private static final class EndpointKind<S> implements TrackedServices.Kind<S, EndpointRegistration> {
        private final String name;
        private final EndpointFactory<S> factory;

        EndpointKind(String name, EndpointFactory<S> factory) {
            this.name = name;
            this.factory = factory;
        }

        @Override
        public EndpointRegistration added(S service, Map<String, Object> props) {
            return factory.make(ServiceProps.serviceId(props), ServiceProps.bundleId(props), service,
                    checked(WhiteboardSpec.endpoint(props), props, name));
        }

        @Override
        public EndpointRegistration modified(EndpointRegistration e, S service, Map<String, Object> props) {
            e.spec(checked(WhiteboardSpec.endpoint(props), props, name));
            return e;
        }

        @Override
        public void removed(EndpointRegistration e) {
            e.retire("endpoint going away");
        }
    }

    private static WhiteboardSpec checked(WhiteboardSpec spec, Map<String, Object> props, String kind) {
        if (spec.error() != null) {
            LOG.log(Level.WARNING, "WebSocket " + kind + " service " + ServiceProps.serviceId(props)
                    + " is ignored: " + spec.error());
        }
        return spec;
    }

    // --------------------------------------------------------------------------------------------------- hooks

    @Reference(name = "hook", service = HandshakeHook.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeHook", updated = "updateHook")
    void addHook(HandshakeHook hook, Map<String, Object> props) {
        hooks.add(hook, props);
    }

    void updateHook(HandshakeHook hook, Map<String, Object> props) {
        hooks.modify(hook, props);
    }

    void removeHook(HandshakeHook hook, Map<String, Object> props) {
        hooks.remove(hook, props);
    }

    /** A hook service is kept with its checked properties; new properties are checked again. */
    private static final class HookKind implements TrackedServices.Kind<HandshakeHook, HookRegistration> {
        @Override
        public HookRegistration added(HandshakeHook hook, Map<String, Object> props) {
            return new HookRegistration(ServiceProps.serviceId(props), ServiceProps.bundleId(props), hook,
                    checked(WhiteboardSpec.hook(props), props, "hook"));
        }

        @Override
        public HookRegistration modified(HookRegistration h, HandshakeHook hook, Map<String, Object> props) {
            h.spec(checked(WhiteboardSpec.hook(props), props, "hook"));
            return h;
        }
    }

    /** Re-sorts endpoints and hooks and gives every server its new routes (lock held). */
    private void endpointsChanged() {
        List<EndpointRegistration> eps = handlers.values();
        eps.addAll(listeners.values());
        eps.sort(EndpointRegistration.ORDER);
        endpointList = List.copyOf(eps);
        httpWhiteboardWanted = eps.stream().anyMatch(e -> e.spec().wantsHttpWhiteboard());
        List<HookRegistration> hs = hooks.values();
        hs.sort(HookRegistration.ORDER);
        hookList = List.copyOf(hs);
        for (ServerHandle s : servers) {
            s.update(routes(s), hookList);
        }
    }

    /**
     * After an endpoint came, went or changed (no lock held): the server on demand on the HTTP whiteboard's port
     * starts or stops, and the servers offered there follow their routes with their servlet patterns.
     */
    private void endpointsSettled() {
        onDemand.reconcile();
        for (ServerHandle s : servers) {
            HttpWhiteboardOffer offer = s.offer();
            if (offer != null) {
                offer.refresh();
            }
        }
    }

    /** A server's routes: its endpoints grouped by path expression, in ranking order. */
    private ServiceMapper routes(ServerHandle server) {
        Map<String, List<ServiceMapper.RouteEntry>> entries = new LinkedHashMap<>();
        Map<String, Pattern> patterns = new HashMap<>();
        for (EndpointRegistration e : endpointList) {
            WhiteboardSpec spec = e.spec();
            if (!spec.serves(server.name())) {
                continue;
            }
            patterns.putIfAbsent(spec.path(), spec.pattern());
            entries.computeIfAbsent(spec.path(), p -> new ArrayList<>())
                    .addAll(spec.entries(e.endpointFor(server, registry)));
        }
        ServiceMapper.Builder b = ServiceMapper.builder();
        entries.forEach((path, list) -> b.route(patterns.get(path), list.toArray(new ServiceMapper.RouteEntry[0])));
        return b.build();
    }

    // ------------------------------------------------------------------------------------------------- servers

    /**
     * Starts a server that routes by the whiteboard and picks variants from the live list.
     *
     * @throws IOException if it cannot listen
     */
    ServerHandle startServer(String name, String pid, ServerOptions options) throws IOException {
        return startServer(name, pid, options, true, false);
    }

    /**
     * Starts a server that routes by the whiteboard and picks variants from the live list; it negotiates the
     * extensions of the extension services present, or none. A hosted one opens no socket: another HTTP server
     * hands it its handshakes ({@link ServerHandle#hosted()}).
     *
     * @throws IOException if it cannot listen
     */
    ServerHandle startServer(String name, String pid, ServerOptions options, boolean extensions, boolean hosted)
            throws IOException {
        ServerOptions.Builder b = options.toBuilder();
        if (extensions) {
            b.extensions(extensionSource);
        } else {
            b.extensions();
        }
        ServerHandle s = new ServerHandle(name, pid, b.build());
        synchronized (lock) {
            s.update(routes(s), hookList);
            servers.add(s);
        }
        try {
            if (hosted) {
                s.startHosted(variantSource, registry.observer());
            } else {
                s.start(variantSource, registry.observer());
            }
        } catch (IOException | RuntimeException e) {
            servers.remove(s);
            throw e;
        }
        return s;
    }

    /** Stops a server started by {@link #startServer}: its connections get 1001 (going away). */
    void stopServer(ServerHandle s) {
        servers.remove(s);
        s.stop();
    }

    /**
     * A server configuration with this name came ({@code present}) or went; one named
     * {@value WebSocketWhiteboard#HTTP_WHITEBOARD_SERVER} replaces the server run on demand while it exists.
     */
    void configured(String name, boolean present) {
        if (WebSocketWhiteboard.HTTP_WHITEBOARD_SERVER.equals(name)) {
            onDemand.configured(present);
        }
    }

    /** A configured server that is not running, and why. */
    record ServerFailure(String name, String pid, String reason) {
    }

    /**
     * Records that the server configured by {@code pid} could not start, or with a {@code null} reason that it
     * started or is gone.
     */
    void failed(String name, String pid, String reason) {
        String key = pid == null ? String.valueOf(name) : pid;
        if (reason == null) {
            failures.remove(key);
        } else {
            failures.put(key, new ServerFailure(name, pid, reason));
        }
    }

    /** The configured servers that are not running. */
    List<ServerFailure> failures() {
        List<ServerFailure> out = new ArrayList<>(failures.values());
        out.sort(Comparator.comparing(f -> String.valueOf(f.name())));
        return out;
    }

    @Deactivate
    void deactivate() {
        onDemand.deactivate();
        for (ServerHandle s : servers) {
            stopServer(s);
        }
        for (TrackedConnection c : registry.connections()) {
            c.goAway("WebSocket runtime stopping");
        }
    }

    // ---------------------------------------------------------------------------------------- for the others

    /** The live variant list, in ranking order. */
    VariantSource variantSource() {
        return variantSource;
    }

    /** The live extension factories, in ranking order. */
    Supplier<List<ExtensionFactory>> extensionSource() {
        return extensionSource;
    }

    ConnectionRegistry registry() {
        return registry;
    }

    List<TrackedVariant> variants() {
        List<TrackedVariant> out = new ArrayList<>();
        for (ProtocolVariant v : variantList) {
            out.add((TrackedVariant) v);
        }
        return out;
    }

    List<EndpointRegistration> endpoints() {
        return endpointList;
    }

    List<HookRegistration> hooks() {
        return hookList;
    }

    List<ServerHandle> servers() {
        List<ServerHandle> out = new ArrayList<>(servers);
        out.sort(Comparator.comparing(ServerHandle::name));
        return out;
    }
}
