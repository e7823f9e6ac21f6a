package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.websocket.api.HandshakeDecision;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.api.Listener;
import net.websocket.api.ServiceMapper;
import net.websocket.upgrade.ByteStream;
import net.websocket.upgrade.Handshake;
import net.websocket.upgrade.StreamSignals;
import net.websocket.upgrade.UpgradeServer;

/**
 * The seam for another HTTP server's upgraded connections ({@code net.websocket.upgrade}) over a byte stream in
 * memory: the handshake decision and the 101's headers, the connection core over the stream (RFC 6455, and hybi-00
 * with its key after the head), refusals, output that waits for the stream's writable signal, and the end of the
 * stream after the closing handshake.
 */
class UpgradeServerTest {

    private UpgradeServer server;

    @BeforeEach
    void start() {
        ServiceMapper mapper = ServiceMapper.builder()
                .route("/echo", ServiceMapper.none(Listener.ofText((c, text) -> c.sendText(text))))
                .build();
        server = UpgradeServer.start(ServerOptions.defaults(), mapper);
    }

    @AfterEach
    void stop() {
        server.close(Duration.ZERO); // the streams in memory never answer a close frame
    }

    /** A stream in memory: input pushed by the test, output taken up to a room the test sets. */
    private static final class MemoryStream implements ByteStream {
        private final ByteArrayOutputStream in = new ByteArrayOutputStream();
        private int inRead;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int room = Integer.MAX_VALUE;
        private boolean closed;

        synchronized void push(byte[] bytes) {
            in.writeBytes(bytes);
        }

        synchronized void room(int bytes) {
            room = bytes;
        }

        synchronized byte[] written() {
            return out.toByteArray();
        }

        synchronized boolean closed() {
            return closed;
        }

        @Override
        public synchronized int read(ByteBuffer dst) {
            byte[] all = in.toByteArray();
            int n = Math.min(dst.remaining(), all.length - inRead);
            dst.put(all, inRead, n);
            inRead += n;
            return n;
        }

        @Override
        public synchronized int write(ByteBuffer src) throws IOException {
            if (closed) {
                throw new IOException("closed");
            }
            int n = Math.min(room, src.remaining());
            byte[] b = new byte[n];
            src.get(b);
            out.writeBytes(b);
            room -= n;
            return n;
        }

        @Override
        public synchronized void close() {
            closed = true;
        }
    }

    private static HandshakeRequest request(String target, Headers headers) {
        return new HandshakeRequest("GET", target, "HTTP/1.1", headers, new InetSocketAddress("127.0.0.1", 50000),
                new InetSocketAddress("127.0.0.1", 8080), false);
    }

    private static Headers rfc6455() {
        return Headers.builder().add("Host", "127.0.0.1:8080").add("Upgrade", "websocket")
                .add("Connection", "Upgrade").add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .add("Sec-WebSocket-Version", "13").build();
    }

    private static byte[] maskedText(String text) {
        byte[] p = text.getBytes(StandardCharsets.UTF_8);
        byte[] f = new byte[6 + p.length];
        f[0] = (byte) 0x81;
        f[1] = (byte) (0x80 | p.length);
        System.arraycopy(p, 0, f, 6, p.length); // mask 0
        return f;
    }

    private static boolean endsWith(byte[] all, byte[] tail) {
        return all.length >= tail.length
                && Arrays.equals(Arrays.copyOfRange(all, all.length - tail.length, all.length), tail);
    }

    @Test
    void acceptsRfc6455AndRunsTheConnectionOverTheStream() throws Exception {
        Handshake h = server.handshake(request("/echo", rfc6455()));
        assertTrue(h.accepted());
        assertEquals(101, h.status());
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", h.headers().get("Sec-WebSocket-Accept"));
        MemoryStream stream = new MemoryStream();
        StreamSignals signals = h.open(stream);
        stream.push(maskedText("hello"));
        signals.readable();
        byte[] echo = {(byte) 0x81, 5, 'h', 'e', 'l', 'l', 'o'};
        Await.until("the echo", () -> endsWith(stream.written(), echo));
        assertArrayEquals(echo, stream.written(), "nothing before the first frame: the head was the host's");
        Await.until("the connection counted", () -> server.connectionCount() == 1);
    }

    @Test
    void hybi00ReadsItsKeyFromTheStreamAndWritesItsAnswerFirst() throws Exception {
        Headers headers = Headers.builder().add("Host", "example.com").add("Upgrade", "WebSocket")
                .add("Connection", "Upgrade").add("Origin", "http://example.com")
                .add("Sec-WebSocket-Key1", "4 @1  46546xW%0l 1 5").add("Sec-WebSocket-Key2", "12998 5 Y3 1  .P00")
                .build();
        Handshake h = server.handshake(request("/echo", headers));
        assertTrue(h.accepted());
        assertEquals(101, h.status());
        assertEquals("ws://example.com/echo", h.headers().get("Sec-WebSocket-Location"));
        MemoryStream stream = new MemoryStream();
        StreamSignals signals = h.open(stream);
        stream.push("^n:ds[4U".getBytes(StandardCharsets.US_ASCII));
        signals.readable();
        byte[] answer = "8jKS'y:G*Co,Wxa-".getBytes(StandardCharsets.US_ASCII);
        Await.until("the challenge answer", () -> stream.written().length >= answer.length);
        assertArrayEquals(answer, stream.written());
        stream.push(new byte[] {0x00, 'h', 'i', (byte) 0xff});
        signals.readable();
        Await.until("the echo", () -> endsWith(stream.written(), new byte[] {0x00, 'h', 'i', (byte) 0xff}));
    }

    private static Headers draftExample() {
        return Headers.builder().add("Host", "example.com").add("Upgrade", "WebSocket")
                .add("Connection", "Upgrade").add("Origin", "http://example.com")
                .add("Sec-WebSocket-Key1", "4 @1  46546xW%0l 1 5").add("Sec-WebSocket-Key2", "12998 5 Y3 1  .P00")
                .build();
    }

    /** A host that sent nothing: the connection reads key3 first and then writes the draft's whole response. */
    @Test
    void hybi00AnsweringWritesTheWholeResponseOnceItsKeyHasCome() throws Exception {
        Handshake h = server.handshake(request("/echo", draftExample()));
        assertTrue(h.accepted());
        assertEquals(8, h.bodyLength());
        MemoryStream stream = new MemoryStream();
        StreamSignals signals = h.openAnswering(stream);
        stream.push("^n:d".getBytes(StandardCharsets.US_ASCII));
        signals.readable();
        assertEquals(0, stream.written().length, "nothing before the whole key");
        stream.push(concat("s[4U".getBytes(StandardCharsets.US_ASCII), new byte[] {0x00, 'h', 'i', (byte) 0xff}));
        signals.readable();
        Await.until("the echo", () -> endsWith(stream.written(), new byte[] {0x00, 'h', 'i', (byte) 0xff}));
        String written = new String(stream.written(), StandardCharsets.ISO_8859_1);
        assertTrue(written.startsWith("HTTP/1.1 101 WebSocket Protocol Handshake\r\n"), written);
        assertTrue(written.contains("\r\nUpgrade: WebSocket\r\n"), written);
        assertTrue(written.contains("\r\nSec-WebSocket-Location: ws://example.com/echo\r\n"), written);
        assertTrue(written.contains("\r\n\r\n8jKS'y:G*Co,Wxa-\u0000hi\u00ff"), written);
    }

    /** The answer of a key3 that begins with CR LF: the bytes are key bytes, whatever they look like. */
    @Test
    void hybi00AnsweringTakesCrLfAsKeyBytes() throws Exception {
        Handshake h = server.handshake(request("/echo", draftExample()));
        MemoryStream stream = new MemoryStream();
        StreamSignals signals = h.openAnswering(stream);
        stream.push("\r\n\r\nabcd".getBytes(StandardCharsets.US_ASCII));
        signals.readable();
        Await.until("the whole response", () -> new String(stream.written(), StandardCharsets.ISO_8859_1)
                .indexOf("\r\n\r\n") > 0);
        Await.until("the answer", () -> {
            String w = new String(stream.written(), StandardCharsets.ISO_8859_1);
            return w.length() == w.indexOf("\r\n\r\n") + 4 + 16;
        });
        String written = new String(stream.written(), StandardCharsets.ISO_8859_1);
        assertTrue(written.startsWith("HTTP/1.1 101 WebSocket Protocol Handshake\r\n"), written);
        // the draft's key numbers of its example: 4146546015 / 5 and 1299853100 / 5
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(ByteBuffer.allocate(8).putInt((int) 829_309_203L).putInt(259_970_620).array());
        md5.update("\r\n\r\nabcd".getBytes(StandardCharsets.US_ASCII));
        assertTrue(endsWith(stream.written(), md5.digest()), written);
    }

    /** A host that sent nothing and a key3 that never completes: closed after the handshake timeout, no word. */
    @Test
    void hybi00AnsweringClosesSilentlyWhenTheKeyNeverCompletes() throws Exception {
        server.close(Duration.ZERO);
        ServiceMapper mapper = ServiceMapper.builder()
                .route("/echo", ServiceMapper.none(Listener.ofText((c, text) -> c.sendText(text)))).build();
        server = UpgradeServer.start(ServerOptions.defaults().toBuilder().handshakeTimeout(Duration.ofMillis(200))
                .build(), mapper);
        Handshake h = server.handshake(request("/echo", draftExample()));
        MemoryStream stream = new MemoryStream();
        StreamSignals signals = h.openAnswering(stream);
        stream.push("^n:d".getBytes(StandardCharsets.US_ASCII));
        signals.readable();
        Await.until("closed after the handshake timeout", stream::closed);
        assertEquals(0, stream.written().length, "no response at all");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** The handshake hook's subprotocol (here the query) is the one answered through the host, if it was offered. */
    @Test
    void theHooksSubprotocolIsAnswered() {
        UpgradeServer hooked = UpgradeServer.start(ServerOptions.builder().handshakeHook(r ->
                ((HandshakeDecision.Accept) HandshakeDecision.accept()).withSubprotocol(r.query().orElse("")))
                .build(), ServiceMapper.builder().route("/any", ServiceMapper.any(Listener.ofText((c, t) -> { })))
                .build());
        try {
            Headers offers = rfc6455().toBuilder().add("Sec-WebSocket-Protocol", "a, b").build();
            Handshake chosen = hooked.handshake(request("/any?b", offers));
            assertTrue(chosen.accepted());
            assertEquals("b", chosen.headers().get("Sec-WebSocket-Protocol"));
            Handshake none = hooked.handshake(request("/any", offers));
            assertTrue(none.accepted());
            assertNull(none.headers().get("Sec-WebSocket-Protocol"));
            assertEquals(500, hooked.handshake(request("/any?z", offers)).status(), "z was not offered");
        } finally {
            hooked.close(Duration.ZERO);
        }
    }

    @Test
    void refusesWithStatusAndTextAndHoldsNoSlot() {
        Handshake noRoute = server.handshake(request("/nowhere", rfc6455()));
        assertFalse(noRoute.accepted());
        assertEquals(404, noRoute.status());
        assertTrue(noRoute.refusalText().contains("no WebSocket service"), noRoute.refusalText());
        Handshake plain = server.handshake(request("/echo", Headers.of("Host", "127.0.0.1:8080")));
        assertEquals(426, plain.status());
        assertEquals("websocket", plain.headers().get("Upgrade"));
    }

    @Test
    void outputWaitsForTheWritableSignal() throws Exception {
        Handshake h = server.handshake(request("/echo", rfc6455()));
        MemoryStream stream = new MemoryStream();
        stream.room(3);
        StreamSignals signals = h.open(stream);
        stream.push(maskedText("hello"));
        signals.readable();
        Await.until("the first 3 bytes", () -> stream.written().length == 3);
        stream.room(Integer.MAX_VALUE);
        signals.writable();
        byte[] echo = {(byte) 0x81, 5, 'h', 'e', 'l', 'l', 'o'};
        Await.until("the rest after the signal", () -> Arrays.equals(echo, stream.written()));
    }

    @Test
    void endsTheStreamOnceBothCloseFramesAreSent() throws Exception {
        Handshake h = server.handshake(request("/echo", rfc6455()));
        MemoryStream stream = new MemoryStream();
        StreamSignals signals = h.open(stream);
        stream.push(new byte[] {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xe8}); // close 1000
        signals.readable();
        Await.until("the answer, then the stream ended (the server closes TCP)",
                () -> endsWith(stream.written(), new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xe8}) && stream.closed());
    }

    @Test
    void aFailedStreamEndsTheConnection() throws Exception {
        Handshake h = server.handshake(request("/echo", rfc6455()));
        MemoryStream stream = new MemoryStream();
        StreamSignals signals = h.open(stream);
        Await.until("the connection counted", () -> server.connectionCount() == 1);
        signals.failed(new IOException("container stopped"));
        Await.until("the stream closed", stream::closed);
        Await.until("the connection gone", () -> server.connectionCount() == 0);
    }
}
