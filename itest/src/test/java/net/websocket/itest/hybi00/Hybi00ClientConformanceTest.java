package net.websocket.itest.hybi00;

import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.HandshakeException;
import net.websocket.api.Message;
import net.websocket.api.WebSocketClient;
import net.websocket.itest.hybi00.Conformance.Verdict;
import net.websocket.itest.hybi00.RawServer.Hello;
import net.websocket.itest.hybi00.RawServer.Response;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * hybi-00 conformance of our client: it connects with variant {@code hybi00} to a raw server written from the draft
 * ({@link RawServer}), which checks the request byte by byte and answers case by case (conforming and bent
 * responses, frames of every kind, invalid input, closes). The table and its outcomes go to
 * {@code target/hybi00/summary.md}.
 */
class Hybi00ClientConformanceTest {

    /** The client's frame and message limit: small, so exceeding it takes few bytes. */
    static final int LIMIT = 64 * 1024;
    /** How long the client waits for the answer to its close frame. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
    /** The connect timeout of each handshake (the never-answered case waits this long). */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** How long "nothing more arrives" is watched for. */
    static final Duration QUIET = Duration.ofMillis(300);
    /** A deadline for the client to act: its timeout plus a margin for a loaded machine. */
    static final Duration MARGIN = Duration.ofSeconds(4);

    private static final Conformance SUITE = new Conformance("client", "Client: our client against a raw server",
            sectionTitles());

    private static WebSocketClient client;
    private static RawServer raw;

    private static Map<String, String> sectionTitles() {
        Map<String, String> s = new java.util.LinkedHashMap<>();
        s.put("1", "Opening handshake request");
        s.put("2", "Opening handshake response");
        s.put("3", "Framing");
        s.put("4", "Invalid input and limits");
        s.put("5", "Closing handshake");
        return s;
    }

    @BeforeAll
    static void start() throws IOException {
        client = WebSockets.client(ClientOptions.builder().maxFrameSize(LIMIT).maxMessageSize(LIMIT)
                .closeTimeout(CLOSE_TIMEOUT).build());
        raw = new RawServer();
    }

    @AfterAll
    static void stop() throws IOException {
        if (raw != null) {
            raw.close();
        }
        SUITE.writeSummary();
    }

    @TestFactory
    Stream<DynamicTest> cases() {
        requestCases();
        responseCases();
        framingCases();
        invalidInputCases();
        closingCases();
        return SUITE.tests();
    }

    // ------------------------------------------------------------------------------------------ 1 the request

    private void requestCases() {
        SUITE.add("1.1", "connect to ws://127.0.0.1:PORT/chat?room=1", "request line 'GET /chat?room=1 HTTP/1.1'",
                () -> {
                    try (Exchange x = Exchange.start("/chat?room=1", b -> b)) {
                        assertEquals("GET /chat?room=1 HTTP/1.1", x.hello.head().firstLine());
                        x.acceptAndOpen();
                        return Verdict.ok(x.hello.head().firstLine());
                    }
                });
        SUITE.add("1.2", "connect", "Upgrade: WebSocket, Connection: Upgrade, Host, Origin, both keys, each once; "
                + "nothing of RFC 6455; exactly 8 bytes after the head, then nothing until the answer", () -> {
                    try (Exchange x = Exchange.start("/echo", b -> b)) {
                        Hello h = x.hello;
                        assertEquals("WebSocket", h.field("Upgrade"));
                        assertEquals("Upgrade", h.field("Connection"));
                        assertEquals("127.0.0.1:" + raw.port(), h.field("Host"));
                        assertNotNull(h.field("Origin"), "an Origin");
                        for (String name : List.of("Upgrade", "Connection", "Host", "Origin", "Sec-WebSocket-Key1",
                                "Sec-WebSocket-Key2")) {
                            assertEquals(1, h.head().count(name), name + " once");
                        }
                        for (String name : List.of("Sec-WebSocket-Key", "Sec-WebSocket-Version",
                                "Sec-WebSocket-Extensions")) {
                            assertNull(h.field(name), name + " belongs to RFC 6455");
                        }
                        assertEquals(0, x.wire.readFor(QUIET).length, "nothing after key3 before the answer");
                        x.acceptAndOpen();
                        return Verdict.ok("Origin: " + h.field("Origin"));
                    }
                });
        SUITE.add("1.3", "20 handshakes", "keys as the draft makes them: 1 to 12 spaces never first or last, 1 to 12 "
                + "noise characters from U+0021-U+002F and U+003A-U+007E, digits a multiple of the spaces, number "
                + "within 32 bits; keys and key3 differ between handshakes", () -> {
                    Set<String> keys = new HashSet<>();
                    Set<String> key3s = new HashSet<>();
                    for (int i = 0; i < 20; i++) {
                        try (Exchange x = Exchange.start("/echo", b -> b)) {
                            for (String name : List.of("Sec-WebSocket-Key1", "Sec-WebSocket-Key2")) {
                                String key = x.hello.field(name);
                                String problem = Draft.keyProblem(key);
                                assertNull(problem, () -> name + " '" + key + "': " + problem);
                                keys.add(key);
                            }
                            key3s.add(Arrays.toString(x.hello.key3()));
                            x.acceptAndOpen();
                        }
                    }
                    assertEquals(40, keys.size(), "distinct keys");
                    assertEquals(20, key3s.size(), "distinct key3");
                    return Verdict.ok("40 distinct keys, 20 distinct key3, all well-formed");
                });
        SUITE.add("1.4", "connect with the caller's Origin http://example.com", "Origin: http://example.com", () -> {
            try (Exchange x = Exchange.start("/echo", b -> b.header("Origin", "http://example.com"))) {
                assertEquals("http://example.com", x.hello.field("Origin"));
                x.acceptAndOpen();
                return Verdict.ok("Origin: " + x.hello.field("Origin"));
            }
        });
        SUITE.add("1.5", "connect offering subprotocol chat", "Sec-WebSocket-Protocol: chat", () -> {
            try (Exchange x = Exchange.start("/echo", b -> b.subprotocols("chat"))) {
                assertEquals("chat", x.hello.field("Sec-WebSocket-Protocol"));
                Connection c = x.acceptAndOpen();
                assertEquals(Optional.of("chat"), c.subprotocol());
                return Verdict.ok("offered and chosen: chat");
            }
        });
        SUITE.add("1.6", "connect offering subprotocols a and b", "hybi-00 names one: recorded which is sent", () -> {
            try (Exchange x = Exchange.start("/echo", b -> b.subprotocols("a", "b"))) {
                String offered = x.hello.field("Sec-WebSocket-Protocol");
                x.acceptAndOpen();
                return Verdict.informational("Sec-WebSocket-Protocol: " + offered);
            }
        });
    }

    // ----------------------------------------------------------------------------------------- 2 the response

    private void responseCases() {
        SUITE.add("2.1", "the draft's response", "open; variant hybi00; no subprotocol", () -> {
            try (Exchange x = Exchange.start("/echo", b -> b)) {
                Connection c = x.acceptAndOpen();
                assertEquals("hybi00", c.variant());
                assertEquals(Optional.empty(), c.subprotocol());
                return roundTrip(x, c, "hello");
            }
        });
        SUITE.add("2.2", "fields in reverse order, names in lower case, extra fields (Server, Set-Cookie)", "open",
                () -> {
                    try (Exchange x = Exchange.start("/echo", b -> b)) {
                        Response r = x.response().field("Server", "raw").field("Set-Cookie", "a=b");
                        for (String name : List.of("Upgrade", "Connection", "Sec-WebSocket-Origin",
                                "Sec-WebSocket-Location")) {
                            String value = fieldOf(r, name);
                            r.without(name).field(name.toLowerCase(java.util.Locale.ROOT), value);
                        }
                        x.wire.write(r.reversed().bytes());
                        return roundTrip(x, x.awaitOpen(), "after a shuffled response");
                    }
                });
        SUITE.add("2.3", "the response written one byte at a time", "open", () -> {
            try (Exchange x = Exchange.start("/echo", b -> b)) {
                x.wire.writeSplit(x.response().bytes(), 1);
                return roundTrip(x, x.awaitOpen(), "after a split response");
            }
        });
        SUITE.add("2.4", "response, answer and a text frame in one write", "open; the message delivered", () -> {
            try (Exchange x = Exchange.start("/echo", b -> b)) {
                x.wire.write(Draft.concat(x.response().bytes(), Draft.textFrame("early")));
                Connection c = x.awaitOpen();
                assertEquals(Message.text("early"), receive(c));
                return Verdict.ok("'early' delivered");
            }
        });
        SUITE.add("2.5", "an answer with one bit flipped", "the connection is refused",
                () -> refused(x -> {
                    byte[] answer = x.response().answer();
                    answer[7] ^= 0x01;
                    return x.response().answer(answer).bytes();
                }));
        SUITE.add("2.6", "8 of the 16 answer bytes, then the server closes", "refused", () -> refused(x -> {
            byte[] all = x.response().bytes();
            return Arrays.copyOf(all, all.length - 8);
        }));
        SUITE.add("2.7", "the head but never the answer", "refused once the connect timeout ("
                + CONNECT_TIMEOUT.toSeconds() + " s here) passes", () -> {
                    try (Exchange x = Exchange.start("/echo", b -> b)) {
                        x.wire.write(x.response().head());
                        long t0 = System.nanoTime();
                        String why = x.failure(CONNECT_TIMEOUT.plus(MARGIN));
                        return Verdict.ok("refused after " + Duration.ofNanos(System.nanoTime() - t0).toMillis()
                                + " ms: " + why);
                    }
                });
        SUITE.add("2.8", "HTTP/1.1 403 Forbidden", "refused with status 403", () -> {
            try (Exchange x = Exchange.start("/echo", b -> b)) {
                x.wire.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
                Throwable t = x.failureCause(MARGIN);
                assertTrue(t instanceof HandshakeException, String.valueOf(t));
                assertEquals(403, ((HandshakeException) t).status());
                return Verdict.ok(t.getMessage());
            }
        });
        SUITE.add("2.9", "no Sec-WebSocket-Location", "refused",
                () -> refused(x -> x.response().without("Sec-WebSocket-Location").bytes()));
        SUITE.add("2.10", "Sec-WebSocket-Location naming another path", "refused",
                () -> refused(x -> x.response().field("Sec-WebSocket-Location",
                        "ws://127.0.0.1:" + raw.port() + "/other").bytes()));
        SUITE.add("2.11", "Sec-WebSocket-Location with wss:// for a ws:// connection", "refused",
                () -> refused(x -> x.response().field("Sec-WebSocket-Location",
                        "wss://127.0.0.1:" + raw.port() + "/echo").bytes()));
        SUITE.add("2.12", "Sec-WebSocket-Origin naming another origin", "refused",
                () -> refused(x -> x.response().field("Sec-WebSocket-Origin", "http://evil.example").bytes()));
        SUITE.add("2.13", "Sec-WebSocket-Protocol the client did not offer", "refused",
                () -> refused(x -> x.response().field("Sec-WebSocket-Protocol", "chat").bytes()));
        SUITE.add("2.14", "no Upgrade field", "refused",
                () -> refused(x -> x.response().without("Upgrade").bytes()));
        SUITE.add("2.15", "the server closes right after the request", "refused",
                () -> refused(x -> new byte[0]));
        SUITE.add("2.16", "an RFC 6455 answer (Sec-WebSocket-Accept, no answer bytes), then the server closes",
                "refused", () -> refused(x -> ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII)));
    }

    // -------------------------------------------------------------------------------------------- 3 framing

    private void framingCases() {
        SUITE.add("3.1", "sendText(\"Hello\")", "exactly 00 'Hello' FF on the wire (nothing masked)", () -> {
            try (Exchange x = Exchange.opened()) {
                x.connection.sendText("Hello");
                byte[] got = x.wire.readExactly(7, Wire.WAIT);
                assertArrayEquals(Draft.textFrame("Hello"), got);
                assertEquals(0, x.wire.readFor(QUIET).length, "nothing more");
                return Verdict.ok(Draft.hex(got, 16));
            }
        });
        SUITE.add("3.2", "sendText(\"\")", "00 FF", () -> {
            try (Exchange x = Exchange.opened()) {
                x.connection.sendText("");
                assertArrayEquals(new byte[] {0x00, (byte) 0xFF}, x.wire.readExactly(2, Wire.WAIT));
                return Verdict.ok("00 ff");
            }
        });
        SUITE.add("3.3", "text with characters of 1 to 4 UTF-8 bytes, U+10FFFF among them", "their UTF-8 exactly",
                () -> {
                    String t = "a\u00e9\u20ac\uffff\uDBFF\uDFFF";
                    try (Exchange x = Exchange.opened()) {
                        x.connection.sendText(t);
                        byte[] frame = Draft.textFrame(t);
                        assertArrayEquals(frame, x.wire.readExactly(frame.length, Wire.WAIT));
                        return Verdict.ok(Draft.hex(frame, 32));
                    }
                });
        SUITE.add("3.4", "100 messages", "100 frames in order", () -> {
            try (Exchange x = Exchange.opened()) {
                for (int i = 0; i < 100; i++) {
                    x.connection.sendText("m" + i);
                }
                for (int i = 0; i < 100; i++) {
                    assertEquals("m" + i, x.wire.readText(Wire.WAIT));
                }
                return Verdict.ok("in order");
            }
        });
        SUITE.add("3.5", "the server sends ten text frames in one write", "ten messages in order", () -> {
            try (Exchange x = Exchange.opened()) {
                byte[][] frames = new byte[10][];
                for (int i = 0; i < 10; i++) {
                    frames[i] = Draft.textFrame("s" + i);
                }
                x.wire.write(Draft.concat(frames));
                for (int i = 0; i < 10; i++) {
                    assertEquals(Message.text("s" + i), receive(x.connection));
                }
                return Verdict.ok("in order");
            }
        });
        SUITE.add("3.6", "the server writes a text frame with 2, 3 and 4 byte characters one byte at a time",
                "one message", () -> {
                    String t = "ä€\uD83D\uDE00 split";
                    try (Exchange x = Exchange.opened()) {
                        x.wire.writeSplit(Draft.textFrame(t), 1);
                        assertEquals(Message.text(t), receive(x.connection));
                        return Verdict.ok("delivered whole");
                    }
                });
        SUITE.add("3.7", "the server sends an empty text frame", "an empty message", () -> {
            try (Exchange x = Exchange.opened()) {
                x.wire.write(new byte[] {0x00, (byte) 0xFF});
                assertEquals(Message.text(""), receive(x.connection));
                return Verdict.ok("\"\"");
            }
        });
        SUITE.add("3.8", "the server sends length-prefixed frames (80 05 'abcde'; 200 bytes of FF and 00 with a "
                + "two-byte length; 80 00) then text 'after'", "discarded: only 'after' delivered", () -> {
                    byte[] noise = new byte[200];
                    for (int i = 0; i < noise.length; i++) {
                        noise[i] = (byte) (i % 2 == 0 ? 0xFF : 0x00);
                    }
                    return discarded(Draft.concat(Draft.lengthFrame(0x80, "abcde".getBytes(StandardCharsets.US_ASCII)),
                            Draft.lengthFrame(0x80, noise), new byte[] {(byte) 0x80, 0x00}));
                });
        SUITE.add("3.9", "the server sends FF 01 41 (type FF, length 1: not a close)", "discarded",
                () -> discarded(new byte[] {(byte) 0xFF, 0x01, 0x41}));
        SUITE.add("3.10", "the server sends sentinel frames of unknown types 01 and 7F", "discarded",
                () -> discarded(Draft.concat(Draft.sentinelFrame(0x01, "xyz".getBytes(StandardCharsets.US_ASCII)),
                        Draft.sentinelFrame(0x7F, new byte[] {(byte) 0xC0}))));
        SUITE.add("3.11", "sendBinary and ping on a hybi-00 connection", "refused by the API; nothing on the wire",
                () -> {
                    try (Exchange x = Exchange.opened()) {
                        Connection c = x.connection;
                        assertFalse(c.supportsPayloadType(net.websocket.api.MessageType.BINARY));
                        Throwable binary = assertThrows(Throwable.class, () -> c.sendBinary(new byte[] {1}));
                        Throwable ping = assertThrows(Throwable.class, () -> c.ping(ByteBuffer.allocate(0)));
                        c.sendText("still open");
                        assertEquals("still open", x.wire.readText(Wire.WAIT), "the first thing on the wire");
                        return Verdict.ok(binary.getClass().getSimpleName() + ", "
                                + ping.getClass().getSimpleName());
                    }
                });
        SUITE.add("3.12", "a text of exactly the limit (" + LIMIT + " bytes) each way", "sent and delivered", () -> {
            String t = "y".repeat(LIMIT);
            try (Exchange x = Exchange.opened()) {
                x.connection.sendText(t);
                assertEquals(t, x.wire.readText(Wire.WAIT));
                x.wire.write(Draft.textFrame(t));
                assertEquals(Message.text(t), receive(x.connection));
                return Verdict.ok(LIMIT + " bytes each way");
            }
        });
    }

    // -------------------------------------------------------------------------- 4 invalid input and limits

    private void invalidInputCases() {
        SUITE.add("4.1", "the server sends invalid UTF-8 (overlong C0 80)", "the client fails the connection (1007): "
                + "no message; the close frame or the end of the stream", () -> fails(
                        Draft.textFrame(new byte[] {'a', (byte) 0xC0, (byte) 0x80}), 1007));
        SUITE.add("4.2", "the server sends 00 'a' C3 28 and no frame end (fail fast)",
                "the client fails the connection at the invalid byte (1007)",
                () -> fails(new byte[] {0x00, 'a', (byte) 0xC3, 0x28}, 1007));
        SUITE.add("4.3", "the server sends a text frame ending inside a character (00 E2 82 FF)", "fails (1007)",
                () -> fails(new byte[] {0x00, (byte) 0xE2, (byte) 0x82, (byte) 0xFF}, 1007));
        SUITE.add("4.4", "the server sends a text frame longer than the limit, never ended",
                "fails once the limit is passed (1009)", () -> fails(Draft.concat(new byte[] {0x00},
                        "a".repeat(LIMIT + 1).getBytes(StandardCharsets.US_ASCII)), 1009));
        SUITE.add("4.5", "the server announces a length-prefixed frame of 2^28 bytes", "fails right after the "
                + "length (1009)", () -> fails(Draft.concat(new byte[] {(byte) 0x80}, Draft.length(1L << 28)), 1009));
    }

    // ---------------------------------------------------------------------------------- 5 closing handshake

    private void closingCases() {
        SUITE.add("5.1", "close() on an open connection; the server answers FF 00",
                "exactly FF 00 on the wire; closed() completes; the TCP connection ends", () -> {
                    try (Exchange x = Exchange.opened()) {
                        x.connection.close();
                        assertArrayEquals(Draft.closeFrame(), x.wire.readExactly(2, Wire.WAIT));
                        x.wire.write(Draft.closeFrame());
                        CloseStatus s = closed(x.connection);
                        long t0 = System.nanoTime();
                        byte[] rest = x.wire.readToEnd(CLOSE_TIMEOUT.plus(MARGIN));
                        assertEquals(0, rest.length, "nothing after the close frame");
                        return Verdict.ok("closed with " + s + "; the client ended the TCP connection after "
                                + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms");
                    }
                });
        SUITE.add("5.2", "the server sends FF 00", "the client answers exactly FF 00; end of stream; "
                + "closed() with 1005 (no status)", () -> {
                    try (Exchange x = Exchange.opened()) {
                        x.wire.write(Draft.closeFrame());
                        assertArrayEquals(Draft.closeFrame(), x.wire.readExactly(2, Wire.WAIT));
                        assertNull(x.connection.receive(MARGIN), "end of stream");
                        CloseStatus s = closed(x.connection);
                        assertEquals(1005, s.code(), s.toString());
                        x.wire.close();
                        return Verdict.ok("answered FF 00; " + s);
                    }
                });
        SUITE.add("5.3", "the server sends a text frame and FF 00 in one write", "the message, then end of stream",
                () -> {
                    try (Exchange x = Exchange.opened()) {
                        x.wire.write(Draft.concat(Draft.textFrame("last"), Draft.closeFrame()));
                        assertEquals(Message.text("last"), receive(x.connection));
                        assertNull(x.connection.receive(MARGIN), "end of stream");
                        assertArrayEquals(Draft.closeFrame(), x.wire.readExactly(2, Wire.WAIT));
                        return Verdict.ok("'last', then closed: " + closed(x.connection));
                    }
                });
        SUITE.add("5.4", "the server sends FF 00 and then a text frame", "the text ignored", () -> {
            try (Exchange x = Exchange.opened()) {
                x.wire.write(Draft.concat(Draft.closeFrame(), Draft.textFrame("ignored")));
                assertNull(x.connection.receive(MARGIN), "end of stream, nothing delivered");
                return Verdict.ok("closed: " + closed(x.connection));
            }
        });
        SUITE.add("5.5", "the server ends the TCP connection without a close frame", "closed() with 1006 "
                + "(abnormal); end of stream", () -> {
                    try (Exchange x = Exchange.opened()) {
                        x.wire.close();
                        assertNull(x.connection.receive(MARGIN), "end of stream");
                        CloseStatus s = closed(x.connection);
                        assertEquals(1006, s.code(), s.toString());
                        return Verdict.ok(s.toString());
                    }
                });
        SUITE.add("5.6", "close() on an open connection; the server never answers",
                "the client ends the TCP connection after its close timeout (" + CLOSE_TIMEOUT.toSeconds()
                        + " s here); closed() completes", () -> {
                    try (Exchange x = Exchange.opened()) {
                        long t0 = System.nanoTime();
                        x.connection.close();
                        byte[] got = x.wire.readToEnd(CLOSE_TIMEOUT.plus(MARGIN));
                        assertArrayEquals(Draft.closeFrame(), got);
                        CloseStatus s = closed(x.connection);
                        return Verdict.ok("FF 00, then the end of the connection after "
                                + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms; " + s);
                    }
                });
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /**
     * One handshake in progress: our client connecting (asynchronously) and the raw server's end of it, with the
     * client's hello already read. Closing it aborts the connection and closes the raw end.
     */
    private static final class Exchange implements AutoCloseable {
        final CompletableFuture<Connection> pending;
        final Wire wire;
        final Hello hello;
        Connection connection;

        private Exchange(CompletableFuture<Connection> pending, Wire wire, Hello hello) {
            this.pending = pending;
            this.wire = wire;
            this.hello = hello;
        }

        /** Starts a connection to {@code target}, the connect request built by {@code options}. */
        static Exchange start(String target, UnaryOperator<ConnectRequest.Builder> options) throws IOException {
            ConnectRequest request = options.apply(ConnectRequest.builder().variant(ConnectRequest.HYBI00)
                    .timeout(CONNECT_TIMEOUT)).build();
            URI uri = URI.create("ws://127.0.0.1:" + raw.port() + target);
            CompletableFuture<Connection> pending = client.connectAsync(uri, request).toCompletableFuture();
            Wire wire = null;
            try {
                wire = raw.accept(Wire.WAIT);
                return new Exchange(pending, wire, Hello.read(wire));
            } catch (IOException | RuntimeException | Error e) {
                pending.thenAccept(Connection::abort);
                if (wire != null) {
                    wire.close();
                }
                throw e;
            }
        }

        /** An open connection to {@code /echo}. */
        static Exchange opened() throws Exception {
            Exchange x = start("/echo", b -> b);
            try {
                x.acceptAndOpen();
                return x;
            } catch (Exception | Error e) {
                x.close();
                throw e;
            }
        }

        /** The conforming response to the hello. */
        Response response() {
            return Response.to(hello, "ws");
        }

        /** Sends the conforming response and waits for the client to be open. */
        Connection acceptAndOpen() throws Exception {
            wire.write(response().bytes());
            return awaitOpen();
        }

        /** Waits for the client to be open. */
        Connection awaitOpen() throws Exception {
            try {
                connection = pending.get(MARGIN.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("the client refused the handshake: " + e.getCause(), e.getCause());
            }
            return connection;
        }

        /** Waits for the connect to fail and returns why. */
        Throwable failureCause(Duration timeout) throws InterruptedException {
            try {
                connection = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                return e.getCause();
            } catch (TimeoutException e) {
                throw new AssertionError("the connect neither succeeded nor failed within " + timeout);
            }
            throw new AssertionError("the client accepted the handshake");
        }

        String failure(Duration timeout) throws InterruptedException {
            Throwable t = failureCause(timeout);
            return t.getClass().getSimpleName() + ": " + t.getMessage();
        }

        @Override
        public void close() {
            if (connection != null) {
                connection.abort();
            } else {
                pending.thenAccept(Connection::abort);
                pending.cancel(true);
            }
            wire.close();
        }
    }

    /** Our client must refuse the handshake when the raw server answers with these bytes (then closes). */
    private static Verdict refused(java.util.function.Function<Exchange, byte[]> answer) throws Exception {
        try (Exchange x = Exchange.start("/echo", b -> b)) {
            x.wire.write(answer.apply(x));
            x.wire.shutdownOutput();
            return Verdict.ok("refused: " + x.failure(MARGIN));
        }
    }

    private static String fieldOf(Response r, String name) {
        String head = new String(r.head(), StandardCharsets.ISO_8859_1);
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new AssertionError("no " + name + " in " + head);
    }

    /** A round trip: the client sends, the raw server checks the frame and sends it back. */
    private static Verdict roundTrip(Exchange x, Connection c, String text) throws Exception {
        c.sendText(text);
        assertEquals(text, x.wire.readText(Wire.WAIT));
        x.wire.write(Draft.textFrame(text));
        assertEquals(Message.text(text), receive(c));
        return Verdict.ok("open; '" + text + "' both ways");
    }

    /** The raw server sends frames the client must discard, then 'after': only 'after' is delivered. */
    private static Verdict discarded(byte[] frames) throws Exception {
        try (Exchange x = Exchange.opened()) {
            x.wire.write(Draft.concat(frames, Draft.textFrame("after")));
            assertEquals(Message.text("after"), receive(x.connection));
            x.connection.sendText("ping?");
            assertEquals("ping?", x.wire.readText(Wire.WAIT), "still open");
            return Verdict.ok("discarded; 'after' delivered");
        }
    }

    /** The raw server sends bytes after which the client must fail the connection with {@code code}. */
    private static Verdict fails(byte[] bytes, int code) throws Exception {
        try (Exchange x = Exchange.opened()) {
            x.wire.write(bytes);
            Message m = x.connection.receive(MARGIN);
            assertNull(m, "no message, but the end of the stream");
            CloseStatus s = closed(x.connection);
            byte[] got = x.wire.readToEnd(CLOSE_TIMEOUT.plus(MARGIN));
            assertTrue(got.length == 0 || Arrays.equals(Draft.closeFrame(), got),
                    "only a close frame may come: " + Draft.hex(got, 16));
            assertEquals(code, s.code(), s.toString());
            return Verdict.ok(s + "; the client sent " + (got.length == 0 ? "nothing" : "FF 00") + " and closed");
        }
    }

    private static Message receive(Connection c) throws Exception {
        Message m = c.receive(MARGIN);
        assertNotNull(m, "the connection ended instead of a message; " + c.closeStatus());
        return m;
    }

    private static CloseStatus closed(Connection c) throws Exception {
        try {
            return c.closed().toCompletableFuture().get(CLOSE_TIMEOUT.plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail("closed() did not complete");
        }
    }
}
