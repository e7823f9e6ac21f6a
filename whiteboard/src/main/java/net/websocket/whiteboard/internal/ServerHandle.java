package net.websocket.whiteboard.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import net.websocket.api.ConnectionOverrides;
import net.websocket.api.HandshakeDecision;
import net.websocket.api.HandshakeHook;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ConnectionObserver;
import net.websocket.runtime.ServerOptions;
import net.websocket.runtime.VariantSource;
import net.websocket.upgrade.UpgradeServer;

/**
 * One server of the OSGi layer: its name, options, the current routes and hooks from the whiteboard, and the running
 * server: a {@link WebSocketServer} on a socket of its own, or an {@link UpgradeServer} whose handshakes another HTTP
 * server (the OSGi HTTP whiteboard's) hands to it. The routes and hooks are replaced whenever the whiteboard changes;
 * the server reads them at every handshake.
 */
final class ServerHandle extends ConnectionOwner {

    private static final ServiceMapper NO_ROUTES = ServiceMapper.builder().build();

    private final String name;
    private final String pid;
    private final ServerOptions options;
    private volatile ServiceMapper mapper = NO_ROUTES;
    private volatile List<HookRegistration> hooks = List.of();
    private volatile WebSocketServer server;
    private volatile UpgradeServer hosted;
    private volatile Instant started;
    private volatile HttpWhiteboardOffer offer;

    ServerHandle(String name, String pid, ServerOptions options) {
        this.name = name;
        this.pid = pid;
        this.options = options;
    }

    String name() {
        return name;
    }

    String pid() {
        return pid;
    }

    ServerOptions options() {
        return options;
    }

    /** The running server on a socket of its own, or {@code null} (not started, failed, or hosted). */
    WebSocketServer server() {
        return server;
    }

    /** The running server on another HTTP server's port, or {@code null} (not started, failed, or on a socket). */
    UpgradeServer hosted() {
        return hosted;
    }

    /** {@return whether the server runs} */
    boolean isRunning() {
        WebSocketServer s = server;
        UpgradeServer h = hosted;
        return s != null ? s.isRunning() : h != null && h.isRunning();
    }

    /** Its offer on the OSGi HTTP whiteboard, or {@code null} (none: not hosted, or not offered). */
    HttpWhiteboardOffer offer() {
        return offer;
    }

    /** Sets its offer on the OSGi HTTP whiteboard, which follows its routes from now on. */
    void offer(HttpWhiteboardOffer offer) {
        this.offer = offer;
    }

    Instant started() {
        return started;
    }

    ServiceMapper mapper() {
        return mapper;
    }

    /** Takes new routes and hooks; the next handshake uses them. */
    void update(ServiceMapper mapper, List<HookRegistration> hooks) {
        this.mapper = mapper;
        this.hooks = List.copyOf(hooks);
    }

    /** Binds and starts the server, which tells {@code observer} of its connections. */
    void start(VariantSource variants, ConnectionObserver observer) throws IOException {
        server = WebSockets.serve(withHooks(observer), () -> mapper, variants);
        started = Instant.now();
    }

    /**
     * Starts the server without a socket: another HTTP server hands it its handshakes ({@link #hosted()}); it tells
     * {@code observer} of its connections.
     */
    void startHosted(VariantSource variants, ConnectionObserver observer) {
        Supplier<ServiceMapper> routes = () -> mapper;
        hosted = UpgradeServer.start(withHooks(observer), routes, variants);
        started = Instant.now();
    }

    private ServerOptions withHooks(ConnectionObserver observer) {
        return options.toBuilder().handshakeHook(new WhiteboardHooks()).observer(observer).build();
    }

    /** Stops the server: its connections get 1001 (going away), then it waits up to its shutdown timeout. */
    void stop() {
        HttpWhiteboardOffer o = offer;
        if (o != null) {
            o.withdraw();
        }
        retire("server stopping");
        WebSocketServer s = server;
        if (s != null) {
            s.close();
        }
        UpgradeServer h = hosted;
        if (h != null) {
            h.close();
        }
    }

    /**
     * The hooks on the whiteboard that apply to a handshake, in ranking order: the first rejection wins, the
     * headers of all acceptances are added, the state is the first non-null one, of the settings they override
     * the highest-ranked hook's win, the subprotocol is the highest-ranked hook's that chose one, and the
     * extensions the connection may agree are those every hook that narrowed them allows.
     */
    private final class WhiteboardHooks implements HandshakeHook {
        /** Only when a hook service applies to this server and path: most handshakes then skip the hand-off. */
        @Override
        public boolean decides(HandshakeRequest request) {
            String path = request.path();
            for (HookRegistration h : hooks) {
                if (h.applies(name, path)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public HandshakeDecision onHandshake(HandshakeRequest request) throws Exception {
            List<HookRegistration> all = hooks;
            if (all.isEmpty()) {
                return HandshakeDecision.accept();
            }
            String path = request.path();
            Headers.Builder headers = null;
            Object state = null;
            ConnectionOverrides overrides = ConnectionOverrides.none();
            String subprotocol = null;
            Set<String> extensions = null;
            for (HookRegistration h : all) {
                if (!h.applies(name, path)) {
                    continue;
                }
                HandshakeDecision d = h.hook().onHandshake(request);
                if (d instanceof HandshakeDecision.Reject) {
                    return d;
                }
                if (d instanceof HandshakeDecision.Accept a) {
                    if (!a.headers().isEmpty()) {
                        if (headers == null) {
                            headers = Headers.builder();
                        }
                        headers.addAll(a.headers());
                    }
                    if (state == null) {
                        state = a.state();
                    }
                    overrides = a.overrides().then(overrides);
                    if (subprotocol == null) {
                        subprotocol = a.subprotocol().orElse(null);
                    }
                    if (a.extensions().isPresent()) {
                        extensions = extensions == null ? new HashSet<>(a.extensions().get()) : extensions;
                        extensions.retainAll(a.extensions().get());
                    }
                }
            }
            HandshakeDecision.Accept out = new HandshakeDecision.Accept(headers == null ? Headers.empty()
                    : headers.build(), state, overrides);
            out = subprotocol == null ? out : out.withSubprotocol(subprotocol);
            return extensions == null ? out : out.withExtensions(extensions);
        }
    }
}
