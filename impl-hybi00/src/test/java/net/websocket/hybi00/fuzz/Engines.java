package net.websocket.hybi00.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
import net.websocket.hybi00.Hybi00Variant;
import net.websocket.testsupport.EventLog;

/** Engines made the way the runtime makes them: through the variant's public SPI and a valid handshake. */
final class Engines {

    /** The keys of the draft's example handshake (section 1.3), which stand for 155712099 and 173347027. */
    static final String KEY1 = "4 @1  46546xW%0l 1 5";
    static final String KEY2 = "12998 5 Y3 1  .P00";
    static final byte[] KEY3 = "^n:ds[4U".getBytes(StandardCharsets.ISO_8859_1);

    private static final int KEY3_LENGTH = 8;
    private static final ProtocolVariant VARIANT = new Hybi00Variant();
    private static final ProtocolVariant LENGTH_PREFIXED = new Hybi00Variant(Hybi00Variant.Framing.LENGTH_PREFIXED);

    private Engines() {
    }

    /** A request that is valid except perhaps for its keys. */
    static HandshakeRequest request(String key1, String key2) {
        return new HandshakeRequest("GET", "/demo", "HTTP/1.1",
                Headers.of("Upgrade", "WebSocket", "Connection", "Upgrade", "Host", "example.com",
                        "Origin", "http://example.com", "Sec-WebSocket-Key1", key1, "Sec-WebSocket-Key2", key2),
                null, null, false);
    }

    /** A server-side engine after accepting the draft's example handshake. */
    static FrameEngine server(long maxFrame, long maxMessage) {
        return server(VARIANT, maxFrame, maxMessage);
    }

    /** A server-side engine of the length-prefixed ('new) framing after the same handshake. */
    static FrameEngine lengthPrefixedServer(long maxFrame, long maxMessage) {
        return server(LENGTH_PREFIXED, maxFrame, maxMessage);
    }

    /** A client-side engine of the length-prefixed ('new) framing after the same handshake as {@link #client}. */
    static FrameEngine lengthPrefixedClient(long maxFrame, long maxMessage) {
        return client(LENGTH_PREFIXED, maxFrame, maxMessage);
    }

    private static FrameEngine server(ProtocolVariant variant, long maxFrame, long maxMessage) {
        EngineConfig config = new EngineConfig(EngineConfig.Role.SERVER, maxFrame, maxMessage, () -> 0);
        try {
            ServerHandshake handshake = variant.startServer(request(KEY1, KEY2), config);
            handshake.readBody(ByteBuffer.wrap(KEY3));
            handshake.accept(null, Headers.empty());
            return handshake.engine();
        } catch (HandshakeException e) {
            throw new AssertionError("the draft's example request was refused", e);
        }
    }

    /** A client-side engine after a valid response, its challenge answer computed here from the request. */
    static FrameEngine client(long maxFrame, long maxMessage) {
        return client(VARIANT, maxFrame, maxMessage);
    }

    private static FrameEngine client(ProtocolVariant variant, long maxFrame, long maxMessage) {
        EngineConfig config = new EngineConfig(EngineConfig.Role.CLIENT, maxFrame, maxMessage, () -> 0);
        ClientHandshake handshake = variant.startClient(
                new ClientHandshakeRequest(URI.create("ws://example.com/demo"), Headers.empty(), List.of()), config);
        ByteBuffer request = handshake.request();
        byte[] bytes = new byte[request.remaining()];
        request.get(bytes);
        String head = new String(bytes, 0, bytes.length - KEY3_LENGTH, StandardCharsets.ISO_8859_1);
        byte[] key3 = Arrays.copyOfRange(bytes, bytes.length - KEY3_LENGTH, bytes.length);
        byte[] answer = Reference.answer(Reference.keyNumber(headerValue(head, "Sec-WebSocket-Key1")),
                Reference.keyNumber(headerValue(head, "Sec-WebSocket-Key2")), key3);
        HandshakeResponse response = new HandshakeResponse("HTTP/1.1", 101, "WebSocket Protocol Handshake",
                Headers.of("Upgrade", "WebSocket", "Connection", "Upgrade",
                        "Sec-WebSocket-Location", "ws://example.com/demo"));
        try {
            return handshake.complete(response, ByteBuffer.wrap(answer));
        } catch (HandshakeException e) {
            throw new AssertionError("a valid response was refused", e);
        }
    }

    /** A header's value in a head, untrimmed but for the one space after the colon (key spaces count). */
    private static String headerValue(String head, String name) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ": ", 0, name.length() + 2)) {
                return line.substring(name.length() + 2);
            }
        }
        throw new AssertionError(name + " is missing from " + head);
    }

    /** Decodes {@code in} and checks that the engine consumed all of it, as FrameEngine#decode promises. */
    static void decode(FrameEngine engine, ByteBuffer in, EventLog log) {
        int length = in.remaining();
        engine.decode(in, log);
        assertEquals(0, in.remaining(), () -> "the engine left bytes of a " + length + "-byte piece");
        assertEquals(log.ended(), engine.inputClosed(), "inputClosed() disagrees with the events");
    }
}
