package net.websocket.rfc6455.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.HandshakeResponse;
import net.websocket.api.Headers;
import net.websocket.api.spi.ClientHandshake;
import net.websocket.api.spi.ClientHandshakeRequest;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.api.spi.ServerHandshake;
import net.websocket.rfc6455.Rfc6455Variant;
import net.websocket.testsupport.EventLog;

/** Engines made the way the runtime makes them: through the variant's public SPI and a valid handshake. */
final class Engines {

    /** The key of RFC 6455 section 1.3's example. */
    static final String SAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    /** The GUID of RFC 6455 section 1.3. */
    static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private static final ProtocolVariant VARIANT = new Rfc6455Variant();

    private Engines() {
    }

    /** A server-side engine after accepting a fixed valid request. */
    static FrameEngine server(long maxFrame, long maxMessage) {
        HandshakeRequest request = new HandshakeRequest("GET", "/chat", "HTTP/1.1",
                Headers.of("Host", "127.0.0.1", "Upgrade", "websocket", "Connection", "Upgrade",
                        "Sec-WebSocket-Key", SAMPLE_KEY, "Sec-WebSocket-Version", "13"),
                null, null, false);
        EngineConfig config = new EngineConfig(EngineConfig.Role.SERVER, maxFrame, maxMessage, () -> 0);
        try {
            ServerHandshake handshake = VARIANT.startServer(request, config);
            handshake.accept(null, Headers.empty());
            return handshake.engine();
        } catch (HandshakeException e) {
            throw new AssertionError("the fixed valid request was refused", e);
        }
    }

    /** A client-side engine after a fixed valid response to its request. */
    static FrameEngine client(long maxFrame, long maxMessage) {
        EngineConfig config = new EngineConfig(EngineConfig.Role.CLIENT, maxFrame, maxMessage, () -> 0x5A5A5A5A);
        ClientHandshake handshake = VARIANT.startClient(
                new ClientHandshakeRequest(URI.create("ws://127.0.0.1/chat"), Headers.empty(), List.of()), config);
        String key = headerValue(handshake.request(), "Sec-WebSocket-Key");
        HandshakeResponse response = new HandshakeResponse("HTTP/1.1", 101, "Switching Protocols",
                Headers.of("Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Accept", acceptFor(key)));
        try {
            return handshake.complete(response, ByteBuffer.allocate(0));
        } catch (HandshakeException e) {
            throw new AssertionError("the fixed valid response was refused", e);
        }
    }

    /** The value of a header in a request or response head. */
    private static String headerValue(ByteBuffer head, String name) {
        String text = StandardCharsets.ISO_8859_1.decode(head).toString();
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        throw new AssertionError(name + " is missing from " + text);
    }

    /** Sec-WebSocket-Accept for a key, computed here from RFC 6455 section 4.2.2 rather than by the variant. */
    static String acceptFor(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Decodes {@code in} and checks that the engine consumed all of it, as FrameEngine#decode promises. */
    static void decode(FrameEngine engine, ByteBuffer in, EventLog log) {
        int length = in.remaining();
        engine.decode(in, log);
        assertEquals(0, in.remaining(), () -> "the engine left bytes of a " + length + "-byte piece");
        assertEquals(log.ended(), engine.inputClosed(), "inputClosed() disagrees with the events");
    }
}
