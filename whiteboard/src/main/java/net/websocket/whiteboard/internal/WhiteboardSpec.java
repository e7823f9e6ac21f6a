package net.websocket.whiteboard.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import net.websocket.api.ConnectionOverrides;
import net.websocket.api.Endpoint;
import net.websocket.api.ServiceMapper;
import net.websocket.api.whiteboard.WebSocketWhiteboard;

/**
 * The whiteboard properties of one endpoint or hook service, checked: its ranking, path expression, subprotocols
 * and servers, or the error that makes it unusable.
 *
 * @param ranking      {@code service.ranking}
 * @param path         the path expression as given, or {@code null} (hooks: every path)
 * @param pattern      the compiled path expression, or {@code null}
 * @param subprotocols the subprotocol tokens served, without {@value WebSocketWhiteboard#NONE} and
 *                     {@value WebSocketWhiteboard#ANY}
 * @param none         whether clients that offer no subprotocol are served
 * @param any          whether clients that offer other subprotocols are served too, answered with none unless a hook
 *                     chooses one of the offered ones ({@value WebSocketWhiteboard#ANY}: a {@link ServiceMapper#any}
 *                     entry)
 * @param servers      the server names ({@value WebSocketWhiteboard#HTTP_WHITEBOARD_SERVER} among them for
 *                     {@value WebSocketWhiteboard#HTTP_WHITEBOARD}); empty for every server (an endpoint: every
 *                     server but {@value WebSocketWhiteboard#HTTP_WHITEBOARD_SERVER})
 * @param overrides    the settings an endpoint overrides for its connections
 * @param error        why the service is ignored, or {@code null}
 */
record WhiteboardSpec(int ranking, String path, Pattern pattern, List<String> subprotocols, boolean none,
        boolean any, List<String> servers, ConnectionOverrides overrides, String error) {

    /** Reads an endpoint's properties: {@value WebSocketWhiteboard#PATH} is required. */
    static WhiteboardSpec endpoint(Map<String, ?> props) {
        return parse(props, true);
    }

    /** Reads a hook's properties: {@value WebSocketWhiteboard#PATH} is optional. */
    static WhiteboardSpec hook(Map<String, ?> props) {
        return parse(props, false);
    }

    private static WhiteboardSpec parse(Map<String, ?> props, boolean pathRequired) {
        int ranking = ServiceProps.ranking(props);
        Set<String> servers = new LinkedHashSet<>(ServiceProps.strings(props, WebSocketWhiteboard.SERVER));
        servers.addAll(ServiceProps.strings(props, WebSocketWhiteboard.SERVERS));
        if (ServiceProps.flag(props, WebSocketWhiteboard.HTTP_WHITEBOARD, false)) {
            servers.add(WebSocketWhiteboard.HTTP_WHITEBOARD_SERVER);
        }
        Set<String> offered = new LinkedHashSet<>(ServiceProps.strings(props, WebSocketWhiteboard.SUBPROTOCOL));
        offered.addAll(ServiceProps.strings(props, WebSocketWhiteboard.SUBPROTOCOLS));
        boolean any = offered.remove(WebSocketWhiteboard.ANY);
        boolean none = offered.remove(WebSocketWhiteboard.NONE) || offered.isEmpty();
        List<String> subprotocols = List.copyOf(offered);
        List<String> serverList = List.copyOf(servers);

        ConnectionOverrides overrides = ConnectionOverrides.none();
        String overrideError = null;
        if (pathRequired) {
            try {
                overrides = overrides(props);
            } catch (IllegalArgumentException e) {
                overrideError = e.getMessage();
            }
        }
        String path = ServiceProps.string(props, WebSocketWhiteboard.PATH);
        if (path == null) {
            return new WhiteboardSpec(ranking, null, null, subprotocols, none, any, serverList, overrides,
                    pathRequired ? "no " + WebSocketWhiteboard.PATH + " property" : null);
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(path);
        } catch (PatternSyntaxException e) {
            return new WhiteboardSpec(ranking, path, null, subprotocols, none, any, serverList, overrides,
                    "bad " + WebSocketWhiteboard.PATH + ": " + e.getDescription());
        }
        if (overrideError != null) {
            return new WhiteboardSpec(ranking, path, pattern, subprotocols, none, any, serverList, overrides,
                    overrideError);
        }
        String error = null;
        try {
            // the mapper's own token check, so that a bad value is reported once here and not at every rebuild
            ServiceMapper.entry(subprotocols, none, c -> { });
        } catch (IllegalArgumentException e) {
            error = "bad " + WebSocketWhiteboard.SUBPROTOCOL + ": " + e.getMessage();
        }
        return new WhiteboardSpec(ranking, path, pattern, subprotocols, none, any, serverList, overrides, error);
    }

    /**
     * Reads the endpoint's setting overrides.
     *
     * @throws IllegalArgumentException naming the property whose value is not a valid setting
     */
    static ConnectionOverrides overrides(Map<String, ?> props) {
        ConnectionOverrides.Builder b = ConnectionOverrides.builder();
        SettingProperties.read(props, WebSocketWhiteboard.SETTING_PREFIX, b);
        return b.build();
    }

    /**
     * Whether the endpoint is usable and served by the server with this name: one it names, or, if it names none,
     * any but {@value WebSocketWhiteboard#HTTP_WHITEBOARD_SERVER} (which serves only what asked to be on the HTTP
     * whiteboard's port).
     */
    boolean serves(String serverName) {
        return error == null && (servers.isEmpty() ? !WebSocketWhiteboard.HTTP_WHITEBOARD_SERVER.equals(serverName)
                : servers.contains(serverName));
    }

    /** Whether the hook is usable and applies to the server with this name: one it names, or every server. */
    boolean appliesTo(String serverName) {
        return error == null && (servers.isEmpty() || servers.contains(serverName));
    }

    /** Whether the endpoint is usable and asks for the server {@value WebSocketWhiteboard#HTTP_WHITEBOARD_SERVER}. */
    boolean wantsHttpWhiteboard() {
        return error == null && servers.contains(WebSocketWhiteboard.HTTP_WHITEBOARD_SERVER);
    }

    /**
     * The subprotocol column of a table: the tokens, {@value WebSocketWhiteboard#NONE} and
     * {@value WebSocketWhiteboard#ANY}.
     */
    String subprotocolText() {
        return String.join(",", subprotocolValues());
    }

    /** {@return the subprotocol property's values as read: the tokens, then {@code none} and {@code *} if served} */
    List<String> subprotocolValues() {
        List<String> all = new ArrayList<>(subprotocols);
        if (none) {
            all.add(WebSocketWhiteboard.NONE);
        }
        if (any) {
            all.add(WebSocketWhiteboard.ANY);
        }
        return all;
    }

    /**
     * {@return the route entries of an endpoint with these properties: one for its tokens and {@code none}, and a
     * {@link ServiceMapper#any} entry after it for {@value WebSocketWhiteboard#ANY}}
     *
     * @param endpoint the endpoint
     */
    List<ServiceMapper.RouteEntry> entries(Endpoint endpoint) {
        ServiceMapper.RouteEntry listed = ServiceMapper.entry(subprotocols, none, endpoint).with(overrides);
        return any ? List.of(listed, ServiceMapper.any(endpoint).with(overrides)) : List.of(listed);
    }

    /** The server column of a table. */
    String serverText() {
        return servers.isEmpty() ? "*" : String.join(",", servers);
    }
}
