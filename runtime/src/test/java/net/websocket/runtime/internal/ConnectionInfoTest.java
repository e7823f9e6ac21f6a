package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;

/** A server connection keeps its handshake compactly and still gives back exactly what was sent and received. */
class ConnectionInfoTest {

    private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8080);

    private static ConnectionInfo server(Headers headers, String target, String response) {
        HandshakeRequest request = new HandshakeRequest("GET", target, "HTTP/1.1", headers, REMOTE, LOCAL, false);
        return ConnectionInfo.server("rfc6455", request, null, List.of(), null,
                ByteBuffer.wrap(response.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /**
     * A server connection with no extension has frames that depend on their payload alone, so a broadcast may share
     * them; one with an extension named in the response (in any case) has not. The route is kept as given.
     */
    @Test
    void aServerConnectionWithoutAnExtensionHasPlainFramesAndKeepsItsRoute() {
        Headers headers = Headers.of("Host", "h", "Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13");
        HandshakeRequest request = new HandshakeRequest("GET", "/chat/1", "HTTP/1.1", headers, REMOTE, LOCAL, false);
        String start = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n";
        ConnectionInfo plain = ConnectionInfo.server("rfc6455", request, null, List.of(), null,
                ByteBuffer.wrap((start + "\r\n").getBytes(StandardCharsets.ISO_8859_1)), "/chat/.*");
        assertTrue(plain.plainFrames);
        assertEquals("/chat/.*", plain.route);
        for (String field : new String[] {"Sec-WebSocket-Extensions", "sec-websocket-EXTENSIONS"}) {
            ConnectionInfo deflate = ConnectionInfo.server("rfc6455", request, null, List.of(), null,
                    ByteBuffer.wrap((start + field + ": permessage-deflate\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1)), "/chat/.*");
            assertFalse(deflate.plainFrames, field);
        }
        ConnectionInfo other = ConnectionInfo.server("rfc6455", request, null, List.of(), null,
                ByteBuffer.wrap((start + "X-Sec-WebSocket-Extensions-Note: none\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1)), null);
        assertTrue(other.plainFrames, "only that field counts");
        assertNull(other.route);
    }

    @Test
    void typicalRequestAndResponseComeBackExactly() {
        Headers headers = Headers.of("Host", "127.0.0.1:8080", "Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13",
                "X-Note", "GET /Host: Upgrade: websocket HTTP/1.1", "Origin", "http://127.0.0.1");
        String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nX-Hook: yes\r\n\r\n";
        ConnectionInfo info = server(headers, "/echo?a=b", response);
        assertEquals("GET /echo?a=b HTTP/1.1", info.requestLine());
        assertEquals(headers.asList(), info.requestHeaders().asList());
        assertEquals("/echo", info.path());
        assertEquals("a=b", info.query());
        assertEquals(List.of(new Headers.Field("Upgrade", "websocket"), new Headers.Field("Connection", "Upgrade"),
                new Headers.Field("Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="),
                new Headers.Field("X-Hook", "yes")), info.responseHeaders().asList());
    }

    @Test
    void otherResponsesAndUnusualHeadsComeBackExactly() {
        Headers headers = Headers.of("host", "h", "upgrade", "WebSocket", "X-Latin", "caf\u00e9");
        String response = "HTTP/1.1 101 WebSocket Protocol Handshake\r\nUpgrade: WebSocket\r\n\r\n";
        ConnectionInfo info = server(headers, "/", response);
        assertEquals("GET / HTTP/1.1", info.requestLine());
        assertEquals(headers.asList(), info.requestHeaders().asList());
        assertEquals(List.of(new Headers.Field("Upgrade", "WebSocket")), info.responseHeaders().asList());
    }

    @Test
    void responseWithAnAcceptValueOfItsOwnComesBackExactly() {
        Headers headers = Headers.of("Host", "h", "Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13");
        String start = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
        ConnectionInfo derived = server(headers, "/",
                start + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");
        assertEquals(List.of(new Headers.Field("Upgrade", "websocket"), new Headers.Field("Connection", "Upgrade"),
                new Headers.Field("Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")),
                derived.responseHeaders().asList());
        ConnectionInfo other = server(headers, "/", start + "Sec-WebSocket-Accept: bm90IHRoZSByaWdodCB2YWx1ZQ==\r\n"
                + "Sec-WebSocket-Protocol: chat\r\n\r\n");
        assertEquals(List.of(new Headers.Field("Upgrade", "websocket"), new Headers.Field("Connection", "Upgrade"),
                new Headers.Field("Sec-WebSocket-Accept", "bm90IHRoZSByaWdodCB2YWx1ZQ=="),
                new Headers.Field("Sec-WebSocket-Protocol", "chat")), other.responseHeaders().asList());
    }

    @Test
    void requestLinesAndFieldsThatOnlyResembleTheCommonPiecesComeBackExactly() {
        Headers headers = Headers.of("Host", "", "Upgrade", "websocket, h2c", "Connection", "upgrade",
                "Sec-WebSocket-Version", "130", "X-Line", "GET / HTTP/1.1", "Sec-WebSocket-Key", "", "Hosts", "a");
        for (String[] line : new String[][] {{"GET", "ws://h/a?b", "HTTP/1.1"}, {"POST", "/", "HTTP/1.0"},
                {"GET", "/HTTP/1.1", "HTTP/1.1"}, {"GE", "/", "HTTP/1.1"}}) {
            HandshakeRequest request = new HandshakeRequest(line[0], line[1], line[2], headers, REMOTE, LOCAL, false);
            ConnectionInfo info = ConnectionInfo.server("rfc6455", request, null, List.of(), null,
                    ByteBuffer.wrap("HTTP/1.1 101 Switching Protocols\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
            assertEquals(line[0] + " " + line[1] + " " + line[2], info.requestLine());
            assertEquals(headers.asList(), info.requestHeaders().asList());
        }
    }
}
