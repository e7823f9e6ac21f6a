package net.websocket.runtime.internal;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;

import net.websocket.api.Headers;

/**
 * What a connection knows about its opening handshake. Heads the runtime wrote itself are kept as bytes and parsed
 * only if asked for.
 */
final class ConnectionInfo {

    final boolean server;
    final String variant;
    final URI uri;
    final String path;
    final String query;
    final String subprotocol;
    final List<String> offered;
    final InetSocketAddress remote;
    final InetSocketAddress local;
    final Object state;
    private volatile String requestLine;
    private volatile Headers requestHeaders;
    private volatile Headers responseHeaders;
    private final ByteBuffer requestBytes;
    private final ByteBuffer responseBytes;

    /**
     * @param requestLine     the request line, or {@code null} to parse it from {@code requestBytes}
     * @param requestHeaders  the request headers, or {@code null} to parse them from {@code requestBytes}
     * @param responseHeaders the response headers, or {@code null} to parse them from {@code responseBytes}
     */
    ConnectionInfo(boolean server, String variant, URI uri, String path, String query, String subprotocol,
            List<String> offered, InetSocketAddress remote, InetSocketAddress local, Object state,
            String requestLine, Headers requestHeaders, ByteBuffer requestBytes, Headers responseHeaders,
            ByteBuffer responseBytes) {
        this.server = server;
        this.variant = variant;
        this.uri = uri;
        this.path = path;
        this.query = query;
        this.subprotocol = subprotocol;
        this.offered = List.copyOf(offered);
        this.remote = remote;
        this.local = local;
        this.state = state;
        this.requestLine = requestLine;
        this.requestHeaders = requestHeaders;
        this.requestBytes = requestBytes;
        this.responseHeaders = responseHeaders;
        this.responseBytes = responseBytes;
    }

    String requestLine() {
        if (requestLine == null) {
            parseRequest();
        }
        return requestLine;
    }

    Headers requestHeaders() {
        if (requestHeaders == null) {
            parseRequest();
        }
        return requestHeaders;
    }

    Headers responseHeaders() {
        Headers h = responseHeaders;
        if (h == null) {
            try {
                h = HttpHeadParser.parseComplete(HttpHeadParser.Mode.RESPONSE, responseBytes).headers();
            } catch (HttpHeadParser.ParseException e) {
                h = Headers.empty();
            }
            responseHeaders = h;
        }
        return h;
    }

    private void parseRequest() {
        try {
            HttpHeadParser p = HttpHeadParser.parseComplete(HttpHeadParser.Mode.REQUEST, requestBytes);
            requestHeaders = p.headers();
            requestLine = p.startLine();
        } catch (HttpHeadParser.ParseException e) {
            requestHeaders = Headers.empty();
            requestLine = "";
        }
    }
}
