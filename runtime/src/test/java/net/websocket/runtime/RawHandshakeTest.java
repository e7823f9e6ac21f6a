package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.Connection;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.WebSocketServer;
import net.websocket.api.spi.ClientHandshake;
import net.websocket.api.spi.ClientHandshakeRequest;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.api.spi.ServerHandshake;
import net.websocket.nio.WebSockets;

/** Bad handshakes from raw sockets: each gets the right HTTP error and a closed socket; good clients carry on. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RawHandshakeTest {

    static WebSocketServer server;
    /** A good client connection kept open across all tests, checked after each. */
    static Connection good;

    @BeforeAll
    static void start() throws Exception {
        server = WebSockets.serve(TestSupport.options().handshakeTimeout(Duration.ofMillis(700))
                .maxRequestHeadSize(4096).build(), TestSupport.ECHO);
        good = TestSupport.client().connect(TestSupport.uri(server, "/"));
    }

    @AfterAll
    static void stop() {
        good.abort();
        server.close();
    }

    private static void goodStillWorks() throws Exception {
        good.sendText("still there?");
        assertEquals("still there?", good.receiveText());
    }

    private static void assertErrorResponse(String response, int status) {
        assertEquals(status, Raw.status(response), response);
        String head = response.substring(0, response.indexOf("\r\n\r\n") + 2);
        assertEquals("text/plain; charset=utf-8", Raw.header(head, "Content-Type"));
        assertEquals("close", Raw.header(head, "Connection"));
        int length = Integer.parseInt(Raw.header(head, "Content-Length"));
        assertEquals(length, Raw.body(response).getBytes(StandardCharsets.ISO_8859_1).length);
        assertTrue(length > 0, "a short text body");
    }

    @Test
    void garbageIs400() throws Exception {
        String r = Raw.exchange(server.port(), "HELLO THERE\r\n\r\n");
        assertErrorResponse(r, 400);
        r = Raw.exchange(server.port(), new byte[] {0, 1, 2, 3, (byte) 0xff, '\r', '\n', '\r', '\n'});
        assertErrorResponse(r, 400);
        goodStillWorks();
    }

    @Test
    void wrongVersionIs426WithSupportedVersions() throws Exception {
        String r = Raw.exchange(server.port(), Raw.upgrade("/").replace("Version: 13", "Version: 8"));
        assertErrorResponse(r, 426);
        assertEquals("13", Raw.header(r.substring(0, r.indexOf("\r\n\r\n") + 2), "Sec-WebSocket-Version"));
        goodStillWorks();
    }

    @Test
    void plainGetIs426Upgrade() throws Exception {
        String r = Raw.exchange(server.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertErrorResponse(r, 426);
        assertEquals("websocket", Raw.header(r.substring(0, r.indexOf("\r\n\r\n") + 2), "Upgrade"));
    }

    @Test
    void upgradeNoVariantAcceptsIs400() throws Exception {
        String r = Raw.exchange(server.port(),
                "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
        assertErrorResponse(r, 400);
    }

    @Test
    void oversizeHeadIs431() throws Exception {
        String big = "X-Big: " + "a".repeat(5000);
        String r = Raw.exchange(server.port(), Raw.upgrade("/", big));
        assertErrorResponse(r, 431);
        goodStillWorks();
    }

    @Test
    void oversizeHeadWithMoreToComeIs431() throws Exception {
        // a client that keeps sending after the limit still gets the answer, not a reset
        byte[] huge = ("GET / HTTP/1.1\r\nX: " + "b".repeat(200_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (Socket s = Raw.open(server.port())) {
            Thread writer = new Thread(() -> {
                try {
                    s.getOutputStream().write(huge);
                } catch (Exception e) {
                    // the server may close before we are done
                }
            });
            writer.start();
            String r = Raw.readToEnd(s.getInputStream());
            assertErrorResponse(r, 431);
            writer.join(10_000);
        }
    }

    @Test
    void tooManyHeaderFieldsIs431() throws Exception {
        String[] lines = new String[120];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "X-" + i + ": y";
        }
        String r = Raw.exchange(server.port(), Raw.upgrade("/", lines));
        assertErrorResponse(r, 431);
    }

    @Test
    void bareLfIs400() throws Exception {
        String r = Raw.exchange(server.port(), Raw.upgrade("/").replace("Host: 127.0.0.1\r\n", "Host: 127.0.0.1\n"));
        assertErrorResponse(r, 400);
    }

    @Test
    void obsFoldIs400() throws Exception {
        String r = Raw.exchange(server.port(), Raw.upgrade("/", "X-Folded: a", " b"));
        assertErrorResponse(r, 400);
    }

    @Test
    void spaceBeforeColonIs400() throws Exception {
        String r = Raw.exchange(server.port(), Raw.upgrade("/", "X-Bad : a"));
        assertErrorResponse(r, 400);
    }

    @Test
    void missingKeyIs400() throws Exception {
        String r = Raw.exchange(server.port(), Raw.upgrade("/").replace("Sec-WebSocket-Key: " + Raw.KEY + "\r\n", ""));
        assertErrorResponse(r, 400);
    }

    // ------------------------------------------------------------ strict HTTP: what a hostile client might send

    /** Writes the request and returns the status line of the answer, then reads on until the server closes. */
    private static String statusLine(String request) throws Exception {
        String r = Raw.exchange(server.port(), request);
        return r.substring(0, Math.max(0, r.indexOf("\r\n")));
    }

    @Test
    void absoluteTargetNamingAForeignHostIs400() throws Exception {
        assertErrorResponse(Raw.exchange(server.port(), Raw.upgrade("http://evil.example/echo")), 400);
        assertErrorResponse(Raw.exchange(server.port(), Raw.upgrade("ws://127.0.0.1:1/echo")), 400);
        assertErrorResponse(Raw.exchange(server.port(), Raw.upgrade("ws://user@127.0.0.1/echo")), 400);
        assertErrorResponse(Raw.exchange(server.port(), Raw.upgrade("*")), 400);
        goodStillWorks();
    }

    @Test
    void absoluteTargetNamingTheHostFieldsAuthorityIsUpgraded() throws Exception {
        try (Socket s = Raw.open(server.port())) {
            s.getOutputStream().write(Raw.upgrade("ws://127.0.0.1/echo").getBytes(StandardCharsets.US_ASCII));
            String head = Raw.readHead(s.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 101 "), head);
        }
    }

    @Test
    void upgradeRequestWithABodyIs400() throws Exception {
        assertEquals("HTTP/1.1 400 Bad Request", statusLine(Raw.upgrade("/", "Content-Length: 5") + "hello"));
        assertEquals("HTTP/1.1 400 Bad Request",
                statusLine(Raw.upgrade("/", "Transfer-Encoding: chunked") + "5\r\nhello\r\n0\r\n\r\n"));
        assertErrorResponse(Raw.exchange(server.port(), Raw.upgrade("/", "Content-Length: 5") + "hello"), 400);
        try (Socket s = Raw.open(server.port())) {
            s.getOutputStream().write(Raw.upgrade("/", "Content-Length: 0").getBytes(StandardCharsets.US_ASCII));
            String head = Raw.readHead(s.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 101 "), "Content-Length: 0 is no body: " + head);
        }
        goodStillWorks();
    }

    @Test
    void missingOrRepeatedSingleFieldsAre400() throws Exception {
        assertEquals("HTTP/1.1 400 Bad Request",
                statusLine(Raw.upgrade("/").replace("Host: 127.0.0.1\r\n", "")));
        assertEquals("HTTP/1.1 400 Bad Request", statusLine(Raw.upgrade("/", "Host: evil.example")));
        assertEquals("HTTP/1.1 400 Bad Request", statusLine(Raw.upgrade("/", "Sec-WebSocket-Key: " + Raw.KEY)));
        assertEquals("HTTP/1.1 400 Bad Request", statusLine(Raw.upgrade("/", "Sec-WebSocket-Version: 13")));
        try (Socket s = Raw.open(server.port())) {
            s.getOutputStream().write(Raw.upgrade("/", "Sec-WebSocket-Protocol: a", "Sec-WebSocket-Protocol: b",
                    "Sec-WebSocket-Extensions: x-one", "Sec-WebSocket-Extensions: x-two")
                    .getBytes(StandardCharsets.US_ASCII));
            String head = Raw.readHead(s.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 101 "), "list fields may repeat: " + head);
        }
        goodStillWorks();
    }

    @Test
    void slowHeadIsDroppedAfterHandshakeTimeout() throws Exception {
        try (Socket s = Raw.open(server.port())) {
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            long t0 = System.nanoTime();
            s.setSoTimeout(5000);
            int r;
            try {
                r = s.getInputStream().read();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("slow handshake not dropped", e);
            } catch (java.io.IOException e) {
                r = -1;
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals(-1, r);
            assertTrue(ms >= 400 && ms < 4000, "dropped after " + ms + " ms");
        }
        goodStillWorks();
    }

    @Test
    void abruptCloseMidHeadHarmsNothing() throws Exception {
        for (int i = 0; i < 20; i++) {
            try (Socket s = Raw.open(server.port())) {
                s.getOutputStream().write(Raw.upgrade("/").substring(0, 30 + i).getBytes(StandardCharsets.US_ASCII));
                s.setSoLinger(true, 0); // reset
            }
        }
        goodStillWorks();
    }

    @Test
    void validHandshakeByHand() throws Exception {
        try (Socket s = Raw.open(server.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(Raw.upgrade("/raw?x=1").getBytes(StandardCharsets.US_ASCII));
            String head = Raw.readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 101 "), head);
            assertEquals(Raw.accept(Raw.KEY), Raw.header(head, "Sec-WebSocket-Accept"));
            out.write(Raw.clientFrame(0x81, "hi".getBytes(StandardCharsets.UTF_8)));
            Raw.Frame f = Raw.readFrame(in);
            assertEquals(0x81, f.b0());
            assertEquals("hi", f.text());
            assertEquals(false, f.masked(), "servers never mask");
            out.write(Raw.clientFrame(0x88, new byte[] {0x03, (byte) 0xe8}));
            f = Raw.readFrame(in);
            assertEquals(0x88, f.b0());
            assertEquals(1000, f.closeCode());
            assertEquals(-1, in.read(), "the server closes TCP after the closing handshake");
        }
    }

    @Test
    void frameInSamePacketAsHandshakeIsServed() throws Exception {
        try (Socket s = Raw.open(server.port())) {
            byte[] head = Raw.upgrade("/").getBytes(StandardCharsets.US_ASCII);
            byte[] frame = Raw.clientFrame(0x81, "early".getBytes(StandardCharsets.UTF_8));
            byte[] both = new byte[head.length + frame.length];
            System.arraycopy(head, 0, both, 0, head.length);
            System.arraycopy(frame, 0, both, head.length, frame.length);
            s.getOutputStream().write(both);
            InputStream in = s.getInputStream();
            assertTrue(Raw.readHead(in).startsWith("HTTP/1.1 101 "));
            assertEquals("early", Raw.readFrame(in).text());
        }
    }

    @Test
    void unmaskedClientFrameIsProtocolError() throws Exception {
        try (Socket s = Raw.open(server.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(Raw.upgrade("/").getBytes(StandardCharsets.US_ASCII));
            assertTrue(Raw.readHead(in).startsWith("HTTP/1.1 101 "));
            out.write(Raw.frame(0x81, "x".getBytes(StandardCharsets.UTF_8), false));
            Raw.Frame f = Raw.readFrame(in);
            assertEquals(0x88, f.b0());
            assertEquals(1002, f.closeCode());
            assertEquals(-1, in.read());
        }
        goodStillWorks();
    }

    @Test
    void noMatchingVariantWithVersionHeaderListsAllVersions() throws Exception {
        ProtocolVariant never = new ProtocolVariant() {
            @Override
            public String name() {
                return "never";
            }

            @Override
            public List<String> versions() {
                return List.of("13", "8");
            }

            @Override
            public boolean matches(HandshakeRequest request) {
                return false;
            }

            @Override
            public ServerHandshake startServer(HandshakeRequest request, EngineConfig config) {
                throw new AssertionError();
            }

            @Override
            public ClientHandshake startClient(ClientHandshakeRequest request, EngineConfig config) {
                throw new AssertionError();
            }
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(), () -> net.websocket.api.ServiceMapper
                .single(TestSupport.ECHO), VariantSource.of(never))) {
            String r = Raw.exchange(s.port(), Raw.upgrade("/"));
            assertErrorResponse(r, 426);
            assertEquals("13, 8", Raw.header(r.substring(0, r.indexOf("\r\n\r\n") + 2), "Sec-WebSocket-Version"));
        }
    }

    /** A source given to serve may be empty for a while (the whiteboard's, while variants are swapped): it starts. */
    @Test
    void noVariantsAtAllIs503() throws Exception {
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(), () -> net.websocket.api.ServiceMapper
                .single(TestSupport.ECHO), VariantSource.of())) {
            String r = Raw.exchange(s.port(), Raw.upgrade("/"));
            assertErrorResponse(r, 503);
        }
    }

    @Test
    void emptyLinesBeforeRequestLineAreIgnored() throws Exception {
        try (Socket s = Raw.open(server.port())) {
            s.getOutputStream().write(("\r\n" + Raw.upgrade("/")).getBytes(StandardCharsets.US_ASCII));
            String head = Raw.readHead(s.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 101 "), head);
            assertNotNull(Raw.header(head, "Sec-WebSocket-Accept"));
            assertNull(Raw.header(head, "Sec-WebSocket-Protocol"));
        }
    }
}
