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
 * {@value #NONE} stands for clients that offer none. Absent means {@value #NONE} only. {@value #SUBPROTOCOLS}, the
 * name {@link WebSocketEndpoint#subprotocols()} writes, is read the same way; if both are present, both count.</li>
 * <li>{@value #SERVER} (String or String[], optional): the names of the servers that serve this endpoint. Absent
 * means every server. {@value #SERVERS} is read the same way.</li>
 * </ul>
 * An endpoint may override, for its own connections, the settings of the server (see
 * {@link net.websocket.api.ConnectionOverrides}) with these optional properties, numbers as {@code Long},
 * {@code Integer} or a decimal {@code String}, flags as {@code Boolean} or {@code "true"}/{@code "false"}:
 * {@value #MAX_FRAME_SIZE}, {@value #MAX_MESSAGE_SIZE}, {@value #STREAM_FRAGMENT_SIZE},
 * {@value #OUTBOUND_QUEUE_LIMIT}, {@value #INBOUND_QUEUE_LIMIT} (bytes); {@value #IDLE_TIMEOUT},
 * {@value #CLOSE_TIMEOUT}, {@value #PING_INTERVAL}, {@value #PONG_TIMEOUT} (milliseconds; 0 turns off the first
 * three); {@value #DROP_INCOMING_PINGS}, {@value #PROPAGATE_PROTOCOL_ERRORS}. A value that is not a valid setting
 * makes the endpoint unusable (and {@code ws:endpoints} says why).
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

    /** The property naming the servers that serve an endpoint or run a hook. */
    public static final String SERVER = "websocket.server";

    /** The spelling of {@link #SERVER} that {@link WebSocketEndpoint#servers()} produces. */
    public static final String SERVERS = "websocket.servers";

    /** Endpoint property: the largest frame payload its connections accept, in bytes. */
    public static final String MAX_FRAME_SIZE = "websocket.maxFrameSize";

    /** Endpoint property: the largest message its connections accept, in bytes. */
    public static final String MAX_MESSAGE_SIZE = "websocket.maxMessageSize";

    /** Endpoint property: the idle timeout of its connections, in milliseconds; 0 for none. */
    public static final String IDLE_TIMEOUT = "websocket.idleTimeout";

    /** Endpoint property: the close timeout of its connections, in milliseconds; 0 to wait forever. */
    public static final String CLOSE_TIMEOUT = "websocket.closeTimeout";

    /** Endpoint property: the keepalive ping interval of its connections, in milliseconds; 0 for no keepalive. */
    public static final String PING_INTERVAL = "websocket.pingInterval";

    /** Endpoint property: how long after a keepalive ping its peers must answer, in milliseconds. */
    public static final String PONG_TIMEOUT = "websocket.pongTimeout";

    /** Endpoint property: whether its connections leave received pings unanswered. */
    public static final String DROP_INCOMING_PINGS = "websocket.dropIncomingPings";

    /** Endpoint property: whether its peers' protocol errors reach the endpoint. */
    public static final String PROPAGATE_PROTOCOL_ERRORS = "websocket.propagateProtocolErrors";

    /** Endpoint property: the outbound queue limit of its connections, in bytes. */
    public static final String OUTBOUND_QUEUE_LIMIT = "websocket.outboundQueueLimit";

    /** Endpoint property: the inbound queue limit of its connections, in bytes. */
    public static final String INBOUND_QUEUE_LIMIT = "websocket.inboundQueueLimit";

    /** Endpoint property: the fragment size of messages its connections send through streams, in bytes. */
    public static final String STREAM_FRAGMENT_SIZE = "websocket.streamFragmentSize";

    /** The name of the whiteboard implementation ({@code osgi.implementation} capability). */
    public static final String IMPLEMENTATION = "net.websocket.whiteboard";

    /** The version of the whiteboard specification this package describes. */
    public static final String VERSION = "1.0.0";

    private WebSocketWhiteboard() {
    }
}
