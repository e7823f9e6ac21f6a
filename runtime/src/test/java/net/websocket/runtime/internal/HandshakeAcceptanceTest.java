package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import net.websocket.api.ConnectionOverrides;
import net.websocket.api.Handler;
import net.websocket.api.HandshakeDecision;
import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.api.ServiceMapper;
import net.websocket.api.spi.ClientHandshake;
import net.websocket.api.spi.ClientHandshakeRequest;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.api.spi.ServerHandshake;
import net.websocket.runtime.OriginPolicy;
import net.websocket.runtime.VariantSource;
import net.websocket.runtime.internal.HandshakeAcceptance.Refusal;
import net.websocket.runtime.internal.HandshakeAcceptance.Step;

import org.junit.jupiter.api.Test;

/**
 * Every answer a server gives an opening handshake before it is upgraded, decided without a socket: the refusals
 * with their exact responses, and what is accepted.
 */
class HandshakeAcceptanceTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress SELF = new InetSocketAddress("127.0.0.1", 8081);
    private static final Handler ECHO = c -> { };
    private static final EngineConfig CONFIG = EngineConfig.defaults(EngineConfig.Role.SERVER);

    private static final ProtocolVariant RFC6455 = find("rfc6455");
    private static final ProtocolVariant HYBI00 = find("hybi00");

    private static ProtocolVariant find(String name) {
        return VariantSource.serviceLoader().variants().stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow();
    }

    private static HandshakeRequest request(String method, String target, String... headers) {
        return new HandshakeRequest(method, target, "HTTP/1.1", Headers.of(headers), PEER, SELF, false);
    }

    private static HandshakeRequest rfc6455(String target, String... more) {
        Headers.Builder b = Headers.builder().add("Host", "127.0.0.1:8081").add("Upgrade", "websocket")
                .add("Connection", "Upgrade").add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .add("Sec-WebSocket-Version", "13");
        for (int i = 0; i < more.length; i += 2) {
            b.add(more[i], more[i + 1]);
        }
        return new HandshakeRequest("GET", target, "HTTP/1.1", b.build(), PEER, SELF, false);
    }

    private static String text(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void assertRefusal(int status, Headers headers, String message, Step<?> step) {
        assertTrue(step.refused(), "refused");
        assertNull(step.value());
        assertEquals(new Refusal(status, headers, message), step.refusal());
    }

    // ------------------------------------------------------------------------------------------- responses

    @Test
    void aRefusalIsAPlainTextResponseThatClosesTheConnection() {
        String body = "no WebSocket service at this path\n";
        assertEquals("HTTP/1.1 404 Not Found\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.length() + "\r\n"
                + "Connection: close\r\n"
                + "\r\n" + body, text(new Refusal(404, Headers.empty(), "no WebSocket service at this path")
                        .response()));
    }

    @Test
    void aRefusalWithoutMessageSaysTheReasonPhraseAndKeepsItsHeadersButNotFramingOnes() {
        Headers h = Headers.of("Retry-After", "5", "Content-Length", "0", "Transfer-Encoding", "chunked");
        assertEquals("HTTP/1.1 503 Service Unavailable\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: 20\r\n"
                + "Connection: close\r\n"
                + "Retry-After: 5\r\n"
                + "\r\nService Unavailable\n", text(new Refusal(503, h, "").response()));
        assertEquals(text(new Refusal(503, h, "").response()), text(new Refusal(503, h, null).response()));
    }

    @Test
    void aBodyIsUtf8AndCountedInBytes() {
        String r = text(new Refusal(403, Headers.empty(), "Zugriff verweigert \u2013 Origin").response());
        assertTrue(r.contains("Content-Length: " + ("Zugriff verweigert \u2013 Origin\n")
                .getBytes(StandardCharsets.UTF_8).length + "\r\n"), r);
    }

    // ------------------------------------------------------------------------------------ the request head

    @Test
    void aMalformedHeadIs400AndAnOversizedOne431() throws Exception {
        HttpHeadParser bad = new HttpHeadParser(HttpHeadParser.Mode.REQUEST, 8192);
        HttpHeadParser.ParseException e = assertThrows(HttpHeadParser.ParseException.class,
                () -> bad.feed(ByteBuffer.wrap("GET / HTTP/1.1\r\nno colon\r\n\r\n".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(400, HandshakeAcceptance.malformed(e).status());
        assertEquals(e.getMessage(), HandshakeAcceptance.malformed(e).message());

        HttpHeadParser small = new HttpHeadParser(HttpHeadParser.Mode.REQUEST, 64);
        HttpHeadParser.ParseException big = assertThrows(HttpHeadParser.ParseException.class,
                () -> small.feed(ByteBuffer.wrap(("GET / HTTP/1.1\r\nX-Long: " + "x".repeat(100) + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII))));
        assertEquals(431, HandshakeAcceptance.malformed(big).status());
        assertTrue(text(HandshakeAcceptance.malformed(big).response())
                .startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
    }

    // ------------------------------------------------------------------------------- the HTTP rules of an upgrade

    private static void assertBadRequest(String message, HandshakeRequest request) {
        assertEquals(new Refusal(400, Headers.empty(), message), HandshakeAcceptance.checkHttp(request));
    }

    private static HandshakeRequest hixie(String target, String... more) {
        Headers.Builder b = Headers.builder().add("Host", "127.0.0.1:8081").add("Upgrade", "WebSocket")
                .add("Connection", "Upgrade").add("Sec-WebSocket-Key1", "4 @1  46546xW%0l 1 5")
                .add("Sec-WebSocket-Key2", "12998 5 Y3 1  .P00");
        for (int i = 0; i < more.length; i += 2) {
            b.add(more[i], more[i + 1]);
        }
        return new HandshakeRequest("GET", target, "HTTP/1.1", b.build(), PEER, SELF, false);
    }

    @Test
    void aLawfulUpgradeRequestPassesTheHttpRulesListFieldsMayRepeat() {
        assertNull(HandshakeAcceptance.checkHttp(rfc6455("/chat?room=1")));
        assertNull(HandshakeAcceptance.checkHttp(rfc6455("/", "Sec-WebSocket-Protocol", "a, b",
                "Sec-WebSocket-Protocol", "c", "Sec-WebSocket-Extensions", "permessage-deflate",
                "Sec-WebSocket-Extensions", "x-other", "Connection", "keep-alive", "Content-Length", "0")));
        assertNull(HandshakeAcceptance.checkHttp(hixie("/demo")));
        Headers ipv6 = Headers.of("Host", "[::1]:8081", "Upgrade", "websocket");
        assertNull(HandshakeAcceptance.checkHttp(new HandshakeRequest("GET", "ws://[::1]:8081/", "HTTP/1.1", ipv6,
                PEER, SELF, false)));
    }

    @Test
    void theHostIsRequiredOnceAndWellFormed() {
        HandshakeRequest none = request("GET", "/", "Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13");
        assertBadRequest("the Host header is missing", none);
        assertBadRequest("the Host header appears 2 times", rfc6455("/", "Host", "evil.example"));
        assertBadRequest("the Host header is not a host and port", request("GET", "/", "Host", ""));
        assertBadRequest("the Host header is not a host and port", request("GET", "/", "Host", "a b"));
        assertBadRequest("the Host header is not a host and port", request("GET", "/", "Host", "user@host"));
        assertBadRequest("the Host header is not a host and port", request("GET", "/", "Host", "host:99999"));
        assertBadRequest("the Host header is not a host and port", request("GET", "/", "Host", "a:1:2"));
        assertBadRequest("the Host header appears 2 times", hixie("/", "Host", "127.0.0.1:8081"));
    }

    @Test
    void theWebSocketFieldsThatMustBeSingleAreRefusedTwice() {
        assertBadRequest("the Sec-WebSocket-Key header appears 2 times",
                rfc6455("/", "Sec-WebSocket-Key", "AAAAAAAAAAAAAAAAAAAAAA=="));
        assertBadRequest("the Sec-WebSocket-Version header appears 2 times",
                rfc6455("/", "Sec-WebSocket-Version", "13"));
        assertBadRequest("the Origin header appears 2 times",
                rfc6455("/", "Origin", "http://a.example", "Origin", "http://b.example"));
        assertBadRequest("the Sec-WebSocket-Key1 header appears 2 times",
                hixie("/", "Sec-WebSocket-Key1", "4 @1  46546xW%0l 1 5"));
        assertBadRequest("the Sec-WebSocket-Key2 header appears 2 times",
                hixie("/", "Sec-WebSocket-Key2", "12998 5 Y3 1  .P00"));
    }

    @Test
    void anUpgradeRequestHasNoBodyButHybi00sKey3IsNoneOfHttps() {
        assertBadRequest("an upgrade request has no body, but its Content-Length is 5",
                rfc6455("/", "Content-Length", "5"));
        assertBadRequest("an upgrade request has no body, but it has a Transfer-Encoding",
                rfc6455("/", "Transfer-Encoding", "chunked"));
        assertBadRequest("an upgrade request has no body, but it has a Transfer-Encoding",
                rfc6455("/", "Transfer-Encoding", "identity", "Content-Length", "0"));
        assertBadRequest("an upgrade request has no body, but its Content-Length is -0",
                rfc6455("/", "Content-Length", "-0"));
        assertBadRequest("the Content-Length header appears 2 times",
                rfc6455("/", "Content-Length", "0", "Content-Length", "0"));
        assertNull(HandshakeAcceptance.checkHttp(rfc6455("/", "Content-Length", "0")));
        // hybi-00's 8 bytes after the head are declared by no field: the variant reads them as its handshake
        assertNull(HandshakeAcceptance.checkHttp(hixie("/")));
        assertEquals(8, HandshakeAcceptance.start(HYBI00, hixie("/"), CONFIG).value().bodyLength());
        // ... or declared as what they are (Netty's hixie-76 client does), but nothing else
        assertNull(HandshakeAcceptance.checkHttp(hixie("/", "Content-Length", "8")));
        assertBadRequest("an upgrade request has no body, but its Content-Length is 9",
                hixie("/", "Content-Length", "9"));
        assertBadRequest("an upgrade request has no body, but its Content-Length is 8",
                rfc6455("/", "Content-Length", "8"));
    }

    @Test
    void anAbsoluteTargetMustNameTheHostOfTheHostField() {
        for (String ok : List.of("ws://127.0.0.1:8081/echo", "http://127.0.0.1:8081/echo?x=1",
                "WSS://127.0.0.1:8081", "https://127.0.0.1:8081/")) {
            assertNull(HandshakeAcceptance.checkHttp(rfc6455(ok)), ok);
        }
        Headers named = Headers.of("Host", "Example.COM");
        assertNull(HandshakeAcceptance.checkHttp(new HandshakeRequest("GET", "ws://example.com:80/", "HTTP/1.1",
                named, PEER, SELF, false)), "case aside, with the scheme's default port");
        assertBadRequest("the request target names another host than the Host header",
                new HandshakeRequest("GET", "wss://example.com:80/", "HTTP/1.1", named, PEER, SELF, false));
        assertBadRequest("the request target names another host than the Host header",
                rfc6455("http://evil.example/echo"));
        assertBadRequest("the request target names another host than the Host header",
                rfc6455("ws://127.0.0.1:9999/echo"));
        assertBadRequest("the request target's authority is not a host and port",
                rfc6455("ws://user@127.0.0.1:8081/echo"));
        assertBadRequest("the request target's authority is not a host and port", rfc6455("ws:///echo"));
        for (String other : List.of("ftp://127.0.0.1:8081/echo", "*", "127.0.0.1:8081", "echo", "://x/")) {
            assertBadRequest("the request target is neither a path nor a ws, wss, http or https URI",
                    rfc6455(other));
        }
        assertBadRequest("the request target names another host than the Host header",
                hixie("http://evil.example/demo"));
    }

    // ------------------------------------------------------------------------------------ choosing a variant

    @Test
    void theFirstMatchingVariantInTheSourcesOrderIsChosen() {
        VariantSource both = VariantSource.of(HYBI00, RFC6455);
        assertSame(RFC6455, HandshakeAcceptance.chooseVariant(rfc6455("/"), both).value());
        HandshakeRequest hixie = request("GET", "/", "Host", "h", "Upgrade", "WebSocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key1", "4 @1  46546xW%0l 1 5", "Sec-WebSocket-Key2", "12998 5 Y3 1  .P00");
        assertSame(HYBI00, HandshakeAcceptance.chooseVariant(hixie, both).value());
        ProtocolVariant claimsAll = new Stub("all") {
            @Override
            public boolean matches(HandshakeRequest request) {
                return true;
            }
        };
        assertSame(claimsAll, HandshakeAcceptance.chooseVariant(rfc6455("/"), VariantSource.of(claimsAll, RFC6455))
                .value());
    }

    @Test
    void aVariantThatFailsToMatchIsPassedOver() {
        ProtocolVariant broken = new Stub("broken") {
            @Override
            public boolean matches(HandshakeRequest request) {
                throw new IllegalStateException("broken");
            }
        };
        assertSame(RFC6455, HandshakeAcceptance.chooseVariant(rfc6455("/"), VariantSource.of(broken, RFC6455))
                .value());
    }

    @Test
    void noVariantAtAllIs503AndAFailingSource500() {
        assertRefusal(503, Headers.empty(), "no WebSocket protocol variant is available",
                HandshakeAcceptance.chooseVariant(rfc6455("/"), VariantSource.of()));
        VariantSource failing = () -> {
            throw new IllegalStateException("gone");
        };
        assertRefusal(500, Headers.empty(), "no protocol variants",
                HandshakeAcceptance.chooseVariant(rfc6455("/"), failing));
    }

    @Test
    void anUnknownVersionIs426ListingTheVersionsOfAllVariants() {
        VariantSource source = VariantSource.of(RFC6455, HYBI00, new Stub("future", "14", "13"));
        assertRefusal(426, Headers.of("Sec-WebSocket-Version", "14, 13"), "unsupported WebSocket version",
                HandshakeAcceptance.chooseVariant(request("GET", "/", "Sec-WebSocket-Version", "99"),
                        VariantSource.of(HYBI00, new Stub("future", "14", "13"))));
        // RFC 6455 matches any Sec-WebSocket-Version and refuses an unknown one itself, with 426 too
        assertSame(RFC6455, HandshakeAcceptance.chooseVariant(rfc6455("/"), source).value());
        assertRefusal(426, Headers.empty(), "unsupported WebSocket version",
                HandshakeAcceptance.chooseVariant(request("GET", "/", "Sec-WebSocket-Version", "99"),
                        VariantSource.of(HYBI00)));
    }

    @Test
    void aPlainGetIs426AskingForTheUpgrade() {
        assertRefusal(426, Headers.of("Upgrade", "websocket", "Sec-WebSocket-Version", "14"),
                "this is a WebSocket endpoint",
                HandshakeAcceptance.chooseVariant(request("GET", "/", "Host", "h"),
                        VariantSource.of(HYBI00, new Stub("future", "14"))));
        assertRefusal(426, Headers.of("Upgrade", "websocket"), "this is a WebSocket endpoint",
                HandshakeAcceptance.chooseVariant(request("GET", "/", "Host", "h"), VariantSource.of(HYBI00)));
    }

    @Test
    void anythingElseNoVariantTakesIs400() {
        assertRefusal(400, Headers.empty(), "not a WebSocket handshake this server accepts",
                HandshakeAcceptance.chooseVariant(request("POST", "/", "Host", "h"), VariantSource.of(HYBI00)));
        assertRefusal(400, Headers.empty(), "not a WebSocket handshake this server accepts",
                HandshakeAcceptance.chooseVariant(request("GET", "/", "Upgrade", "websocket"),
                        VariantSource.of(HYBI00)));
    }

    // ---------------------------------------------------------------------------------- the variant's checks

    @Test
    void theVariantsOwnRefusalKeepsItsStatusAndHeaders() {
        Step<ServerHandshake> started = HandshakeAcceptance.start(RFC6455, rfc6455("/"), CONFIG);
        assertFalse(started.refused());
        assertEquals(List.of(), started.value().offeredSubprotocols());

        HandshakeRequest noKey = request("GET", "/", "Host", "h", "Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Version", "13");
        Step<ServerHandshake> refused = HandshakeAcceptance.start(RFC6455, noKey, CONFIG);
        assertEquals(400, refused.refusal().status());

        HandshakeRequest oldVersion = request("GET", "/", "Host", "h", "Upgrade", "websocket", "Connection",
                "Upgrade", "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "8");
        Step<ServerHandshake> old = HandshakeAcceptance.start(RFC6455, oldVersion, CONFIG);
        assertEquals(426, old.refusal().status());
        assertEquals("13", old.refusal().headers().get("Sec-WebSocket-Version"));

        ProtocolVariant failing = new Stub("failing") {
            @Override
            public ServerHandshake startServer(HandshakeRequest request, EngineConfig config) {
                throw new IllegalStateException("bug");
            }
        };
        assertRefusal(500, Headers.empty(), "internal error", HandshakeAcceptance.start(failing, noKey, CONFIG));
    }

    @Test
    void theHandshakeBodyIsTheVariantsToJudge() throws Exception {
        HandshakeRequest hixie = request("GET", "/", "Host", "h", "Upgrade", "WebSocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key1", "4 @1  46546xW%0l 1 5", "Sec-WebSocket-Key2", "12998 5 Y3 1  .P00");
        ServerHandshake h = HYBI00.startServer(hixie, CONFIG);
        assertEquals(8, h.bodyLength());
        assertNull(HandshakeAcceptance.readBody(HYBI00, h, ByteBuffer.wrap("^n:ds[4U".getBytes(
                StandardCharsets.US_ASCII))));

        ServerHandshake refusing = new StubHandshake() {
            @Override
            public void readBody(ByteBuffer body) throws HandshakeException {
                throw new HandshakeException(400, "bad key", Headers.of("X-Why", "key"));
            }
        };
        assertEquals(new Refusal(400, Headers.of("X-Why", "key"), "bad key"),
                HandshakeAcceptance.readBody(HYBI00, refusing, ByteBuffer.allocate(8)));
        ServerHandshake failing = new StubHandshake() {
            @Override
            public void readBody(ByteBuffer body) {
                throw new IllegalStateException("bug");
            }
        };
        assertSame(HandshakeAcceptance.INTERNAL_ERROR,
                HandshakeAcceptance.readBody(HYBI00, failing, ByteBuffer.allocate(8)));
    }

    // ------------------------------------------------------------------------------ origin and routing

    private static final ServiceMapper MAPPER = ServiceMapper.builder()
            .route("/chat", ServiceMapper.subprotocol("chat.v2", ECHO), ServiceMapper.subprotocol("chat.v1", ECHO))
            .route("/echo", ConnectionOverrides.builder().maxMessageSize(10).build(), ServiceMapper.none(ECHO))
            .build();

    private static Step<ServiceMapper.Selected> route(HandshakeRequest r, List<String> offered, OriginPolicy p) {
        return HandshakeAcceptance.route(r, offered, p, 403, "origin not allowed", () -> MAPPER);
    }

    @Test
    void aRefusedOriginGetsTheAccessDeniedAnswerBeforeRouting() {
        OriginPolicy local = OriginPolicy.allowing(List.of("http://localhost"));
        assertRefusal(403, Headers.empty(), "origin not allowed",
                route(rfc6455("/nowhere", "Origin", "http://evil.example"), List.of(), local));
        assertRefusal(401, Headers.empty(), "go away", HandshakeAcceptance.route(
                rfc6455("/echo", "Origin", "http://evil.example"), List.of(), local, 401, "go away", () -> MAPPER));
        assertFalse(route(rfc6455("/echo", "Origin", "http://localhost"), List.of(), local).refused());
        OriginPolicy failing = (origin, path) -> {
            throw new IllegalStateException("bug");
        };
        assertRefusal(500, Headers.empty(), "internal error", route(rfc6455("/echo"), List.of(), failing));
    }

    @Test
    void noRouteIs404AndNoFittingSubprotocol400() {
        assertRefusal(404, Headers.empty(), "no WebSocket service at this path",
                route(rfc6455("/nowhere"), List.of(), OriginPolicy.any()));
        assertRefusal(400, Headers.empty(), "no WebSocket service here for the offered subprotocols",
                route(rfc6455("/chat"), List.of("chat.v3"), OriginPolicy.any()));
        assertRefusal(400, Headers.empty(), "no WebSocket service here for the offered subprotocols",
                route(rfc6455("/chat"), List.of(), OriginPolicy.any()));
        assertRefusal(500, Headers.empty(), "internal error", HandshakeAcceptance.route(rfc6455("/x"), List.of(),
                OriginPolicy.any(), 403, "", () -> {
                    throw new IllegalStateException("no mapper");
                }));
    }

    @Test
    void aRouteYieldsTheEndpointTheSubprotocolInTheClientsOrderAndTheOverrides() {
        ServiceMapper.Selected chat = route(rfc6455("/chat"), List.of("chat.v1", "chat.v2"), OriginPolicy.any())
                .value();
        assertEquals(Optional.of("chat.v1"), chat.subprotocol());
        assertSame(ECHO, chat.endpoint());
        ServiceMapper.Selected echo = route(rfc6455("/echo?x=1"), List.of(), OriginPolicy.any()).value();
        assertEquals(Optional.empty(), echo.subprotocol());
        assertEquals(ConnectionOverrides.builder().maxMessageSize(10).build(), echo.overrides());
    }

    // ---------------------------------------------------------------------------------------- the hook

    @Test
    void theHooksRejectionIsAnsweredAsItSays() {
        assertRefusal(451, Headers.of("X-Reason", "law"), "unavailable", HandshakeAcceptance.askHook(
                r -> HandshakeDecision.reject(451, Headers.of("X-Reason", "law"), "unavailable"), rfc6455("/")));
        assertRefusal(403, Headers.empty(), "no", HandshakeAcceptance.askHook(
                r -> HandshakeDecision.reject(403, "no"), rfc6455("/")));
    }

    @Test
    void aHookThatFailsIs500AndOneThatAnswersNothingAccepts() {
        assertRefusal(500, Headers.empty(), "internal error", HandshakeAcceptance.askHook(r -> {
            throw new IllegalStateException("bug");
        }, rfc6455("/")));
        assertRefusal(500, Headers.empty(), "internal error", HandshakeAcceptance.askHook(r -> {
            throw new AssertionError("worse");
        }, rfc6455("/")));
        assertEquals(HandshakeDecision.accept(), HandshakeAcceptance.askHook(r -> null, rfc6455("/")).value());
    }

    @Test
    void theHooksAcceptanceCarriesItsHeadersStateAndOverrides() {
        Object state = new Object();
        HandshakeDecision.Accept a = HandshakeAcceptance.askHook(
                r -> HandshakeDecision.accept(Headers.of("X-Hook", r.path()), state), rfc6455("/p")).value();
        assertEquals(Headers.of("X-Hook", "/p"), a.headers());
        assertSame(state, a.state());
    }

    @Test
    void theServersOwnRefusals() {
        assertEquals(new Refusal(503, Headers.of("Retry-After", "2"), "too many connections"),
                HandshakeAcceptance.TOO_MANY_CONNECTIONS);
        assertEquals(new Refusal(503, Headers.empty(), "server stopping"), HandshakeAcceptance.SERVER_STOPPING);
        assertEquals(new Refusal(500, Headers.empty(), "internal error"), HandshakeAcceptance.INTERNAL_ERROR);
    }

    // ------------------------------------------------------------------------------------------- stubs

    /** A variant that matches nothing, speaking the given versions. */
    private static class Stub implements ProtocolVariant {
        private final String name;
        private final List<String> versions;

        Stub(String name, String... versions) {
            this.name = name;
            this.versions = List.of(versions);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<String> versions() {
            return versions;
        }

        @Override
        public boolean matches(HandshakeRequest request) {
            return false;
        }

        @Override
        public ServerHandshake startServer(HandshakeRequest request, EngineConfig config) throws HandshakeException {
            throw new HandshakeException(400, "stub");
        }

        @Override
        public ClientHandshake startClient(ClientHandshakeRequest request, EngineConfig config) {
            throw new IllegalStateException("stub");
        }
    }

    /** A server handshake with an 8-byte body that accepts nothing. */
    private abstract static class StubHandshake implements ServerHandshake {
        @Override
        public int bodyLength() {
            return 8;
        }

        @Override
        public List<String> offeredSubprotocols() {
            return List.of();
        }

        @Override
        public ByteBuffer accept(String subprotocol, Headers extraHeaders) {
            throw new IllegalStateException("stub");
        }

        @Override
        public ByteBuffer accept(String subprotocol, Headers extraHeaders, long maxFrameSize, long maxMessageSize) {
            throw new IllegalStateException("stub");
        }

        @Override
        public net.websocket.api.spi.FrameEngine engine() {
            throw new IllegalStateException("stub");
        }
    }
}
