package net.websocket.whiteboard.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
 * Gogo shell commands in scope {@code ws}: {@code servers}, {@code variants}, {@code handlers} and
 * {@code connections}, each printing a table of the {@link net.websocket.whiteboard.runtime.WebSocketServiceRuntime}
 * DTOs, and {@code disconnect ID}, which closes one connection. A plain service with the {@code osgi.command.*}
 * properties, so no shell API is needed to compile or run it.
 */
@Component(service = Commands.class, property = {"osgi.command.scope=ws", "osgi.command.function=servers",
    "osgi.command.function=variants", "osgi.command.function=handlers", "osgi.command.function=connections",
    "osgi.command.function=disconnect"})
public final class Commands {

    private final WhiteboardRuntime runtime;
    private final RuntimeDtos dtos;

    @Activate
    public Commands(@Reference WhiteboardRuntime runtime) {
        this.runtime = runtime;
        this.dtos = new RuntimeDtos(runtime);
    }

    /**
     * The configured servers: name, address (with ws:// or wss://; for a server on the HTTP whiteboard's port
     * {@code http-whiteboard} with its servlet patterns and context select), state, open connections, endpoints.
     */
    public String servers() {
        RuntimeDTO dto = dtos.getRuntimeDTO();
        Table t = new Table("NAME", "ADDRESS", "STATE", "CONNECTIONS", "ENDPOINTS", "PID");
        for (ServerDTO s : dto.servers) {
            t.row(s.name, address(s), s.running ? "running" : "stopped", s.connections.length,
                    String.join(" ", s.routes), s.pid);
        }
        for (FailedServerDTO f : dto.failedServers) {
            t.row(f.name, null, "failed: " + f.failureReason, 0, null, f.pid);
        }
        return t.toString();
    }

    private static String address(ServerDTO s) {
        if (s.servletPatterns == null) {
            return s.address;
        }
        String at = s.servletPatterns.length == 0 ? "(no pattern yet)" : String.join(",", s.servletPatterns);
        return s.address + " " + at + (s.servletContextSelect == null ? "" : " " + s.servletContextSelect);
    }

    /** The protocol variant services in the order handshakes try them. */
    public String variants() {
        Table t = new Table("ORDER", "NAME", "SERVICE", "RANKING", "BUNDLE", "VERSIONS", "CONNECTIONS", "CLASS");
        List<TrackedVariant> tracked = runtime.variants();
        for (VariantDTO v : dtos.getRuntimeDTO().variants) {
            t.row(v.order, v.name, v.serviceId, v.ranking, v.bundleId, String.join(",", v.versions),
                    v.connectionCount, className(tracked, v.serviceId));
        }
        return t.toString();
    }

    /**
     * The endpoint and hook services in ranking order, with what they serve and the settings they override, or why
     * they are ignored.
     */
    public String handlers() {
        Table t = new Table("SERVICE", "KIND", "RANKING", "PATH", "SUBPROTOCOLS", "SERVERS", "BUNDLE",
                "CONNECTIONS", "STATUS");
        for (EndpointDTO e : dtos.getRuntimeDTO().endpoints) {
            boolean hook = e.kind.equals("hook");
            t.row(e.serviceId, e.kind, e.ranking, hook && e.path == null ? "*" : e.path,
                    hook ? null : String.join(",", e.subprotocols),
                    e.servers.length == 0 ? "*" : String.join(",", e.servers), e.bundleId,
                    hook ? null : e.connectionCount, e.failureReason != null ? "ignored: " + e.failureReason
                            : e.overrides == null ? "active" : "active " + e.overrides);
        }
        return t.toString();
    }

    /** The open connections: id, server (or client), variant, path, subprotocol, peer, endpoint and age. */
    public String connections() {
        RuntimeDTO dto = dtos.getRuntimeDTO();
        Table t = new Table("ID", "SERVER", "VARIANT", "PATH", "SUBPROTOCOL", "REMOTE", "ENDPOINT", "AGE");
        List<Object[]> rows = new ArrayList<>();
        for (ServerDTO s : dto.servers) {
            for (ConnectionDTO c : s.connections) {
                rows.add(new Object[] {s.name, c});
            }
        }
        for (ConnectionDTO c : dto.clientConnections) {
            rows.add(new Object[] {"(client)", c});
        }
        rows.sort(java.util.Comparator.comparingLong(r -> ((ConnectionDTO) r[1]).openedMillis));
        long now = System.currentTimeMillis();
        for (Object[] r : rows) {
            ConnectionDTO c = (ConnectionDTO) r[1];
            t.row(c.id, r[0], c.variant, c.path, c.subprotocol, c.remoteAddress,
                    c.endpointServiceId < 0 ? null : c.endpointServiceId,
                    age(Duration.ofMillis(Math.max(0, now - c.openedMillis))));
        }
        return t.toString();
    }

    /**
     * Closes the open connection whose id is {@code id} (as {@code connections} shows it) with 1001 (going away),
     * "closed by an operator".
     *
     * @param id the connection's id
     * @return what was done
     */
    public String disconnect(String id) {
        for (TrackedConnection tc : runtime.registry().connections()) {
            if (tc.connection().id().equals(id)) {
                tc.goAway("closed by an operator");
                return "closing connection " + id;
            }
        }
        return "no open connection " + id;
    }

    private static String className(List<TrackedVariant> tracked, long serviceId) {
        for (TrackedVariant v : tracked) {
            if (v.serviceId() == serviceId) {
                return v.delegate().getClass().getName();
            }
        }
        return null;
    }

    private static String age(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + "s" : s < 3600 ? s / 60 + "m" + s % 60 + "s" : s / 3600 + "h" + s % 3600 / 60 + "m";
    }
}
