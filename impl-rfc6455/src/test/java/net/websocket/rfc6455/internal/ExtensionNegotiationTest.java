package net.websocket.rfc6455.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.HandshakeResponse;
import net.websocket.api.Headers;
import net.websocket.api.spi.ClientHandshakeRequest;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.Extension;
import net.websocket.api.spi.ExtensionFactory;
import net.websocket.api.spi.ExtensionParameters;

import org.junit.jupiter.api.Test;

/** Negotiating extensions in both handshakes, with toy factories. */
class ExtensionNegotiationTest {

    private static final TestExtension A = new TestExtension("x-a", 0x40, 0);
    private static final TestExtension B = new TestExtension("x-b", 0x20, 0);

    private static HandshakeRequest request(String... extensions) {
        Headers.Builder h = Headers.builder().add("Host", "h").add("Upgrade", "websocket")
                .add("Connection", "Upgrade").add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .add("Sec-WebSocket-Version", "13");
        for (String e : extensions) {
            h.add("Sec-WebSocket-Extensions", e);
        }
        return new HandshakeRequest("GET", "/", "HTTP/1.1", h.build(), null, null, false);
    }

    private static EngineConfig server(ExtensionFactory... f) {
        return Wire.server().withExtensions(List.of(f));
    }

    /** The answer header of an accepted server handshake, or null. */
    private static String answer(EngineConfig config, String... offers) throws HandshakeException {
        Rfc6455ServerHandshake s = Rfc6455ServerHandshake.start(request(offers), config);
        Headers h = HttpHead.parse(s.accept(null, Headers.empty())).headers();
        List<String> all = h.all("Sec-WebSocket-Extensions");
        assertTrue(all.size() <= 1);
        assertEquals(all.isEmpty(), s.extension() == null);
        return all.isEmpty() ? null : all.get(0);
    }

    @Test
    void withoutFactoriesTheHeaderIsIgnored() throws Exception {
        assertNull(answer(Wire.server(), "x-a"));
        assertNull(answer(Wire.server(), "x-a;;; malformed"));
    }

    @Test
    void malformedOffersAreA400WithFactories() {
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> Rfc6455ServerHandshake.start(request("x-a; =1"), server(A)));
        assertEquals(400, e.status());
    }

    @Test
    void firstAcceptableOfferInTheClientsOrderWins() throws Exception {
        assertEquals("x-a; agreed", answer(server(A, B), "x-unknown, x-a; decline, x-a"));
        assertEquals("x-b; agreed", answer(server(A, B), "x-b, x-a"));
        assertEquals("x-a; agreed", answer(server(A, B), "x-b; decline", "x-a, x-b"));
        assertNull(answer(server(A), "x-a; decline, x-b"));
    }

    @Test
    void oneExtensionPerConnection() throws Exception {
        // both would be accepted; only the first is answered, which declines the second
        assertEquals("x-a; agreed", answer(server(A, B), "x-a, x-b"));
    }

    @Test
    void aFactoryAnsweringWithAnotherNameIsABug() {
        ExtensionFactory liar = new TestExtension("x-a", 0x40, 0) {
            @Override
            public Optional<Extension> negotiate(ExtensionParameters offer, EngineConfig config) {
                return B.negotiate(offer, config);
            }
        };
        assertThrows(IllegalStateException.class, () -> answer(server(liar), "x-a"));
    }

    // ---------------------------------------------------------------------------------------------------- client

    private static Rfc6455ClientHandshake client(ExtensionFactory... f) {
        return new Rfc6455ClientHandshake(new ClientHandshakeRequest(URI.create("ws://h/"), Headers.empty(),
                List.of()), Wire.client(0x01020304).withExtensions(List.of(f)));
    }

    private static HandshakeResponse response(Rfc6455ClientHandshake c, String... answers) {
        String key = HttpHead.parse(c.request()).headers().get("Sec-WebSocket-Key");
        Headers.Builder h = Headers.builder().add("Upgrade", "websocket").add("Connection", "Upgrade")
                .add("Sec-WebSocket-Accept", Handshakes.acceptFor(key));
        for (String a : answers) {
            h.add("Sec-WebSocket-Extensions", a);
        }
        return new HandshakeResponse("HTTP/1.1", 101, "Switching Protocols", h.build());
    }

    @Test
    void clientOffersEveryFactoryInOrder() {
        TestExtension a2 = new TestExtension("x-a", 0x40, 0);
        assertEquals("x-b; v=1, x-b, x-a; v=1, x-a",
                HttpHead.parse(client(B, A, a2).request()).headers().get("Sec-WebSocket-Extensions"));
        assertNull(HttpHead.parse(client().request()).headers().get("Sec-WebSocket-Extensions"));
    }

    @Test
    void clientTakesTheAnswerThroughItsFactory() throws Exception {
        Rfc6455ClientHandshake c = client(A, B);
        c.complete(response(c, "x-b; whatever"), ByteBuffer.allocate(0));
        assertEquals("x-b; whatever", c.extension().parameters().headerValue());
        Rfc6455ClientHandshake none = client(A);
        none.complete(response(none), ByteBuffer.allocate(0));
        assertNull(none.extension());
    }

    @Test
    void clientRefusesWrongAnswers() {
        for (String[] answer : new String[][] {{"x-c"}, {"x-a, x-b"}, {"x-a", "x-a"}, {"x-a; bad"}, {"x-a;"},
            {""}}) {
            Rfc6455ClientHandshake c = client(A, B);
            HandshakeException e = assertThrows(HandshakeException.class,
                    () -> c.complete(response(c, answer), ByteBuffer.allocate(0)), List.of(answer).toString());
            assertEquals(101, e.status());
        }
        Rfc6455ClientHandshake none = client();
        assertThrows(HandshakeException.class, () -> none.complete(response(none, "x-a"), ByteBuffer.allocate(0)));
    }
}
