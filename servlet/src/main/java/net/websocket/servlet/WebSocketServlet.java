package net.websocket.servlet;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.api.ServiceMapper;
import net.websocket.runtime.ServerOptions;
import net.websocket.servlet.spi.ContainerUpgrade;
import net.websocket.upgrade.Handshake;
import net.websocket.upgrade.UpgradeServer;

/**
 * A servlet that serves WebSockets on the container's port: every request it gets is a handshake, decided by an
 * {@link UpgradeServer} (the runtime's variants, chosen by the request's headers, RFC 6455 and hybi-00 alike; the
 * origin policy; the {@link ServiceMapper}, which sees the whole request path; the limits and the handshake hook of
 * its {@link ServerOptions}); a refused one is answered with its status and a plain-text reason, an accepted one with
 * the variant's 101, and the connection then runs over the container's upgraded connection
 * ({@link UpgradedConnection}, joined to the handshake by an {@link UpgradeHandoff} whenever the container initializes
 * it) with every connection setting (limits, timeouts, keepalive, queue limits and
 * backpressure) of the options. A connection is {@code wss} when the container terminated TLS
 * ({@code request.isSecure()}).
 *
 * <p>Programmatically: {@code new WebSocketServlet(options, mapper)} (the servlet starts and stops its server) or
 * {@code new WebSocketServlet(server)} (the caller's server). In {@code web.xml} or with {@code @WebServlet}: a
 * subclass with a public no-argument constructor that overrides {@link #mapper()} and, if wanted, {@link #options()}.
 *
 * <p>Where a {@link ContainerUpgrade} found through {@link java.util.ServiceLoader} serves in the container (the module
 * {@code net.websocket.servlet.jetty} in Jetty 12.1), the connection is switched its way instead of through
 * {@code HttpServletRequest#upgrade}; the handshake's decision is the same. Where it
 * {@linkplain ContainerUpgrade#withholdResponse withholds} the container's response after
 * {@code HttpServletRequest#upgrade} (the module {@code net.websocket.servlet.tomcat} in Tomcat 10.1 and 11), a hybi-00
 * handshake is answered by the connection itself once key3 has come.
 *
 * <p>In a container that collapses runs of spaces in header values (Undertow 2.3) a hybi-00 handshake is decided on
 * its keys as the client sent them, which the container's own upgrade knows
 * ({@link ContainerUpgrade#fieldAsSent}: the module {@code net.websocket.servlet.undertow} with its listener); where
 * none knows them, it is refused with 400 and the reason: its keys may have lost spaces, and a wrong challenge would
 * be worse than a clear refusal. A refused hybi-00 handshake closes the connection ({@code Connection: close}): its
 * key3 follows the head and is no request.
 *
 * <p>A container that cannot switch protocols is told at {@link #init()} where it is known not to
 * ({@link UnavailableException}: Jetty 9.4 and 12.0), otherwise at the first handshake, which is then answered 501
 * and logged with the reason, never left hanging.
 */
public class WebSocketServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = System.getLogger(WebSocketServlet.class.getName());

    /** Server infos ({@code ServletContext#getServerInfo()}) of containers whose {@code upgrade()} always throws. */
    private static final String[] CANNOT_UPGRADE = {"jetty/12.0.", "jetty/9."};

    /**
     * Server infos of containers that collapse each run of spaces and tabs in a header value to one space before the
     * servlet sees it (Undertow 2.3: {@code HttpRequestParser#handleHeaderValueCacheMiss}, no option turns it off),
     * which loses the count of spaces a hybi-00 key's number is divided by.
     */
    private static final String[] COLLAPSE_HEADER_SPACES = {"undertow"};
    private static final String KEY1 = "Sec-WebSocket-Key1";
    private static final String KEY2 = "Sec-WebSocket-Key2";

    private final transient ServerOptions givenOptions;
    private final transient ServiceMapper givenMapper;
    private transient UpgradeServer server;
    /** Whether this servlet started {@link #server} (and so stops it). */
    private transient boolean owned;
    /** The container's own way of switching protocols, if one serves in it; else {@code null}. */
    private transient ContainerUpgrade containerUpgrade;
    private transient volatile boolean upgradeFailed;
    /** Why a hybi-00 handshake cannot be decided in this container, or {@code null} if it can. */
    private transient String hybi00Refusal;

    /** For a subclass that overrides {@link #mapper()} (and perhaps {@link #options()}): web.xml, annotations. */
    protected WebSocketServlet() {
        this.givenOptions = null;
        this.givenMapper = null;
    }

    /**
     * A servlet that starts a server with these options and routes at {@link #init()} and stops it at
     * {@link #destroy()}.
     *
     * @param options the server's options (those that concern sockets are the container's business)
     * @param mapper  the routes, by the whole request path
     */
    public WebSocketServlet(ServerOptions options, ServiceMapper mapper) {
        this.givenOptions = Objects.requireNonNull(options, "options");
        this.givenMapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * A servlet that serves through a server the caller started and stops.
     *
     * @param server the server
     */
    public WebSocketServlet(UpgradeServer server) {
        this.givenOptions = null;
        this.givenMapper = null;
        this.server = Objects.requireNonNull(server, "server");
    }

    /**
     * The routes of a servlet made by the container; called once, at {@link #init()}. This implementation throws.
     *
     * @return the routes, by the whole request path
     * @throws ServletException if there are none
     */
    protected ServiceMapper mapper() throws ServletException {
        throw new UnavailableException("a WebSocketServlet made by the container needs a subclass that overrides"
                + " mapper()");
    }

    /**
     * The options of a servlet made by the container; called once, at {@link #init()}.
     *
     * @return {@link ServerOptions#defaults()} unless overridden
     */
    protected ServerOptions options() {
        return ServerOptions.defaults();
    }

    @Override
    public void init() throws ServletException {
        String info = String.valueOf(getServletContext().getServerInfo()).toLowerCase(Locale.ROOT);
        for (String prefix : CANNOT_UPGRADE) {
            if (info.startsWith(prefix)) {
                throw new UnavailableException("WebSockets need HttpServletRequest#upgrade, which " + info
                        + " does not support: use Jetty 12.1, Tomcat 10.1 or later, or Undertow 2.3");
            }
        }
        containerUpgrade = ContainerUpgrades.find(getServletContext());
        for (String prefix : COLLAPSE_HEADER_SPACES) {
            if (info.startsWith(prefix)) {
                hybi00Refusal = "hybi-00 is not served through " + getServletContext().getServerInfo() + ": it"
                        + " collapses runs of spaces in header values, and a Sec-WebSocket-Key1/Key2 number is"
                        + " divided by its count of spaces (net.websocket.servlet.undertow's RawHeadOpenListener keeps"
                        + " them as sent)\n";
            }
        }
        if (server == null) {
            server = givenMapper != null ? UpgradeServer.start(givenOptions, givenMapper)
                    : UpgradeServer.start(options(), mapper());
            owned = true;
        }
    }

    @Override
    public void destroy() {
        if (owned && server != null) {
            server.close();
        }
    }

    /** {@return the server deciding this servlet's handshakes ({@code null} before {@link #init()})} */
    public UpgradeServer server() {
        return server;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (upgradeFailed) {
            refuse(resp, 501, Headers.empty(), "this servlet container cannot switch protocols\n");
            return;
        }
        Map<String, String> asSent = Map.of();
        if (hybi00Refusal != null && (req.getHeader(KEY1) != null || req.getHeader(KEY2) != null)) {
            asSent = keysAsSent(req);
            if (asSent == null) {
                // the keys as the servlet sees them may have lost spaces: refused, never answered with a wrong
                // challenge
                resp.setHeader("Connection", "close");
                refuse(resp, 400, Headers.empty(), hybi00Refusal);
                return;
            }
        }
        Handshake h = server.handshake(request(req, asSent));
        if (!h.accepted()) {
            if (req.getHeader(KEY1) != null || req.getHeader(KEY2) != null) {
                // hybi-00's key3 follows the head, and it is no request: the connection ends with the refusal (a
                // container that holds responses back while more requests may follow, as Undertow does with
                // BUFFER_PIPELINED_DATA, would otherwise keep the refusal waiting)
                resp.setHeader("Connection", "close");
            }
            refuse(resp, h.status(), h.headers(), h.refusalText());
            return;
        }
        Set<String> set = new HashSet<>();
        for (Headers.Field f : h.headers().asList()) {
            if (set.add(f.name().toLowerCase(Locale.ROOT))) {
                resp.setHeader(f.name(), f.value());
            } else {
                resp.addHeader(f.name(), f.value());
            }
        }
        resp.setStatus(h.status());
        ContainerUpgrade own = containerUpgrade;
        try {
            if (own != null && own.upgrade(req, resp, h)) {
                return;
            }
        } catch (RuntimeException | LinkageError e) {
            upgradeFailed(resp, h, own.getClass().getName(), e);
            return;
        }
        UpgradeHandoff c;
        try {
            c = req.upgrade(UpgradeHandoff.class);
        } catch (IOException | ServletException | RuntimeException | LinkageError e) {
            upgradeFailed(resp, h, "HttpServletRequest#upgrade", e);
            return;
        }
        c.handshake(h, h.bodyLength() > 0 && withholdResponse(own, req, resp));
    }

    /** Whether the container's own upgrade made sure nothing of the container's response goes out. */
    private static boolean withholdResponse(ContainerUpgrade own, HttpServletRequest req, HttpServletResponse resp) {
        if (own == null) {
            return false;
        }
        try {
            return own.withholdResponse(req, resp);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, own.getClass().getName() + " could not withhold the container's response", e);
            return false;
        }
    }

    /**
     * {@return the hybi-00 keys the request has, as the client sent them (by the container's own upgrade), or
     * {@code null} if one of them is not known}
     */
    private Map<String, String> keysAsSent(HttpServletRequest req) {
        ContainerUpgrade own = containerUpgrade;
        Map<String, String> keys = new HashMap<>();
        for (String name : new String[] {KEY1, KEY2}) {
            if (req.getHeader(name) == null) {
                continue;
            }
            String value = own == null ? null : own.fieldAsSent(req, name);
            if (value == null) {
                return null;
            }
            keys.put(name.toLowerCase(Locale.ROOT), value);
        }
        return keys;
    }

    /** Answers 501 from now on: the container's way of switching protocols failed. */
    private void upgradeFailed(HttpServletResponse resp, Handshake h, String way, Throwable e) throws IOException {
        h.abandon();
        upgradeFailed = true;
        String why = "WebSockets need " + way + ", which failed in " + getServletContext().getServerInfo() + ": " + e;
        LOG.log(Level.ERROR, why, e);
        resp.reset();
        refuse(resp, 501, Headers.empty(), why + "\n");
    }

    private static void refuse(HttpServletResponse resp, int status, Headers headers, String text)
            throws IOException {
        resp.setStatus(status);
        for (Headers.Field f : headers.asList()) {
            resp.addHeader(f.name(), f.value());
        }
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        resp.setContentType("text/plain; charset=utf-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    /** The request head as the runtime's handshake reads it. */
    static HandshakeRequest request(HttpServletRequest req) {
        return request(req, Map.of());
    }

    /**
     * The request head as the runtime's handshake reads it, with the values of the fields in {@code asSent} (by
     * lower-case name) as the client sent them in place of the container's.
     */
    static HandshakeRequest request(HttpServletRequest req, Map<String, String> asSent) {
        String query = req.getQueryString();
        String target = req.getRequestURI() + (query == null ? "" : "?" + query);
        Headers.Builder b = Headers.builder();
        for (Enumeration<String> names = req.getHeaderNames(); names.hasMoreElements();) {
            String name = names.nextElement();
            String sent = asSent.get(name.toLowerCase(Locale.ROOT));
            if (sent != null) {
                b.add(name, sent);
                continue;
            }
            for (Enumeration<String> values = req.getHeaders(name); values.hasMoreElements();) {
                b.add(name, values.nextElement());
            }
        }
        return new HandshakeRequest(req.getMethod(), target, req.getProtocol(), b.build(),
                address(req.getRemoteAddr(), req.getRemotePort()), address(req.getLocalAddr(), req.getLocalPort()),
                req.isSecure());
    }

    private static InetSocketAddress address(String host, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port); // a literal: no name lookup
        } catch (IOException | RuntimeException e) {
            return InetSocketAddress.createUnresolved(String.valueOf(host), Math.max(0, port));
        }
    }
}
