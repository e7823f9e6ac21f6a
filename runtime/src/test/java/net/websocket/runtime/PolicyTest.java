package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.Handler;
import net.websocket.api.HandshakeDecision;
import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeHook;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.Listener;
import net.websocket.api.Message;
import net.websocket.api.ProtocolException;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/** The origin policy, the error policy, handlers that throw, dropped pings. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PolicyTest {

    // ------------------------------------------------------------------------------------------- origins

    private static String handshakeFrom(WebSocketServer s, String path, String origin) throws Exception {
        String request = origin == null ? Raw.upgrade(path) : Raw.upgrade(path, "Origin: " + origin);
        try (Socket sock = Raw.open(s.port())) {
            sock.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String head = Raw.readHead(sock.getInputStream());
            if (head.startsWith("HTTP/1.1 101 ")) {
                return head;
            }
            return head + Raw.readToEnd(sock.getInputStream());
        }
    }

    @Test
    void allowedOriginsRefuseOthersWith403BeforeTheHookRuns() throws Exception {
        AtomicInteger hookCalls = new AtomicInteger();
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().allowedOrigins("https://good.example")
                .handshakeHook(r -> {
                    hookCalls.incrementAndGet();
                    return HandshakeDecision.accept();
                }).build(), TestSupport.ECHO)) {
            String refused = handshakeFrom(s, "/", "https://evil.example");
            assertEquals(403, Raw.status(refused));
            assertEquals("origin not allowed\n", Raw.body(refused));
            assertEquals(0, hookCalls.get(), "refused before the hook");
            assertTrue(handshakeFrom(s, "/", "https://GOOD.example").startsWith("HTTP/1.1 101 "), "case-blind");
            assertTrue(handshakeFrom(s, "/", null).startsWith("HTTP/1.1 101 "), "no origin: not a browser");
            assertEquals(2, hookCalls.get());
            // our client sends no Origin unless told to
            HandshakeException e = assertThrows(HandshakeException.class, () -> TestSupport.client().connect(
                    TestSupport.uri(s, "/"), ConnectRequest.builder().header("Origin", "http://evil.example")
                            .build()));
            assertEquals(403, e.status());
        }
    }

    @Test
    void originPolicySeesThePathAndTheDenialIsCustomisable() throws Exception {
        OriginPolicy policy = (origin, path) -> path.startsWith("/public")
                || origin.equals(Optional.of("https://app.example"));
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().originPolicy(policy)
                .accessDenied(451, "not from here").build(), TestSupport.ECHO)) {
            assertTrue(handshakeFrom(s, "/public/x", "https://other.example").startsWith("HTTP/1.1 101 "));
            String r = handshakeFrom(s, "/private", "https://other.example");
            assertEquals(451, Raw.status(r));
            assertEquals("not from here\n", Raw.body(r));
            assertEquals(451, Raw.status(handshakeFrom(s, "/private", null)), "this policy wants an origin");
            assertTrue(handshakeFrom(s, "/private", "https://app.example").startsWith("HTTP/1.1 101 "));
        }
        assertThrows(IllegalArgumentException.class, () -> ServerOptions.builder().accessDenied(500, "x"));
    }

    @Test
    void hybi00OriginHeaderIsCheckedToo() throws Exception {
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().allowedOrigins("http://good.example")
                .build(), TestSupport.ECHO)) {
            String request = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: WebSocket\r\nConnection: Upgrade\r\n"
                    + "Origin: http://evil.example\r\nSec-WebSocket-Key1: 4 @1  46546xW%0l 1 5\r\n"
                    + "Sec-WebSocket-Key2: 12998 5 Y3 1  .P00\r\n\r\n^n:ds[4U";
            String r = Raw.exchange(s.port(), request);
            assertEquals(403, Raw.status(r));
        }
    }

    // ------------------------------------------------------------------------------------------- the hook

    @Test
    void aHookThatDoesNotDecideIsSkippedOnTheIoThread() throws Exception {
        LinkedBlockingQueue<String> askedOn = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> decidedOn = new LinkedBlockingQueue<>();
        HandshakeHook guard = new HandshakeHook() {
            @Override
            public boolean decides(HandshakeRequest request) {
                askedOn.add(Thread.currentThread().getName());
                if (request.path().equals("/broken")) {
                    throw new IllegalStateException("decides failed (expected by the test)");
                }
                return request.path().startsWith("/guarded");
            }

            @Override
            public HandshakeDecision onHandshake(HandshakeRequest request) {
                decidedOn.add(Thread.currentThread().getName());
                return HandshakeDecision.reject(401, "no token");
            }
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().handshakeHook(guard).build(),
                TestSupport.ECHO)) {
            assertTrue(handshakeFrom(s, "/open", null).startsWith("HTTP/1.1 101 "), "accepted without the hook");
            assertTrue(askedOn.take().contains("-io-"), "decides runs on the I/O thread");
            assertTrue(decidedOn.isEmpty(), "onHandshake was not called");

            String refused = handshakeFrom(s, "/guarded", null);
            assertEquals(401, Raw.status(refused), refused);
            assertTrue(askedOn.take().contains("-io-"));
            assertFalse(decidedOn.take().contains("-io-"), "onHandshake runs on a handler thread");

            assertEquals(500, Raw.status(handshakeFrom(s, "/broken", null)), "a failing decides is a 500");
            assertTrue(handshakeFrom(s, "/open", null).startsWith("HTTP/1.1 101 "), "and the server goes on");
        }
    }

    // ------------------------------------------------------------------------------------- error policy

    /** Records what a listener was told. */
    static final class Recorder implements Listener {
        final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();

        @Override
        public void onText(Connection c, String text) {
            events.add("text " + text);
        }

        @Override
        public void onError(Connection c, Throwable error) {
            errors.add(error);
            events.add("error");
        }

        @Override
        public void onClose(Connection c, CloseStatus status) {
            events.add("close " + status.code());
        }

        List<String> until(String last) throws InterruptedException {
            List<String> out = new java.util.ArrayList<>();
            for (String e; (e = events.poll(10, TimeUnit.SECONDS)) != null;) {
                out.add(e);
                if (e.startsWith(last)) {
                    break;
                }
            }
            return out;
        }
    }

    @Test
    void protocolErrorsOnlyCloseByDefault() throws Exception {
        Recorder r = new Recorder();
        LinkedBlockingQueue<Object> handlerSaw = new LinkedBlockingQueue<>();
        Handler h = c -> {
            for (Message m; (m = c.receive()) != null;) {
                handlerSaw.add(m.text());
            }
            handlerSaw.add("end of stream");
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(), ServiceMapper.builder()
                .route("/listener", ServiceMapper.none(r)).route("/handler", ServiceMapper.none(h)).build())) {
            assertEquals(CloseCodes.PROTOCOL_ERROR, sendTextThenBadFrame(s, "/listener"));
            assertEquals(List.of("text before", "close 1002"), r.until("close"));
            assertTrue(r.errors.isEmpty());
            assertEquals(CloseCodes.PROTOCOL_ERROR, sendTextThenBadFrame(s, "/handler"));
            assertEquals("before", handlerSaw.poll(10, TimeUnit.SECONDS));
            assertEquals("end of stream", handlerSaw.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void propagatedProtocolErrorsReachListenersAndHandlers() throws Exception {
        Recorder r = new Recorder();
        LinkedBlockingQueue<Object> handlerSaw = new LinkedBlockingQueue<>();
        Handler h = c -> {
            try {
                for (Message m; (m = c.receive()) != null;) {
                    handlerSaw.add(m.text());
                }
                handlerSaw.add("end of stream");
            } catch (ProtocolException e) {
                handlerSaw.add(e);
                throw e;
            }
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().propagateProtocolErrors(true).build(),
                ServiceMapper.builder().route("/listener", ServiceMapper.none(r))
                        .route("/handler", ServiceMapper.none(h)).build())) {
            assertEquals(CloseCodes.PROTOCOL_ERROR, sendTextThenBadFrame(s, "/listener"));
            assertEquals(List.of("text before", "error", "close 1002"), r.until("close"));
            ProtocolException pe = assertInstanceOf(ProtocolException.class, r.errors.poll());
            assertEquals(CloseCodes.PROTOCOL_ERROR, pe.closeCode());
            // the handler takes the message first, then its receive throws; the close stays 1002, not 1011
            assertEquals(CloseCodes.PROTOCOL_ERROR, sendTextThenBadFrame(s, "/handler"));
            assertEquals("before", handlerSaw.poll(10, TimeUnit.SECONDS));
            ProtocolException he = assertInstanceOf(ProtocolException.class, handlerSaw.poll(10, TimeUnit.SECONDS));
            assertEquals(CloseCodes.PROTOCOL_ERROR, he.closeCode());
        }
    }

    private static int sendTextThenBadFrame(WebSocketServer s, String path) throws Exception {
        try (Socket sock = Raw.open(s.port())) {
            OutputStream out = sock.getOutputStream();
            InputStream in = sock.getInputStream();
            out.write(Raw.upgrade(path).getBytes(StandardCharsets.US_ASCII));
            assertTrue(Raw.readHead(in).startsWith("HTTP/1.1 101 "));
            out.write(Raw.clientFrame(0x81, "before".getBytes(StandardCharsets.UTF_8)));
            out.write(Raw.clientFrame(0xC1, "bad".getBytes(StandardCharsets.UTF_8)));
            Raw.Frame f;
            while ((f = Raw.readFrame(in)).opcode() != 8) {
                // skip what the endpoint sends first
            }
            return f.closeCode();
        }
    }

    @Test
    void clientPropagatesTheServersProtocolErrors() throws Exception {
        // a raw server that sends a frame with a reserved bit set
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread t = new Thread(() -> {
                try (Socket sock = ss.accept()) {
                    String head = Raw.readHead(sock.getInputStream());
                    String key = Raw.header(head, "Sec-WebSocket-Key");
                    OutputStream out = sock.getOutputStream();
                    out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + Raw.accept(key) + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(Raw.frame(0x81, "ok".getBytes(StandardCharsets.UTF_8), false));
                    out.write(Raw.frame(0xA1, "bad".getBytes(StandardCharsets.UTF_8), false));
                    Raw.readFrame(sock.getInputStream()); // the client's 1002
                } catch (Exception e) {
                    // done
                }
            });
            t.start();
            Connection c = WebSockets.client(ClientOptions.builder().propagateProtocolErrors(true).build())
                    .connect(java.net.URI.create("ws://127.0.0.1:" + ss.getLocalPort() + "/"));
            assertEquals("ok", c.receiveText());
            ProtocolException e = assertThrows(ProtocolException.class, c::receive);
            assertEquals(CloseCodes.PROTOCOL_ERROR, e.closeCode());
            assertThrows(ProtocolException.class, c::receive, "stays failed");
            t.join(10_000);
            assertEquals(CloseCodes.PROTOCOL_ERROR, c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS)
                    .code());
        }
    }

    // -------------------------------------------------------------------------------- handlers that fail

    @Test
    void handlerThatThrowsClosesOnlyItsConnectionWith1011() throws Exception {
        Handler throwsOnBoom = c -> {
            for (Message m; (m = c.receive()) != null;) {
                if (m.text().equals("boom")) {
                    throw new IllegalStateException("handler failure (expected by the test)");
                }
                c.send(m);
            }
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(), throwsOnBoom)) {
            Bystander b = Bystander.start(TestSupport.client(), TestSupport.uri(s, "/"));
            for (int i = 0; i < 5; i++) {
                Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"));
                c.sendText("fine");
                assertEquals("fine", c.receiveText());
                c.sendText("boom");
                assertNull(c.receive());
                assertEquals(new CloseStatus(CloseCodes.INTERNAL_ERROR, "", true),
                        c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS));
            }
            b.finish();
        }
    }

    @Test
    void listenerThatThrowsClosesOnlyItsConnectionWith1011() throws Exception {
        Listener throwsOnBoom = new Listener() {
            @Override
            public void onText(Connection c, String text) throws Exception {
                if (text.equals("boom")) {
                    throw new IllegalStateException("listener failure (expected by the test)");
                }
                c.sendText(text);
            }
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(), throwsOnBoom)) {
            Bystander b = Bystander.start(TestSupport.client(), TestSupport.uri(s, "/"));
            Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"));
            c.sendText("boom");
            assertNull(c.receive());
            assertEquals(CloseCodes.INTERNAL_ERROR, c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS)
                    .code());
            b.finish();
        }
    }

    // ---------------------------------------------------------------------------------------- pings

    @Test
    void clientThatDropsPingsLeavesThemUnanswered() throws Exception {
        LinkedBlockingQueue<Object> rtt = new LinkedBlockingQueue<>();
        Handler pinger = c -> {
            try {
                rtt.add(c.ping(ByteBuffer.wrap(new byte[] {5})).toCompletableFuture().get(400,
                        TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                rtt.add("no pong");
            }
            c.sendText("after");
            c.receive();
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(), pinger)) {
            try (Connection c = WebSockets.client(ClientOptions.builder().dropIncomingPings(true).build())
                    .connect(TestSupport.uri(s, "/"))) {
                assertEquals("after", c.receiveText());
                assertEquals("no pong", rtt.poll(10, TimeUnit.SECONDS));
                assertFalse(c.isClosed());
            }
            try (Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"))) {
                assertEquals("after", c.receiveText());
                assertInstanceOf(java.time.Duration.class, rtt.poll(10, TimeUnit.SECONDS), "answered by default");
            }
        }
    }
}
