package net.websocket.whiteboard.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import net.websocket.api.Connection;
import net.websocket.api.WebSocketServer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo shell commands in scope {@code ws}: {@code servers}, {@code variants}, {@code handlers} and
 * {@code connections}, each printing a table, and {@code disconnect ID}, which closes one connection. A plain
 * service with the {@code osgi.command.*} properties, so no shell API is needed to compile or run it.
 */
@Component(service = Commands.class, property = {"osgi.command.scope=ws", "osgi.command.function=servers",
    "osgi.command.function=variants", "osgi.command.function=handlers", "osgi.command.function=connections",
    "osgi.command.function=disconnect"})
public final class Commands {

    private final WhiteboardRuntime runtime;

    @Activate
    public Commands(@Reference WhiteboardRuntime runtime) {
        this.runtime = runtime;
    }

    /** The configured servers: name, address (with ws:// or wss://), state, open connections, endpoints. */
    public String servers() {
        Table t = new Table("NAME", "ADDRESS", "STATE", "CONNECTIONS", "ENDPOINTS", "PID");
        for (ServerHandle s : runtime.servers()) {
            WebSocketServer ws = s.server();
            String scheme = s.options().tlsOptions().isPresent() ? "wss://" : "ws://";
            t.row(s.name(), scheme + (ws == null ? address(s.options().address()) : address(ws.address())),
                    ws != null && ws.isRunning() ? "running" : "stopped", ws == null ? 0 : ws.connectionCount(),
                    String.join(" ", s.mapper().pathPatterns()), s.pid());
        }
        for (WhiteboardRuntime.ServerFailure f : runtime.failures()) {
            t.row(f.name(), null, "failed: " + f.reason(), 0, null, f.pid());
        }
        return t.toString();
    }

    /** The protocol variant services in the order handshakes try them. */
    public String variants() {
        Table t = new Table("ORDER", "NAME", "SERVICE", "RANKING", "BUNDLE", "VERSIONS", "CONNECTIONS", "CLASS");
        int i = 1;
        for (TrackedVariant v : runtime.variants()) {
            t.row(i++, v.name(), v.serviceId(), v.ranking(), v.bundleId(), String.join(",", v.versions()),
                    v.connectionCount(), v.delegate().getClass().getName());
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
        for (EndpointRegistration e : runtime.endpoints()) {
            WhiteboardSpec s = e.spec();
            t.row(e.serviceId(), e.kind(), s.ranking(), s.path(), s.subprotocolText(), s.serverText(), e.bundleId(),
                    e.connectionCount(), s.error() != null ? "ignored: " + s.error()
                            : s.overrides().isEmpty() ? "active" : "active " + s.overrides());
        }
        for (HookRegistration h : runtime.hooks()) {
            WhiteboardSpec s = h.spec();
            t.row(h.serviceId(), "hook", s.ranking(), s.path() == null ? "*" : s.path(), null, s.serverText(),
                    h.bundleId(), null, s.error() == null ? "active" : "ignored: " + s.error());
        }
        return t.toString();
    }

    /** The open connections: id, server (or client), variant, path, subprotocol, peer, endpoint and age. */
    public String connections() {
        Table t = new Table("ID", "SERVER", "VARIANT", "PATH", "SUBPROTOCOL", "REMOTE", "ENDPOINT", "AGE");
        List<TrackedConnection> all = runtime.registry().connections();
        Instant now = Instant.now();
        for (TrackedConnection tc : all.stream()
                .sorted(java.util.Comparator.comparing(TrackedConnection::opened)).toList()) {
            Connection c = tc.connection();
            t.row(c.id(), tc.server() == null ? "(client)" : tc.server(),
                    tc.variant() == null ? c.variant() : tc.variant().label(), c.path(),
                    c.subprotocol().orElse(null), address(c.remoteAddress()),
                    tc.endpoint() == null ? null : tc.endpoint().serviceId(),
                    age(Duration.between(tc.opened(), now)));
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

    private static String address(InetSocketAddress a) {
        if (a == null) {
            return null;
        }
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private static String age(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + "s" : s < 3600 ? s / 60 + "m" + s % 60 + "s" : s / 3600 + "h" + s % 3600 / 60 + "m";
    }
}
