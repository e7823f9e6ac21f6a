package net.websocket.api.whiteboard;

/**
 * Names of the whiteboard service properties and of the whiteboard implementation.
 *
 * <h2>Endpoints</h2>
 * A service registered as {@link net.websocket.api.Handler} or {@link net.websocket.api.Listener} with the property
 * {@value #PATH} is an endpoint of every running server (or of the servers named in {@value #SERVER}):
 * <ul>
 * <li>{@value #PATH} (String, required): a regular expression the whole request path must match.</li>
 * <li>{@value #SUBPROTOCOL} (String or String[], optional): the subprotocols the endpoint serves; the value
 * {@value #NONE} stands for clients that offer none, {@value #ANY} for clients that offer whatever else (accepted with
 * no subprotocol unless a hook chooses one of the offered ones, as {@link net.websocket.api.ServiceMapper#any}; an
 * entry of the route that lists an offered one wins over it). Absent means {@value #NONE} only. {@value #SUBPROTOCOLS}, the
 * name {@link WebSocketEndpoint#subprotocols()} writes, is read the same way; if both are present, both count.</li>
 * <li>{@value #SERVER} (String or String[], optional): the names of the servers that serve this endpoint. Absent
 * means every server but {@value #HTTP_WHITEBOARD_SERVER}. {@value #SERVERS} is read the same way.</li>
 * <li>{@value #HTTP_WHITEBOARD} (Boolean or {@code "true"}, optional): serve the endpoint on the framework's OSGi
 * HTTP whiteboard's port, through the server {@value #HTTP_WHITEBOARD_SERVER}, which is added to the servers named
 * in {@value #SERVER}. No configuration is needed: while at least one endpoint is for that server, the whiteboard
 * runs it on demand (with the bundle {@code net.websocket.whiteboard.http}, which publishes it as a servlet), and it
 * stops when the last goes. That server serves only the endpoints that name it (by this property or in
 * {@value #SERVER}); its servlet patterns follow their paths (a path without regex metacharacters exactly, else the
 * literal beginning up to its last '/' as a prefix pattern) unless a server configuration of that name sets them.</li>
 * </ul>
 * An endpoint may override, for its own connections, the settings of the server (see
 * {@link net.websocket.api.ConnectionOverrides}) with optional properties named {@value #SETTING_PREFIX} followed by
 * the name of any setting in {@link net.websocket.api.ConnectionSettings#SETTINGS} (for example
 * {@code websocket.maxMessageSize}, {@code websocket.idleTimeout}): sizes in bytes, times in milliseconds (0 turns
 * off the idle timeout, the close timeout and keepalive; 0 for the pong timeout leaves it to follow the ping
 * interval), numbers as {@code Long}, {@code Integer} or a decimal {@code String}, flags as {@code Boolean} or
 * {@code "true"}/{@code "false"}. A value that is not a valid setting makes the endpoint unusable (and
 * {@code ws:handlers} says why).
 * Endpoints are ordered by {@code service.ranking} (higher first), then by {@code service.id} (lower first).
 * Endpoints with the same path expression form one route whose entries are tried in that order; different path
 * expressions are tried in the order of their best endpoint, and the first whose expression matches the path is the
 * only one considered (as {@link net.websocket.api.ServiceMapper} does). Routing follows service changes from the
 * next handshake on; when an endpoint service goes away, its open connections are closed with 1001 (going away).
 *
 * <h2>Handshake hooks</h2>
 * A service registered as {@link net.websocket.api.HandshakeHook}, optionally with {@value #PATH} (absent: every
 * path) and {@value #SERVER}, sees every handshake routed to a matching path. Hooks run in ranking order; the first
 * rejection wins; the headers of all acceptances are added; the connection's state is the first non-null state; of
 * the settings acceptances override, the highest-ranked hook's win, on top of the endpoint's.
 */
public final class WebSocketWhiteboard {

    /** The property holding the path regular expression. */
    public static final String PATH = "websocket.path";

    /** The property holding the subprotocols served ({@value #NONE} for clients that offer none). */
    public static final String SUBPROTOCOL = "websocket.subprotocol";

    /** The spelling of {@link #SUBPROTOCOL} that {@link WebSocketEndpoint#subprotocols()} produces. */
    public static final String SUBPROTOCOLS = "websocket.subprotocols";

    /** The special {@link #SUBPROTOCOL} value for clients that offer no subprotocol. */
    public static final String NONE = "none";

    /**
     * The special {@link #SUBPROTOCOL} value for clients that offer any subprotocols, or none: the endpoint takes
     * them with no subprotocol unless a {@link net.websocket.api.HandshakeHook} answers with one of the offered ones
     * (a {@link net.websocket.api.ServiceMapper#any} entry, after the endpoint's listed ones).
     */
    public static final String ANY = "*";

    /** The property naming the servers that serve an endpoint or run a hook. */
    public static final String SERVER = "websocket.server";

    /** The spelling of {@link #SERVER} that {@link WebSocketEndpoint#servers()} produces. */
    public static final String SERVERS = "websocket.servers";

    /**
     * The property asking for the OSGi HTTP whiteboard's port (a Boolean): the endpoint is for the server
     * {@value #HTTP_WHITEBOARD_SERVER}, which the whiteboard runs on demand.
     */
    public static final String HTTP_WHITEBOARD = "websocket.httpWhiteboard";

    /**
     * The name of the server on the OSGi HTTP whiteboard's port that endpoints with {@value #HTTP_WHITEBOARD} are for;
     * a server configuration of this name replaces the one the whiteboard runs on demand.
     */
    public static final String HTTP_WHITEBOARD_SERVER = "http-whiteboard";

    /**
     * The prefix of the endpoint properties that override connection settings: {@value #SETTING_PREFIX} followed by
     * the name of a {@link net.websocket.api.ConnectionSetting}, e.g. {@code websocket.maxMessageSize}
     * ({@code SETTING_PREFIX + ConnectionSettings.MAX_MESSAGE_SIZE.name()}).
     */
    public static final String SETTING_PREFIX = "websocket.";

    /** The name of the whiteboard implementation ({@code osgi.implementation} capability). */
    public static final String IMPLEMENTATION = "net.websocket.whiteboard";

    /** The version of the whiteboard specification this package describes. */
    public static final String VERSION = "1.1.0";

    private WebSocketWhiteboard() {
    }
}
