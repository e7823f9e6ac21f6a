package net.websocket.runtime.internal;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.api.codec.HttpHeadWriter;

/**
 * What a connection knows about its opening handshake. An open connection is mostly idle, so this is kept compact:
 * a server keeps the request head as one byte array and parses the request line, headers, URI, path and query from
 * it only when first asked; heads the runtime wrote itself are kept as bytes and parsed only if asked for too.
 */
final class ConnectionInfo {

    /**
     * Pieces nearly every opening request has, each kept as one byte (its index plus one) in a packed request head.
     * Those bytes are control characters that no HTTP head holds (a head that does hold one is kept unpacked), so the
     * packing undoes exactly. Saves about half of what an idle connection keeps of its request.
     */
    private static final String[] HEAD_PIECES = {
        "Upgrade: websocket\r\n", "Connection: Upgrade\r\n", "Sec-WebSocket-Version: 13\r\n", " HTTP/1.1\r\n",
        "Sec-WebSocket-Key: ", "Host: ", "GET /",
    };

    /**
     * How an RFC 6455 101 response begins, up to the accept value. A server keeps only what follows it, since every
     * idle connection holds it; and when the accept value is the one the request's key calls for (as it always is
     * from our RFC 6455 variant), not that either: it is derived from the request again when asked for.
     */
    private static final byte[] RFC6455_101_START = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Accept: ").getBytes(StandardCharsets.ISO_8859_1);

    private static final byte[] CRLF = {'\r', '\n'};

    /** {@link #responseBytes} is the whole response head. */
    private static final byte RESPONSE_WHOLE = 0;
    /** {@link #responseBytes} is what follows {@link #RFC6455_101_START}. */
    private static final byte RESPONSE_AFTER_START = 1;
    /** {@link #responseBytes} is what follows {@link #RFC6455_101_START}, the accept value of the key and CRLF. */
    private static final byte RESPONSE_AFTER_ACCEPT = 2;

    private record Target(URI uri, String path, String query) {
    }

    private record Request(String line, Headers headers) {
    }

    final boolean server;
    final String variant;
    final String subprotocol;
    final List<String> offered;
    final InetSocketAddress remote;
    final InetSocketAddress local;
    final Object state;
    /** The path expression of the route that accepted this server connection; {@code null} on a client. */
    final String route;
    /**
     * Whether the frames of a whole message sent here depend on its payload alone: a server connection (frames
     * unmasked) with no extension negotiated (an extension may keep state across messages). Such frames may be
     * encoded once for many connections of the same variant ({@link Broadcast}).
     */
    final boolean plainFrames;
    private final boolean secure;
    /** The request head (start line, fields, empty line), or {@code null} when the request was given parsed. */
    private final byte[] requestBytes;
    /** Whether {@link #requestBytes} has the common pieces of {@link #HEAD_PIECES} packed into one byte each. */
    private final boolean requestPacked;
    /** The response head we wrote, or part of it as {@link #responseForm} says. */
    private final byte[] responseBytes;
    /** One of {@link #RESPONSE_WHOLE}, {@link #RESPONSE_AFTER_START}, {@link #RESPONSE_AFTER_ACCEPT}. */
    private final byte responseForm;
    /** URI, path and query, or {@code null} until first asked (one field, not four, on every connection). */
    private volatile Target target;
    /** Request line and headers, or {@code null} until first asked. */
    private volatile Request request;
    private volatile Headers responseHeaders;

    /**
     * @param requestLine     the request line, or {@code null} to parse it from {@code requestBytes}
     * @param requestHeaders  the request headers, or {@code null} to parse them from {@code requestBytes}
     * @param requestPacked   whether {@code requestBytes} has the pieces of {@link #HEAD_PIECES} packed
     * @param responseHeaders the response headers, or {@code null} to parse them from {@code responseBytes}
     * @param key             the request's {@code Sec-WebSocket-Key} (server), or {@code null}
     */
    private ConnectionInfo(boolean server, String variant, URI uri, String path, String query, String subprotocol,
            List<String> offered, InetSocketAddress remote, InetSocketAddress local, Object state, String route,
            boolean secure,
            String requestLine, Headers requestHeaders, byte[] requestBytes, boolean requestPacked,
            Headers responseHeaders, byte[] responseBytes, String key) {
        this.server = server;
        this.variant = variant;
        this.target = uri == null ? null : new Target(uri, path, query);
        this.subprotocol = subprotocol;
        this.offered = List.copyOf(offered);
        this.remote = remote;
        this.local = local;
        this.state = state;
        this.route = route;
        this.plainFrames = server && !namesHeader(responseBytes, EXTENSIONS_FIELD);
        this.secure = secure;
        this.request = requestLine == null || requestHeaders == null ? null
                : new Request(requestLine, requestHeaders);
        this.requestPacked = requestPacked;
        this.requestBytes = requestBytes;
        this.responseHeaders = responseHeaders;
        if (!startsWith(responseBytes, RFC6455_101_START)) {
            this.responseForm = RESPONSE_WHOLE;
            this.responseBytes = responseBytes;
            return;
        }
        int rest = RFC6455_101_START.length;
        if (key != null && AcceptValue.follows(key, responseBytes, rest)) {
            this.responseForm = RESPONSE_AFTER_ACCEPT;
            rest += AcceptValue.LENGTH + CRLF.length;
        } else {
            this.responseForm = RESPONSE_AFTER_START;
        }
        this.responseBytes = Arrays.equals(responseBytes, rest, responseBytes.length, CRLF, 0, CRLF.length) ? CRLF
                : Arrays.copyOfRange(responseBytes, rest, responseBytes.length);
    }

    /** The accept value for {@code key} and CRLF (RFC 6455 section 4.2.2), or {@code null} without SHA-1. */
    private static byte[] acceptLine(String key) {
        byte[] line = new byte[AcceptValue.LENGTH + CRLF.length];
        if (!AcceptValue.write(key, line, 0)) {
            return null;
        }
        line[AcceptValue.LENGTH] = '\r';
        line[AcceptValue.LENGTH + 1] = '\n';
        return line;
    }

    /** A client connection: the request it wrote (as bytes, parsed if asked for) and the response it parsed. */
    static ConnectionInfo client(String variant, URI uri, String path, String query, String subprotocol,
            List<String> offered, InetSocketAddress remote, InetSocketAddress local, ByteBuffer requestBytes,
            Headers responseHeaders) {
        return new ConnectionInfo(false, variant, uri, path, query, subprotocol, offered, remote, local, null, null,
                false, null, null, bytes(requestBytes), false, responseHeaders, null, null);
    }

    /** A server connection of no route (tests): as the one that names its route. */
    static ConnectionInfo server(String variant, HandshakeRequest request, String subprotocol, List<String> offered,
            Object state, ByteBuffer responseBytes) {
        return server(variant, request, subprotocol, offered, state, responseBytes, null);
    }

    /**
     * A server connection: the request it parsed (kept as bytes again), the response it wrote, and the path
     * expression of the route that accepted it.
     */
    static ConnectionInfo server(String variant, HandshakeRequest request, String subprotocol, List<String> offered,
            Object state, ByteBuffer responseBytes, String route) {
        RequestHead head = RequestHead.of(request);
        return new ConnectionInfo(true, variant, null, null, null, subprotocol, offered, request.remoteAddress(),
                request.localAddress(), state, route, request.secure(), null, null, head.bytes(), head.packed(), null,
                bytes(responseBytes), request.headers().get("Sec-WebSocket-Key"));
    }

    URI uri() {
        return target().uri;
    }

    String path() {
        return target().path;
    }

    /** The query, or {@code null}. */
    String query() {
        return target().query;
    }

    String requestLine() {
        return request().line;
    }

    Headers requestHeaders() {
        return request().headers;
    }

    Headers responseHeaders() {
        Headers h = responseHeaders;
        if (h == null) {
            try {
                ByteBuffer head;
                if (responseForm == RESPONSE_WHOLE) {
                    head = ByteBuffer.wrap(responseBytes);
                } else {
                    byte[] accept = responseForm == RESPONSE_AFTER_ACCEPT
                            ? acceptLine(requestHeaders().get("Sec-WebSocket-Key"))
                            : new byte[0];
                    head = ByteBuffer.allocate(RFC6455_101_START.length + accept.length + responseBytes.length)
                            .put(RFC6455_101_START).put(accept).put(responseBytes).flip();
                }
                h = HttpHeadParser.parseComplete(HttpHeadParser.Mode.RESPONSE, head).headers();
            } catch (HttpHeadParser.ParseException e) {
                h = Headers.empty();
            }
            responseHeaders = h;
        }
        return h;
    }

    /** The URI a server connection was asked for: the absolute-form target, or the Host header and the target. */
    static URI uriOf(HandshakeRequest request) {
        String target = request.target();
        try {
            if (!target.startsWith("/")) {
                return URI.create(target);
            }
            String host = request.host().orElse(null);
            String scheme = request.secure() ? "wss://" : "ws://";
            return host == null || host.isEmpty() ? URI.create(target) : URI.create(scheme + host + target);
        } catch (IllegalArgumentException e) {
            try {
                return new URI(null, null, request.path(), null);
            } catch (URISyntaxException e2) {
                return URI.create("/");
            }
        }
    }

    /** URI, path and query, derived from the request when first asked for (server side). */
    private Target target() {
        Target t = target;
        if (t == null) {
            HandshakeRequest r = parsedRequest();
            t = new Target(uriOf(r), r.path(), r.query().orElse(null));
            target = t;
        }
        return t;
    }

    /** Request line and headers, parsed from the request head when first asked for. */
    private Request request() {
        Request q = request;
        if (q == null) {
            HandshakeRequest r = parsedRequest();
            q = new Request(r.requestLine(), r.headers());
            request = q;
        }
        return q;
    }

    private HandshakeRequest parsedRequest() {
        try {
            HttpHeadParser p = HttpHeadParser.parseComplete(HttpHeadParser.Mode.REQUEST, ByteBuffer.wrap(requestHead()));
            return new HandshakeRequest(p.method(), p.target(), p.httpVersion(), p.headers(), remote, local, secure);
        } catch (HttpHeadParser.ParseException | RuntimeException e) {
            return new HandshakeRequest("GET", "/", "HTTP/1.1", Headers.empty(), remote, local, secure);
        }
    }

    /** The request head as it was, unpacked if it was packed. */
    private byte[] requestHead() {
        if (!requestPacked) {
            return requestBytes;
        }
        String text = new String(requestBytes, StandardCharsets.ISO_8859_1);
        for (int i = 0; i < HEAD_PIECES.length; i++) {
            text = text.replace(String.valueOf((char) (i + 1)), HEAD_PIECES[i]);
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The request head again, as the parser took it (field values were ISO-8859-1 text), with the common pieces of
     * {@link #HEAD_PIECES} packed where they make a whole start of the request line, its end, a whole field line or
     * the start of one; unpacked if the head holds a byte a packed piece would use.
     */
    private record RequestHead(byte[] bytes, boolean packed) {

        private static final byte[][] PIECES = new byte[HEAD_PIECES.length][];

        static {
            for (int i = 0; i < HEAD_PIECES.length; i++) {
                PIECES[i] = HEAD_PIECES[i].getBytes(StandardCharsets.ISO_8859_1);
            }
        }

        /** Indexes in {@link #HEAD_PIECES}. */
        private static final int UPGRADE = 0;
        private static final int CONNECTION = 1;
        private static final int VERSION = 2;
        private static final int HTTP_11 = 3;
        private static final int KEY = 4;
        private static final int HOST = 5;
        private static final int GET = 6;

        static RequestHead of(HandshakeRequest request) {
            String method = request.method();
            String target = request.target();
            String version = request.httpVersion();
            Headers headers = request.headers();
            List<Headers.Field> fields = headers.asList();
            int size = method.length() + target.length() + version.length() + 2 + 4;
            int packable = Math.min(packable(method), Math.min(packable(target), packable(version)));
            for (int i = 0, n = fields.size(); i < n; i++) {
                Headers.Field f = fields.get(i);
                size += f.name().length() + f.value().length() + 4;
                packable = Math.min(packable, Math.min(packable(f.name()), packable(f.value())));
            }
            if (packable == NOT_LATIN1) {
                // not from the parser: as the head writer writes it, unpacked
                return new RequestHead(new HttpHeadWriter(request.requestLine()).headers(headers).toBuffer().array(),
                        false);
            }
            byte[] out = new byte[size];
            int at = 0;
            // the request line, as HandshakeRequest.requestLine() spells it
            if (packable == PACKABLE && method.equals("GET") && target.startsWith("/")) {
                out[at++] = GET + 1;
                at = put(out, at, target, 1, target.length());
            } else {
                at = put(out, at, method, 0, method.length());
                out[at++] = ' ';
                at = put(out, at, target, 0, target.length());
            }
            out[at++] = ' ';
            at = put(out, at, version, 0, version.length());
            return write(out, at, fields, packable == PACKABLE);
        }

        private static RequestHead write(byte[] out, int at, List<Headers.Field> fields, boolean packable) {
            at = endLine(out, at, packable);
            for (int i = 0, n = fields.size(); i < n; i++) {
                Headers.Field f = fields.get(i);
                int whole = packable ? wholeLine(f) : -1;
                if (whole >= 0) {
                    out[at++] = (byte) (whole + 1);
                    continue;
                }
                String name = f.name();
                if (packable && name.equals("Host")) {
                    out[at++] = HOST + 1;
                } else if (packable && name.equals("Sec-WebSocket-Key")) {
                    out[at++] = KEY + 1;
                } else {
                    at = put(out, at, name, 0, name.length());
                    out[at++] = ':';
                    out[at++] = ' ';
                }
                at = put(out, at, f.value(), 0, f.value().length());
                out[at++] = '\r';
                out[at++] = '\n';
            }
            out[at++] = '\r';
            out[at++] = '\n';
            return new RequestHead(at == out.length ? out : Arrays.copyOf(out, at), packable);
        }

        /** Ends the request line: its " HTTP/1.1" and CRLF packed when it has them (written as they are first). */
        private static int endLine(byte[] out, int at, boolean packable) {
            byte[] http = PIECES[HTTP_11];
            int version = http.length - 2; // without CRLF
            if (packable && at >= version && Arrays.equals(out, at - version, at, http, 0, version)) {
                at -= version;
                out[at++] = HTTP_11 + 1;
                return at;
            }
            out[at++] = '\r';
            out[at++] = '\n';
            return at;
        }

        /** The index of the piece that is this whole field line, or -1. */
        private static int wholeLine(Headers.Field f) {
            String name = f.name();
            String value = f.value();
            if (name.equals("Upgrade") && value.equals("websocket")) {
                return UPGRADE;
            }
            if (name.equals("Connection") && value.equals("Upgrade")) {
                return CONNECTION;
            }
            if (name.equals("Sec-WebSocket-Version") && value.equals("13")) {
                return VERSION;
            }
            return -1;
        }

        /** What {@link #packable(String)} finds, the worst first. */
        private static final int NOT_LATIN1 = 0;
        private static final int UNPACKABLE = 1;
        private static final int PACKABLE = 2;

        /** Whether {@code s} holds a character above 0xff, or one that a packed piece would stand for. */
        private static int packable(String s) {
            int verdict = PACKABLE;
            for (int i = 0, n = s.length(); i < n; i++) {
                char c = s.charAt(i);
                if (c > 0xff) {
                    return NOT_LATIN1;
                }
                if (c <= HEAD_PIECES.length) {
                    verdict = UNPACKABLE;
                }
            }
            return verdict;
        }

        /** Writes {@code s[from, to)}, Latin-1 characters only, as ISO-8859-1. */
        private static int put(byte[] out, int at, String s, int from, int to) {
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                out[at++] = (byte) c;
            }
            return at;
        }
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        return a != null && a.length >= prefix.length
                && Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The header field that names a connection's extensions, lower case with its colon. */
    private static final byte[] EXTENSIONS_FIELD =
            "\r\nsec-websocket-extensions:".getBytes(StandardCharsets.ISO_8859_1);

    /**
     * Whether a response head has a field {@code field} (CR LF, the lower-case name and colon), its name matched
     * regardless of case.
     */
    static boolean namesHeader(byte[] head, byte[] field) {
        if (head == null) {
            return false;
        }
        outer:
        for (int i = 0; i + field.length <= head.length; i++) {
            for (int j = 0; j < field.length; j++) {
                int b = head[i + j];
                if (b >= 'A' && b <= 'Z') {
                    b += 'a' - 'A';
                }
                if (b != field[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] bytes(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        ByteBuffer d = b.duplicate();
        byte[] a = new byte[d.remaining()];
        d.get(a);
        return a;
    }
}
