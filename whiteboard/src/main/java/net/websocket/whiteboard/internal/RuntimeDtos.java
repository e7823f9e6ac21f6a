package net.websocket.whiteboard.internal;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import net.websocket.api.Connection;
import net.websocket.api.WebSocketServer;
import net.websocket.whiteboard.runtime.WebSocketServiceRuntime;
import net.websocket.whiteboard.runtime.dto.ConnectionDTO;
import net.websocket.whiteboard.runtime.dto.EndpointDTO;
import net.websocket.whiteboard.runtime.dto.FailedServerDTO;
import net.websocket.whiteboard.runtime.dto.RuntimeDTO;
import net.websocket.whiteboard.runtime.dto.ServerDTO;
import net.websocket.whiteboard.runtime.dto.VariantDTO;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@link WebSocketServiceRuntime} service: snapshots of the {@link WhiteboardRuntime} as DTOs, which the Gogo
 * {@link Commands} print too.
 */
@Component(service = WebSocketServiceRuntime.class)
public final class RuntimeDtos implements WebSocketServiceRuntime {

    private final WhiteboardRuntime runtime;

    @Activate
    public RuntimeDtos(@Reference WhiteboardRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public RuntimeDTO getRuntimeDTO() {
        List<TrackedConnection> open = new ArrayList<>(runtime.registry().connections());
        open.sort(Comparator.comparing(TrackedConnection::opened));
        RuntimeDTO dto = new RuntimeDTO();
        dto.servers = runtime.servers().stream().map(s -> server(s, open)).toArray(ServerDTO[]::new);
        dto.failedServers = runtime.failures().stream().map(RuntimeDtos::failed).toArray(FailedServerDTO[]::new);
        List<TrackedVariant> variants = runtime.variants();
        dto.variants = new VariantDTO[variants.size()];
        for (int i = 0; i < variants.size(); i++) {
            dto.variants[i] = variant(variants.get(i), i + 1);
        }
        List<EndpointDTO> endpoints = new ArrayList<>();
        runtime.endpoints().forEach(e -> endpoints.add(endpoint(e)));
        runtime.hooks().forEach(h -> endpoints.add(hook(h)));
        dto.endpoints = endpoints.toArray(EndpointDTO[]::new);
        dto.clientConnections = open.stream().filter(c -> c.server() == null).map(RuntimeDtos::connection)
                .toArray(ConnectionDTO[]::new);
        return dto;
    }

    /** The address of a server on the OSGi HTTP whiteboard's port. */
    static final String HTTP_WHITEBOARD_ADDRESS = "http-whiteboard";

    private static ServerDTO server(ServerHandle s, List<TrackedConnection> open) {
        ServerDTO dto = new ServerDTO();
        WebSocketServer ws = s.server();
        dto.name = s.name();
        dto.pid = s.pid();
        dto.address = s.hosted() != null ? HTTP_WHITEBOARD_ADDRESS
                : (s.options().tlsOptions().isPresent() ? "wss://" : "ws://")
                        + address(ws == null ? s.options().address() : ws.address());
        dto.running = s.isRunning();
        Instant started = s.started(); // null while a just-configured server is still being started
        dto.startedMillis = started == null ? 0 : started.toEpochMilli();
        dto.routes = s.mapper().pathPatterns().toArray(String[]::new);
        HttpWhiteboardOffer offer = s.offer();
        if (s.hosted() != null) {
            dto.servletPatterns = offer == null ? new String[0] : offer.offered().toArray(String[]::new);
            dto.servletContextSelect = offer == null ? null : offer.contextSelect();
        }
        dto.connections = open.stream().filter(c -> s.name().equals(c.server())).map(RuntimeDtos::connection)
                .toArray(ConnectionDTO[]::new);
        return dto;
    }

    private static FailedServerDTO failed(WhiteboardRuntime.ServerFailure f) {
        FailedServerDTO dto = new FailedServerDTO();
        dto.name = f.name();
        dto.pid = f.pid();
        dto.failureReason = f.reason();
        return dto;
    }

    private static VariantDTO variant(TrackedVariant v, int order) {
        VariantDTO dto = new VariantDTO();
        dto.name = v.name();
        dto.order = order;
        dto.serviceId = v.serviceId();
        dto.ranking = v.ranking();
        dto.bundleId = v.bundleId();
        dto.versions = v.versions().toArray(String[]::new);
        dto.connectionCount = v.connectionCount();
        return dto;
    }

    private static EndpointDTO endpoint(EndpointRegistration e) {
        EndpointDTO dto = spec(e.spec());
        dto.serviceId = e.serviceId();
        dto.kind = e.kind();
        dto.bundleId = e.bundleId();
        dto.connectionCount = e.connectionCount();
        return dto;
    }

    private static EndpointDTO hook(HookRegistration h) {
        EndpointDTO dto = spec(h.spec());
        dto.serviceId = h.serviceId();
        dto.kind = "hook";
        dto.bundleId = h.bundleId();
        return dto;
    }

    private static EndpointDTO spec(WhiteboardSpec s) {
        EndpointDTO dto = new EndpointDTO();
        dto.ranking = s.ranking();
        dto.path = s.path();
        dto.subprotocols = s.subprotocolValues().toArray(String[]::new);
        dto.servers = s.servers().toArray(String[]::new);
        dto.overrides = s.overrides() == null || s.overrides().isEmpty() ? null : s.overrides().toString();
        dto.failureReason = s.error();
        return dto;
    }

    private static ConnectionDTO connection(TrackedConnection tc) {
        Connection c = tc.connection();
        ConnectionDTO dto = new ConnectionDTO();
        dto.id = c.id();
        dto.variant = tc.variant() == null ? c.variant() : tc.variant().label();
        dto.path = c.path();
        dto.subprotocol = c.subprotocol().orElse(null);
        dto.remoteAddress = address(c.remoteAddress());
        dto.endpointServiceId = tc.endpoint() == null ? -1 : tc.endpoint().serviceId();
        dto.openedMillis = tc.opened().toEpochMilli();
        return dto;
    }

    /** {@code host:port}, an IPv6 host in brackets; {@code null} for none. */
    static String address(InetSocketAddress a) {
        if (a == null) {
            return null;
        }
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
