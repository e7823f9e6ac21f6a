package net.websocket.itest.hybi00;

import net.websocket.api.CloseStatus;
import net.websocket.api.Connection;
import net.websocket.api.Listener;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketServer;
import net.websocket.itest.hybi00.Conformance.Verdict;
import net.websocket.itest.hybi00.Wire.Frame;
import net.websocket.itest.hybi00.Wire.Head;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ServerOptions;
import net.websocket.servlet.WebSocketServlet;
import net.websocket.servlet.containers.ContainerServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * hybi-00 conformance of our server: a raw client speaks bytes to it, case by case (handshake variants, framing,
 * invalid input and limits, the closing handshake), and checks what comes back against the draft. The table and its
 * outcomes go to {@code target/hybi00/summary.md}.
 *
 * <p>The server under test is the runtime's, with hybi-00 available, routes {@code /echo} and {@code /watched} (an
 * echo that also records the close statuses it sees; {@code close-me} makes it close) and {@code /demo} (the draft's
 * example path, subprotocol {@code sample} or none), and small limits so that the limit cases stay small.
 */
class Hybi00ServerConformanceTest {

    /** The server's frame and message limit: small, so exceeding it takes few bytes. */
    static final int LIMIT = 64 * 1024;
    /** How long the server waits for a complete handshake (the missing-key3 cases wait this long). */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);
    /** How long the server waits for the answer to its close frame. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
    /** How long "nothing more arrives" is watched for. */
    static final Duration QUIET = Duration.ofMillis(300);
    /** A deadline for the server to act on its timeouts: the timeout plus a margin for a loaded machine. */
    static final Duration MARGIN = Duration.ofSeconds(4);

    private static final String CLOSE_ME = "close-me";

    /**
     * The embedded container to run the suite through ({@code -Ditest.hybi00.container=jetty|tomcat|undertow}: the
     * routes served by {@code WebSocketServlet} there, TLS cases skipped), or empty for our own server.
     */
    private static final String CONTAINER = System.getProperty("itest.hybi00.container", "");

    private static final Conformance SUITE = CONTAINER.isEmpty()
            ? new Conformance("server", "Server: a raw client against our server", sectionTitles())
            : new Conformance("server-" + CONTAINER, "Server: a raw client against our server through "
                    + CONTAINER + "'s servlet upgrade", sectionTitles());

    private static AutoCloseable server;
    private static int port;
    private static WebSocketServer tlsServer;
    private static String tlsUnavailable;
    private static Path tlsDir;
    private static final BlockingQueue<CloseStatus> watchedCloses = new LinkedBlockingQueue<>();

    private final Random random = new Random(76);

    private static Map<String, String> sectionTitles() {
        Map<String, String> s = new java.util.LinkedHashMap<>();
        s.put("1", "Opening handshake");
        s.put("2", "Framing");
        s.put("3", "Invalid input and limits");
        s.put("4", "Closing handshake");
        return s;
    }

    @BeforeAll
    static void start() throws Exception {
        if (!CONTAINER.isEmpty()) {
            ContainerServer c = ContainerServer.start(ContainerServer.Kind.of(CONTAINER), "127.0.0.1", 0,
                    new WebSocketServlet(options().build(), routes()));
            server = c;
            port = c.port();
            tlsUnavailable = "TLS is the container's business";
            return;
        }
        WebSocketServer ours = WebSockets.serve(options().build(), routes());
        server = ours;
        port = ours.port();
        try {
            tlsDir = Files.createTempDirectory("itest-hybi00-tls-");
            Path keyStore = TestKeys.selfSigned(tlsDir);
            tlsServer = WebSockets.serve(options().tls(keyStore, TestKeys.PASSWORD).build(), routes());
        } catch (IOException | RuntimeException e) {
            tlsUnavailable = "no TLS server: " + e;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (tlsServer != null) {
            tlsServer.close();
        }
        if (tlsDir != null) {
            TestKeys.delete(tlsDir);
        }
        SUITE.writeSummary();
    }

    private static ServerOptions.Builder options() {
        return ServerOptions.builder().listen("127.0.0.1", 0).maxFrameSize(LIMIT).maxMessageSize(LIMIT)
                .handshakeTimeout(HANDSHAKE_TIMEOUT).closeTimeout(CLOSE_TIMEOUT);
    }

    private static ServiceMapper routes() {
        Listener echo = new Echo(null);
        return ServiceMapper.builder()
                .route("/echo", ServiceMapper.none(echo))
                .route("/watched", ServiceMapper.none(new Echo(watchedCloses)))
                .route("/demo", ServiceMapper.subprotocol("sample", echo), ServiceMapper.none(echo))
                .build();
    }

    /** Echoes text; {@code close-me} makes it close; records close statuses if given a queue. */
    private record Echo(BlockingQueue<CloseStatus> closes) implements Listener {
        @Override
        public void onText(Connection c, String text) throws IOException {
            if (text.equals(CLOSE_ME)) {
                c.close();
            } else {
                c.sendText(text);
            }
        }

        @Override
        public void onClose(Connection c, CloseStatus status) {
            if (closes != null) {
                closes.add(status);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> cases() {
        handshakeCases();
        framingCases();
        invalidInputCases();
        closingCases();
        return SUITE.tests();
    }

    // ------------------------------------------------------------------------------------------ 1 handshake

    private void handshakeCases() {
        SUITE.add("1.1", "the draft's example: keys '" + Draft.EXAMPLE_KEY1 + "' and '" + Draft.EXAMPLE_KEY2
                        + "', key3 '^n:ds[4U', Host example.com, /demo, subprotocol sample",
                "101 with the draft's answer '8jKS'y:G*Co,Wxa-', Origin, Location ws://example.com/demo, sample",
                () -> {
                    assertArrayEquals(Draft.EXAMPLE_ANSWER, Draft.answer(Draft.EXAMPLE_KEY1, Draft.EXAMPLE_KEY2,
                            Draft.EXAMPLE_KEY3), "the test's own arithmetic reproduces the draft's example");
                    Request r = Request.example("/demo", "example.com").field("Sec-WebSocket-Protocol", "sample");
                    try (Wire w = connect()) {
                        Head h = accepted(w, r, "ws://example.com/demo");
                        assertEquals(Optional.of("sample"), h.field("Sec-WebSocket-Protocol"));
                        return Verdict.ok("answered " + new String(Draft.EXAMPLE_ANSWER, StandardCharsets.US_ASCII));
                    }
                });
        SUITE.add("1.2", "the draft's second example: keys '" + Draft.EXAMPLE2_KEY1 + "' and '"
                        + Draft.EXAMPLE2_KEY2 + "', key3 'Tm[K T2u'", "101 with the draft's answer 'fQJ,fN/4F4!~K~MH'",
                () -> {
                    assertArrayEquals(Draft.EXAMPLE2_ANSWER, Draft.answer(Draft.EXAMPLE2_KEY1, Draft.EXAMPLE2_KEY2,
                            Draft.EXAMPLE2_KEY3), "the test's own arithmetic reproduces the draft's example");
                    Request r = request("/echo").field("Sec-WebSocket-Key1", Draft.EXAMPLE2_KEY1)
                            .field("Sec-WebSocket-Key2", Draft.EXAMPLE2_KEY2).key3(Draft.EXAMPLE2_KEY3);
                    try (Wire w = connect()) {
                        accepted(w, r, location("/echo"));
                        return Verdict.ok("answered " + new String(Draft.EXAMPLE2_ANSWER, StandardCharsets.US_ASCII));
                    }
                });
        SUITE.add("1.3", "a conforming request", "the draft's response head: status line '" + Draft.STATUS_LINE
                        + "', 'Upgrade: WebSocket' and 'Connection: Upgrade' exactly (hixie-76 browsers compare them)",
                () -> {
                    try (Wire w = connect()) {
                        Head h = accepted(w, request("/echo"), location("/echo"));
                        assertEquals(Draft.STATUS_LINE, h.firstLine());
                        assertEquals(Optional.of("WebSocket"), h.field("Upgrade"));
                        assertEquals(Optional.of("Upgrade"), h.field("Connection"));
                        for (String name : List.of("Upgrade", "Connection", "Sec-WebSocket-Origin",
                                "Sec-WebSocket-Location")) {
                            assertEquals(1, h.count(name), name + " once");
                        }
                        return Verdict.ok(h.firstLine());
                    }
                });
        SUITE.add("1.4", "20 handshakes with keys made as the draft tells clients (random spaces, noise, numbers)",
                "each answered with the MD5 answer", () -> {
                    for (int i = 0; i < 20; i++) {
                        try (Wire w = connect()) {
                            accepted(w, request("/echo"), location("/echo"));
                        }
                    }
                    return Verdict.ok("20 answers right");
                });
        SUITE.add("1.5", "keys with 12 spaces, the most a client puts in", "answered",
                () -> keysAccepted(Draft.keyFor(123_456_789L, 12), Draft.keyFor(357_913_941L, 12)));
        SUITE.add("1.6", "keys with 60 spaces, more than clients use", "answered (the division has no such limit)",
                () -> keysAccepted(Draft.keyFor(7_777_777L, 60), Draft.keyFor(12_345L, 60)));
        SUITE.add("1.7", "key number 0 ('0' and spaces among noise: 'x0 y z')", "answered with number 0",
                () -> keysAccepted("x0 y z", Draft.keyFor(42L, 3)));
        SUITE.add("1.8", "key number 4294967295, the largest ('42949 67295', and '8  589934590' over 2 spaces)",
                "answered", () -> keysAccepted("42949 67295", Draft.keyFor(Draft.MAX_KEY_NUMBER, 2)));
        SUITE.add("1.9", "a key with a trailing space ('1 2 ': 12 over 2 spaces, or over 1 if trimmed)",
                "the draft keeps the space in the value; servers differ", () -> {
                    Request r = request("/echo").field("Sec-WebSocket-Key1", "1 2 ");
                    try (Wire w = connect()) {
                        w.write(r.bytes());
                        Optional<Head> h = w.readHead(Wire.WAIT);
                        if (h.isEmpty() || h.get().status() != 101) {
                            return Verdict.informational("refused: " + h.map(Head::firstLine).orElse("closed"));
                        }
                        byte[] answer = w.readExactly(Draft.ANSWER_LENGTH, Wire.WAIT);
                        String key2 = r.field("Sec-WebSocket-Key2");
                        byte[] key3 = Arrays.copyOfRange(r.bytes(), r.head().length, r.bytes().length);
                        if (Arrays.equals(answer, Draft.answer(6, Draft.keyNumber(key2), key3))) {
                            return Verdict.informational("answered counting the trailing space (number 6)");
                        }
                        if (Arrays.equals(answer, Draft.answer(12, Draft.keyNumber(key2), key3))) {
                            return Verdict.informational("answered with the space trimmed (number 12)");
                        }
                        return fail("answered with neither reading of the key");
                    }
                });
        SUITE.add("1.10", "Sec-WebSocket-Key1 without spaces ('12345')", "refused (the draft: a cross-protocol sign)",
                () -> refused(request("/echo").field("Sec-WebSocket-Key1", "12345")));
        SUITE.add("1.11", "Sec-WebSocket-Key2 whose digits are no multiple of its spaces ('1 2 3', 123 over 2)",
                "refused", () -> refused(request("/echo").field("Sec-WebSocket-Key2", "1 2 3")));
        SUITE.add("1.12", "Sec-WebSocket-Key1 standing for 4294967296 ('42949 67296')", "refused (over 32 bits)",
                () -> refused(request("/echo").field("Sec-WebSocket-Key1", "42949 67296")));
        SUITE.add("1.13", "Sec-WebSocket-Key1 without digits ('a b c')", "refused",
                () -> refused(request("/echo").field("Sec-WebSocket-Key1", "a b c")));
        SUITE.add("1.14", "Sec-WebSocket-Key2 missing", "refused",
                () -> refused(request("/echo").without("Sec-WebSocket-Key2")));
        SUITE.add("1.15", "the head without the 8 bytes of key3", "no response; the server closes the connection "
                        + "after its handshake timeout (" + HANDSHAKE_TIMEOUT.toSeconds() + " s here)",
                () -> keyThreeNeverCompletes(0));
        SUITE.add("1.16", "the head and 4 of the 8 bytes of key3", "no response; closed after the handshake timeout",
                () -> keyThreeNeverCompletes(4));
        SUITE.add("1.17", "key3 300 ms after the head, in a packet of its own", "101 with the right answer", () -> {
            Request r = request("/echo");
            try (Wire w = connect()) {
                w.write(r.head());
                assertEquals(0, w.readFor(QUIET).length, "nothing before key3");
                w.write(Arrays.copyOfRange(r.bytes(), r.head().length, r.bytes().length));
                acceptedResponse(w, r, location("/echo"));
                return Verdict.ok("answered once key3 came");
            }
        });
        SUITE.add("1.18", "head and key3 written one byte at a time", "101 with the right answer", () -> {
            Request r = request("/echo");
            try (Wire w = connect()) {
                w.writeSplit(r.bytes(), 1);
                acceptedResponse(w, r, location("/echo"));
                return echoes(w, "after a split handshake");
            }
        });
        SUITE.add("1.19", "key3 holding CR LF CR LF ('\\r\\n\\r\\nabcd')", "read as key bytes: 101, right answer",
                () -> {
                    Request r = request("/echo").key3("\r\n\r\nabcd".getBytes(StandardCharsets.US_ASCII));
                    try (Wire w = connect()) {
                        accepted(w, r, location("/echo"));
                        return echoes(w, "hello");
                    }
                });
        SUITE.add("1.20", "key3 and a text frame in the same write", "101, answer, then the echo", () -> {
            Request r = request("/echo");
            try (Wire w = connect()) {
                w.write(Draft.concat(r.bytes(), Draft.textFrame("early")));
                acceptedResponse(w, r, location("/echo"));
                assertEquals("early", w.readText(Wire.WAIT));
                return Verdict.ok("echoed 'early'");
            }
        });
        SUITE.add("1.21", "field names in lower case, fields in reverse order, extra fields (Cookie, User-Agent)",
                "101", () -> {
                    Request r = request("/echo");
                    for (String name : List.of("Upgrade", "Connection", "Host", "Origin", "Sec-WebSocket-Key1",
                            "Sec-WebSocket-Key2")) {
                        r.field(name.toLowerCase(java.util.Locale.ROOT), r.field(name));
                    }
                    r.field("Cookie", "a=b").field("User-Agent", "raw").reversed();
                    try (Wire w = connect()) {
                        accepted(w, r, location("/echo"));
                        return echoes(w, "x");
                    }
                });
        SUITE.add("1.22", "Origin: http://example.com:8080", "Sec-WebSocket-Origin: http://example.com:8080", () -> {
            try (Wire w = connect()) {
                Head h = accepted(w, request("/echo").field("Origin", "http://example.com:8080"), location("/echo"));
                return Verdict.ok("Sec-WebSocket-Origin: " + h.field("Sec-WebSocket-Origin").orElse(""));
            }
        });
        SUITE.add("1.23", "Origin in mixed case (http://Example.COM)",
                "hixie-76 browsers send it in lower case; recorded", () -> {
                    try (Wire w = connect()) {
                        Request r = request("/echo").field("Origin", "http://Example.COM");
                        w.write(r.bytes());
                        Head h = acceptedResponse(w, r, null);
                        return Verdict.informational("Sec-WebSocket-Origin: "
                                + h.field("Sec-WebSocket-Origin").orElse("(none)"));
                    }
                });
        SUITE.add("1.24", "no Origin field", "101; recorded whether Sec-WebSocket-Origin is sent", () -> {
            try (Wire w = connect()) {
                Request r = request("/echo").without("Origin");
                w.write(r.bytes());
                Head h = acceptedResponse(w, r, location("/echo"));
                return Verdict.informational(h.field("Sec-WebSocket-Origin").map(o -> "Sec-WebSocket-Origin: " + o)
                        .orElse("no Sec-WebSocket-Origin"));
            }
        });
        SUITE.add("1.25", "Host example.com:8080, target /echo?a=1&b=2",
                "Sec-WebSocket-Location: ws://example.com:8080/echo?a=1&b=2", () -> {
                    Request r = request("/echo?a=1&b=2").field("Host", "example.com:8080");
                    try (Wire w = connect()) {
                        Head h = accepted(w, r, "ws://example.com:8080/echo?a=1&b=2");
                        return Verdict.ok(h.field("Sec-WebSocket-Location").orElse(""));
                    }
                });
        SUITE.add("1.26", "a conforming request over TLS", "Sec-WebSocket-Location: wss://... (skipped without TLS)",
                () -> {
                    if (tlsServer == null) {
                        throw new TestAbortedException(tlsUnavailable);
                    }
                    String host = "127.0.0.1:" + tlsServer.port();
                    Request r = Request.of("/echo", host, random);
                    try (Wire w = new Wire(tlsSocket(tlsServer.port()))) {
                        Head h = accepted(w, r, "wss://" + host + "/echo");
                        return Verdict.ok(h.field("Sec-WebSocket-Location").orElse(""));
                    }
                });
        SUITE.add("1.27", "Sec-WebSocket-Protocol: sample to /demo, which serves it",
                "Sec-WebSocket-Protocol: sample", () -> {
                    try (Wire w = connect()) {
                        Head h = accepted(w, request("/demo").field("Sec-WebSocket-Protocol", "sample"),
                                location("/demo"));
                        assertEquals(Optional.of("sample"), h.field("Sec-WebSocket-Protocol"));
                        return echoes(w, "with a subprotocol");
                    }
                });
        SUITE.add("1.28", "no Sec-WebSocket-Protocol", "no Sec-WebSocket-Protocol in the response", () -> {
            try (Wire w = connect()) {
                Head h = accepted(w, request("/demo"), location("/demo"));
                assertEquals(0, h.count("Sec-WebSocket-Protocol"));
                return Verdict.ok("none");
            }
        });
        SUITE.add("1.29", "Sec-WebSocket-Protocol: chat to /echo, which serves no subprotocol",
                "the draft leaves it to the server; recorded", () -> {
                    Request r = request("/echo").field("Sec-WebSocket-Protocol", "chat");
                    try (Wire w = connect()) {
                        w.write(r.bytes());
                        Optional<Head> h = w.readHead(Wire.WAIT);
                        return Verdict.informational(h.map(x -> x.firstLine()
                                + x.field("Sec-WebSocket-Protocol").map(p -> ", protocol " + p).orElse(""))
                                .orElse("closed without a response"));
                    }
                });
        SUITE.add("1.30", "Upgrade: websocket (lower case)", "recorded (hixie-76 clients send 'WebSocket')", () -> {
            Request r = request("/echo").field("Upgrade", "websocket");
            try (Wire w = connect()) {
                w.write(r.bytes());
                Optional<Head> h = w.readHead(Wire.WAIT);
                return Verdict.informational(h.map(Head::firstLine).orElse("closed without a response"));
            }
        });
        SUITE.add("1.31", "Connection: keep-alive, Upgrade (as Firefox 4 sent it)", "101", () -> {
            try (Wire w = connect()) {
                accepted(w, request("/echo").field("Connection", "keep-alive, Upgrade"), location("/echo"));
                return echoes(w, "x");
            }
        });
        SUITE.add("1.32", "POST instead of GET", "refused",
                () -> refused(request("/echo").requestLine("POST /echo HTTP/1.1")));
        SUITE.add("1.33", "HTTP/1.0", "refused", () -> refused(request("/echo").requestLine("GET /echo HTTP/1.0")));
        SUITE.add("1.34", "a path the server does not serve (/nowhere)", "404", () -> {
            Verdict v = refused(request("/nowhere"));
            assertTrue(v.observed().startsWith("HTTP/1.1 404"), v.observed());
            return v;
        });
    }

    // -------------------------------------------------------------------------------------------- 2 framing

    private void framingCases() {
        SUITE.add("2.1", "text frame 'Hello'", "echoed as 00 'Hello' FF", () -> {
            try (Wire w = open("/echo")) {
                w.write(Draft.textFrame("Hello"));
                byte[] got = w.readExactly(7, Wire.WAIT);
                assertArrayEquals(Draft.textFrame("Hello"), got);
                return Verdict.ok(Draft.hex(got, 16));
            }
        });
        SUITE.add("2.2", "a text frame with 2, 3 and 4 byte characters written one byte at a time", "one echo",
                () -> {
                    String t = "ä€\uD83D\uDE00 split";
                    try (Wire w = open("/echo")) {
                        w.writeSplit(Draft.textFrame(t), 1);
                        assertEquals(t, w.readText(Wire.WAIT));
                        return Verdict.ok("echoed whole");
                    }
                });
        SUITE.add("2.3", "ten text frames in one write", "ten echoes in order", () -> {
            try (Wire w = open("/echo")) {
                byte[][] frames = new byte[10][];
                for (int i = 0; i < 10; i++) {
                    frames[i] = Draft.textFrame("m" + i);
                }
                w.write(Draft.concat(frames));
                for (int i = 0; i < 10; i++) {
                    assertEquals("m" + i, w.readText(Wire.WAIT));
                }
                return Verdict.ok("in order");
            }
        });
        SUITE.add("2.4", "empty text frame (00 FF)", "an empty frame back", () -> {
            try (Wire w = open("/echo")) {
                w.write(new byte[] {0x00, (byte) 0xFF});
                assertArrayEquals(new byte[] {0x00, (byte) 0xFF}, w.readExactly(2, Wire.WAIT));
                return Verdict.ok("00 ff");
            }
        });
        SUITE.add("2.5", "characters of 1 to 4 bytes, U+FFFF and U+10FFFF among them", "echoed byte for byte",
                () -> {
                    String t = "a\u00e9\u20ac\uffff\uDBFF\uDFFF\uD800\uDC00";
                    byte[] frame = Draft.textFrame(t);
                    try (Wire w = open("/echo")) {
                        w.write(frame);
                        assertArrayEquals(frame, w.readExactly(frame.length, Wire.WAIT));
                        return Verdict.ok(Draft.hex(frame, 32));
                    }
                });
        SUITE.add("2.6", "length-prefixed frame (80 05 'abcde'), then text 'after'",
                "the first discarded: only 'after' comes back",
                () -> discarded(Draft.lengthFrame(0x80, "abcde".getBytes(StandardCharsets.US_ASCII))));
        SUITE.add("2.7", "length-prefixed frame of 200 bytes (two length bytes 81 48) holding FF and 00 bytes",
                "discarded", () -> {
                    byte[] payload = new byte[200];
                    for (int i = 0; i < payload.length; i++) {
                        payload[i] = (byte) (i % 2 == 0 ? 0xFF : 0x00);
                    }
                    byte[] frame = Draft.lengthFrame(0x80, payload);
                    assertEquals((byte) 0x81, frame[1]);
                    return discarded(frame);
                });
        SUITE.add("2.8", "length-prefixed frame of length 0 (80 00)", "discarded",
                () -> discarded(new byte[] {(byte) 0x80, 0x00}));
        SUITE.add("2.9", "type FF with length 1 (FF 01 41): not the close frame", "discarded, the connection stays",
                () -> discarded(new byte[] {(byte) 0xFF, 0x01, 0x41}));
        SUITE.add("2.10", "sentinel frame of unknown type 01 (01 'xyz' FF)", "discarded",
                () -> discarded(Draft.sentinelFrame(0x01, "xyz".getBytes(StandardCharsets.US_ASCII))));
        SUITE.add("2.11", "sentinel frame of unknown type 7F holding invalid UTF-8, written one byte at a time",
                "discarded", () -> {
                    try (Wire w = open("/echo")) {
                        w.writeSplit(Draft.concat(Draft.sentinelFrame(0x7F, new byte[] {(byte) 0xC0, 0x41}),
                                Draft.textFrame("after")), 1);
                        assertEquals("after", w.readText(Wire.WAIT));
                        return Verdict.ok("only 'after' came back");
                    }
                });
        SUITE.add("2.12", "a text frame of exactly the limit (" + LIMIT + " bytes)", "echoed", () -> {
            String t = "x".repeat(LIMIT);
            try (Wire w = open("/echo")) {
                w.write(Draft.textFrame(t));
                assertEquals(t, w.readText(Wire.WAIT));
                return Verdict.ok("echoed " + LIMIT + " bytes");
            }
        });
        SUITE.add("2.13", "a 60 KiB text frame in pieces of 1000 bytes", "echoed", () -> {
            String t = "abcdefghij€".repeat(60 * 1024 / 13);
            try (Wire w = open("/echo")) {
                w.writeSplit(Draft.textFrame(t), 1000);
                assertEquals(t, w.readText(Wire.WAIT));
                return Verdict.ok("echoed");
            }
        });
    }

    // -------------------------------------------------------------------------- 3 invalid input and limits

    private void invalidInputCases() {
        SUITE.add("3.1", "invalid UTF-8: overlong C0 80", "the connection is closed, nothing echoed",
                () -> failsConnection(Draft.textFrame(new byte[] {'a', (byte) 0xC0, (byte) 0x80})));
        SUITE.add("3.2", "invalid UTF-8: a lone continuation byte 80", "closed",
                () -> failsConnection(Draft.textFrame(new byte[] {(byte) 0x80})));
        SUITE.add("3.3", "invalid UTF-8: an encoded surrogate ED A0 80", "closed",
                () -> failsConnection(Draft.textFrame(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})));
        SUITE.add("3.4", "invalid UTF-8: beyond U+10FFFF (F4 90 80 80)", "closed",
                () -> failsConnection(Draft.textFrame(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80,
                        (byte) 0x80})));
        SUITE.add("3.5", "00 'a' C3 28 and no frame end (fail fast)",
                "closed at the invalid byte, without waiting for the frame's end",
                () -> failsConnection(new byte[] {0x00, 'a', (byte) 0xC3, 0x28}));
        SUITE.add("3.6", "a text frame ending inside a character (00 E2 82 FF)", "closed",
                () -> failsConnection(new byte[] {0x00, (byte) 0xE2, (byte) 0x82, (byte) 0xFF}));
        SUITE.add("3.7", "a valid frame, then an invalid one, in one write", "the first echoed, then closed",
                () -> {
                    try (Wire w = open("/echo")) {
                        w.write(Draft.concat(Draft.textFrame("ok"), Draft.textFrame(new byte[] {(byte) 0xFE})));
                        assertEquals("ok", w.readText(Wire.WAIT));
                        return closedAfter(w, "'ok' echoed, then ");
                    }
                });
        SUITE.add("3.8", "a text frame longer than the limit, never ended (" + (LIMIT + 1) + " bytes of 'a')",
                "closed once the limit is passed", () -> failsConnection(Draft.concat(new byte[] {0x00},
                        "a".repeat(LIMIT + 1).getBytes(StandardCharsets.US_ASCII))));
        SUITE.add("3.9", "a length-prefixed frame announcing 2^28 bytes (80 81 80 80 80 00), none of them sent",
                "closed right after the length", () -> failsConnection(Draft.concat(new byte[] {(byte) 0x80},
                        Draft.length(1L << 28))));
        SUITE.add("3.10", "a sentinel frame of unknown type 01 longer than the limit, never ended",
                "closed once the limit is passed", () -> failsConnection(Draft.concat(new byte[] {0x01},
                        "b".repeat(LIMIT + 1).getBytes(StandardCharsets.US_ASCII))));
        SUITE.add("3.11", "a frame length of ten base-128 digits (over 63 bits)", "closed", () -> {
            byte[] f = new byte[11];
            Arrays.fill(f, (byte) 0xFF);
            f[0] = (byte) 0x80;
            return failsConnection(f);
        });
    }

    // ---------------------------------------------------------------------------------- 4 closing handshake

    private void closingCases() {
        SUITE.add("4.1", "the close frame FF 00", "FF 00 back, then the server closes the TCP connection; the "
                + "endpoint sees 1005 (no status)", () -> {
                    watchedCloses.clear();
                    try (Wire w = open("/watched")) {
                        w.write(Draft.closeFrame());
                        assertArrayEquals(Draft.closeFrame(), w.readToEnd(MARGIN));
                    }
                    CloseStatus s = watched();
                    assertEquals(1005, s.code(), s.toString());
                    return Verdict.ok("FF 00 and closed; endpoint saw " + s);
                });
        SUITE.add("4.2", "the close frame in two writes (FF, then 00)", "FF 00 back, then closed", () -> {
            try (Wire w = open("/echo")) {
                w.write(new byte[] {(byte) 0xFF});
                assertEquals(0, w.readFor(QUIET).length, "nothing after half a close frame");
                w.write(new byte[] {0x00});
                assertArrayEquals(Draft.closeFrame(), w.readToEnd(MARGIN));
                return Verdict.ok("FF 00 and closed");
            }
        });
        SUITE.add("4.3", "a text frame and the close frame in one write", "the echo, FF 00, closed", () -> {
            try (Wire w = open("/echo")) {
                w.write(Draft.concat(Draft.textFrame("last"), Draft.closeFrame()));
                assertArrayEquals(Draft.concat(Draft.textFrame("last"), Draft.closeFrame()), w.readToEnd(MARGIN));
                return Verdict.ok("echo, FF 00, closed");
            }
        });
        SUITE.add("4.4", "the close frame followed by a text frame", "the text ignored: only FF 00, then closed",
                () -> {
                    try (Wire w = open("/echo")) {
                        w.write(Draft.concat(Draft.closeFrame(), Draft.textFrame("ignored")));
                        assertArrayEquals(Draft.closeFrame(), w.readToEnd(MARGIN));
                        return Verdict.ok("FF 00 and closed");
                    }
                });
        SUITE.add("4.5", "the endpoint closes ('" + CLOSE_ME + "'); the client answers FF 00",
                "FF 00 from the server; after the answer the server closes the TCP connection", () -> {
                    try (Wire w = open("/echo")) {
                        w.write(Draft.textFrame(CLOSE_ME));
                        Frame f = w.readFrame(Wire.WAIT);
                        assertTrue(f.isClose(), "expected the close frame, got " + f);
                        w.write(Draft.closeFrame());
                        byte[] rest = w.readToEnd(MARGIN);
                        assertEquals(0, rest.length, "nothing after the close frame: " + Draft.hex(rest, 16));
                        return Verdict.ok("FF 00, answer, closed");
                    }
                });
        SUITE.add("4.6", "the endpoint closes; the client never answers",
                "the server closes the TCP connection after its close timeout (" + CLOSE_TIMEOUT.toSeconds()
                        + " s here)", () -> {
                    try (Wire w = open("/echo")) {
                        w.write(Draft.textFrame(CLOSE_ME));
                        long t0 = System.nanoTime();
                        byte[] got = w.readToEnd(CLOSE_TIMEOUT.plus(MARGIN));
                        assertArrayEquals(Draft.closeFrame(), got);
                        return Verdict.ok("FF 00, closed after "
                                + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms");
                    }
                });
        SUITE.add("4.7", "the client ends its side of the TCP connection without a close frame",
                "the endpoint sees 1006 (abnormal); the server closes", () -> {
                    watchedCloses.clear();
                    try (Wire w = open("/watched")) {
                        w.shutdownOutput();
                        byte[] got = w.readToEnd(MARGIN);
                        CloseStatus s = watched();
                        assertEquals(1006, s.code(), s.toString());
                        return Verdict.ok("endpoint saw " + s + "; the server sent "
                                + (got.length == 0 ? "nothing" : Draft.hex(got, 8)) + " and closed");
                    }
                });
        SUITE.add("4.8", "handshake, key3 and the close frame in one write", "101, answer, FF 00, closed", () -> {
            Request r = request("/echo");
            try (Wire w = connect()) {
                w.write(Draft.concat(r.bytes(), Draft.closeFrame()));
                acceptedResponse(w, r, location("/echo"));
                assertArrayEquals(Draft.closeFrame(), w.readToEnd(MARGIN));
                return Verdict.ok("answer, FF 00, closed");
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Request request(String target) {
        return Request.of(target, "127.0.0.1:" + port, random);
    }

    private static String location(String target) {
        return "ws://127.0.0.1:" + port + target;
    }

    private static Wire connect() throws IOException {
        return new Wire(new Socket("127.0.0.1", port));
    }

    /** A connection after a successful handshake to {@code target}. */
    private Wire open(String target) throws IOException {
        Wire w = connect();
        try {
            accepted(w, request(target), location(target));
            return w;
        } catch (IOException | RuntimeException | Error e) {
            w.close();
            throw e;
        }
    }

    /** Sends the request and checks the response ({@link #acceptedResponse}). */
    private static Head accepted(Wire w, Request r, String location) throws IOException {
        w.write(r.bytes());
        return acceptedResponse(w, r, location);
    }

    /**
     * Reads a response and checks it accepts the request: status 101, Upgrade and Connection, the Origin echoed,
     * the Location (unless {@code null}), then the 16-byte answer the draft computes for the request's keys.
     */
    private static Head acceptedResponse(Wire w, Request r, String location) throws IOException {
        Head h = w.readHead(Wire.WAIT).orElseThrow(() -> new AssertionError("closed without a response"));
        assertEquals(101, h.status(), () -> "not accepted: " + h.raw());
        assertTrue(h.field("Upgrade").filter(u -> u.equalsIgnoreCase("WebSocket")).isPresent(), h.raw());
        assertTrue(h.field("Connection").filter(u -> u.equalsIgnoreCase("Upgrade")).isPresent(), h.raw());
        if (r.field("Origin") != null && r.field("Origin").equals(r.field("Origin").toLowerCase())) {
            assertEquals(Optional.of(r.field("Origin")), h.field("Sec-WebSocket-Origin"), h.raw());
        }
        if (location != null) {
            assertEquals(Optional.of(location), h.field("Sec-WebSocket-Location"), h.raw());
        }
        byte[] answer = w.readExactly(Draft.ANSWER_LENGTH, Wire.WAIT);
        assertArrayEquals(r.expectedAnswer(), answer, "the challenge answer");
        return h;
    }

    private Verdict keysAccepted(String key1, String key2) throws IOException {
        assertTrue(Draft.keyNumber(key1) >= 0 && Draft.keyNumber(key2) >= 0, "test keys must be valid");
        Request r = request("/echo").field("Sec-WebSocket-Key1", key1).field("Sec-WebSocket-Key2", key2);
        try (Wire w = connect()) {
            accepted(w, r, location("/echo"));
            return Verdict.ok("numbers " + Draft.keyNumber(key1) + " and " + Draft.keyNumber(key2) + " answered");
        }
    }

    /** Sends the request; the server must not accept it: an error status, or a closed connection. */
    private static Verdict refused(Request r) throws IOException {
        try (Wire w = connect()) {
            w.write(r.bytes());
            Optional<Head> h = w.readHead(Wire.WAIT);
            if (h.isEmpty()) {
                return Verdict.ok("closed without a response");
            }
            assertNotEquals(101, h.get().status(), () -> "accepted: " + h.get().raw());
            w.readToEnd(MARGIN);
            return Verdict.ok(h.get().firstLine() + ", then closed");
        }
    }

    private Verdict keyThreeNeverCompletes(int key3Bytes) throws IOException {
        Request r = request("/echo");
        try (Wire w = connect()) {
            w.write(Arrays.copyOf(r.bytes(), r.head().length + key3Bytes));
            long t0 = System.nanoTime();
            byte[] got = w.readToEnd(HANDSHAKE_TIMEOUT.plus(MARGIN));
            long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            String text = new String(got, StandardCharsets.ISO_8859_1);
            assertTrue(!text.startsWith("HTTP/1.1 101"), "accepted without key3: " + text);
            return Verdict.ok((got.length == 0 ? "closed without a response" : "'" + text.lines().findFirst()
                    .orElse("") + "', closed") + " after " + ms + " ms");
        }
    }

    /** Sends a frame the server must discard, then 'after': only the echo of 'after' may come back. */
    private Verdict discarded(byte[] frame) throws IOException {
        try (Wire w = open("/echo")) {
            w.write(Draft.concat(frame, Draft.textFrame("after")));
            byte[] expected = Draft.textFrame("after");
            assertArrayEquals(expected, w.readExactly(expected.length, Wire.WAIT), "only the echo of 'after'");
            assertEquals(0, w.readFor(QUIET).length, "nothing more");
            return Verdict.ok("discarded; 'after' echoed");
        }
    }

    /** Sends bytes after which the server must close the connection, echoing nothing. */
    private Verdict failsConnection(byte[] bytes) throws IOException {
        try (Wire w = open("/echo")) {
            w.write(bytes);
            return closedAfter(w, "");
        }
    }

    /** The server closes: at most the close frame comes before the end of the stream. */
    private static Verdict closedAfter(Wire w, String before) throws IOException {
        byte[] got = w.readToEnd(MARGIN);
        if (got.length == 0) {
            return Verdict.ok(before + "closed without a close frame");
        }
        assertArrayEquals(Draft.closeFrame(), got, "only a close frame may come before the end");
        return Verdict.ok(before + "FF 00, closed");
    }

    /** A text round trip on an open connection. */
    private static Verdict echoes(Wire w, String text) throws IOException {
        w.write(Draft.textFrame(text));
        assertEquals(text, w.readText(Wire.WAIT));
        return Verdict.ok("open; '" + text + "' echoed");
    }

    private static CloseStatus watched() throws InterruptedException {
        CloseStatus s = watchedCloses.poll(MARGIN.toMillis(), TimeUnit.MILLISECONDS);
        if (s == null) {
            fail("the endpoint was not told the connection closed");
        }
        return s;
    }

    /** A TLS connection that trusts the test's self-signed certificate (and anything else: it is loopback). */
    private static Socket tlsSocket(int port) throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port);
            s.startHandshake();
            return s;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }
}
