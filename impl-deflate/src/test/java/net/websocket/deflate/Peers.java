package net.websocket.deflate;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.HandshakeResponse;
import net.websocket.api.Headers;
import net.websocket.api.PayloadType;
import net.websocket.api.spi.ClientHandshake;
import net.websocket.api.spi.ClientHandshakeRequest;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.ExtensionFactory;
import net.websocket.api.spi.FrameEngine;
import net.websocket.api.spi.ServerHandshake;
import net.websocket.rfc6455.Rfc6455Variant;

/**
 * Runs permessage-deflate inside the real RFC 6455 variant: handshakes built and parsed as bytes, engines from the
 * handshakes, frames encoded and decoded through them.
 */
final class Peers {

    static final Rfc6455Variant VARIANT = new Rfc6455Variant();
    static final String EXTENSIONS = "Sec-WebSocket-Extensions";
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private Peers() {
    }

    static EngineConfig serverConfig(long maxFrame, long maxMessage, ExtensionFactory... factories) {
        return new EngineConfig(EngineConfig.Role.SERVER, maxFrame, maxMessage, () -> 0, List.of(factories));
    }

    static EngineConfig clientConfig(long maxFrame, long maxMessage, ExtensionFactory... factories) {
        java.util.Random r = new java.util.Random(7);
        return new EngineConfig(EngineConfig.Role.CLIENT, maxFrame, maxMessage, r::nextInt, List.of(factories));
    }

    /** A server and a client engine that completed a handshake with each other. */
    record Pair(FrameEngine server, FrameEngine client, String offered, String answered) {
    }

    static Pair connect(DeflateOptions serverOptions, DeflateOptions clientOptions) throws HandshakeException {
        return connect(serverOptions, clientOptions, EngineConfig.DEFAULT_LIMIT);
    }

    static Pair connect(DeflateOptions serverOptions, DeflateOptions clientOptions, long maxMessage)
            throws HandshakeException {
        ClientHandshake client = VARIANT.startClient(new ClientHandshakeRequest(java.net.URI.create(
                "ws://127.0.0.1/x"), Headers.empty(), List.of()), clientConfig(maxMessage, maxMessage,
                new PerMessageDeflate(clientOptions)));
        HandshakeRequest request = parseRequest(client.request());
        ServerHandshake server = VARIANT.startServer(request, serverConfig(maxMessage, maxMessage,
                new PerMessageDeflate(serverOptions)));
        HandshakeResponse response = parseResponse(server.accept(null, Headers.empty()));
        FrameEngine clientEngine = client.complete(response, ByteBuffer.allocate(0));
        return new Pair(server.engine(), clientEngine, request.headers().get(EXTENSIONS),
                response.headers().get(EXTENSIONS));
    }

    /** A request head as the server would receive it, with this {@code Sec-WebSocket-Extensions} (or none). */
    static HandshakeRequest request(String... extensionHeaders) {
        Headers.Builder h = Headers.builder().add("Host", "127.0.0.1").add("Upgrade", "websocket")
                .add("Connection", "Upgrade").add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .add("Sec-WebSocket-Version", "13");
        for (String e : extensionHeaders) {
            h.add(EXTENSIONS, e);
        }
        return new HandshakeRequest("GET", "/", "HTTP/1.1", h.build(), null, null, false);
    }

    /** The server's handshake for a request offering these extensions, accepted. */
    static ServerHandshake acceptedServer(DeflateOptions options, String... extensionHeaders)
            throws HandshakeException {
        ServerHandshake s = VARIANT.startServer(request(extensionHeaders), serverConfig(EngineConfig.DEFAULT_LIMIT,
                EngineConfig.DEFAULT_LIMIT, new PerMessageDeflate(options)));
        lastResponse = parseResponse(s.accept(null, Headers.empty()));
        return s;
    }

    /** The response of the last {@link #acceptedServer}. */
    static HandshakeResponse lastResponse;

    /** The server's {@code Sec-WebSocket-Extensions} answer to these offers, or {@code null} if it has none. */
    static String answer(DeflateOptions options, String... extensionHeaders) throws HandshakeException {
        acceptedServer(options, extensionHeaders);
        List<String> all = lastResponse.headers().all(EXTENSIONS);
        if (all.size() > 1) {
            throw new AssertionError("more than one answer header: " + all);
        }
        return all.isEmpty() ? null : all.get(0);
    }

    /** The client's handshake, started: its request offers what the options say. */
    static ClientHandshake startClient(DeflateOptions options, long maxMessage) {
        return VARIANT.startClient(new ClientHandshakeRequest(java.net.URI.create("ws://127.0.0.1/x"),
                Headers.empty(), List.of()), clientConfig(maxMessage, maxMessage, new PerMessageDeflate(options)));
    }

    /** The client's offer header for these options, or {@code null}. */
    static String offer(DeflateOptions options) {
        return parseRequest(startClient(options, EngineConfig.DEFAULT_LIMIT).request()).headers().get(EXTENSIONS);
    }

    /**
     * A client engine that got this {@code Sec-WebSocket-Extensions} answer (or none for {@code null}).
     *
     * @throws HandshakeException if the client refuses the answer
     */
    static FrameEngine clientWithAnswer(DeflateOptions options, String answer, long maxMessage)
            throws HandshakeException {
        ClientHandshake c = startClient(options, maxMessage);
        String key = parseRequest(c.request()).headers().get("Sec-WebSocket-Key");
        Headers.Builder h = Headers.builder().add("Upgrade", "websocket").add("Connection", "Upgrade")
                .add("Sec-WebSocket-Accept", acceptFor(key));
        if (answer != null) {
            h.add(EXTENSIONS, answer);
        }
        return c.complete(new HandshakeResponse("HTTP/1.1", 101, "Switching Protocols", h.build()),
                ByteBuffer.allocate(0));
    }

    static FrameEngine clientWithAnswer(DeflateOptions options, String answer) throws HandshakeException {
        return clientWithAnswer(options, answer, EngineConfig.DEFAULT_LIMIT);
    }

    static String acceptFor(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static HandshakeRequest parseRequest(ByteBuffer bytes) {
        String[] lines = head(bytes);
        String[] start = lines[0].split(" ");
        return new HandshakeRequest(start[0], start[1], start[2], headers(lines), null, null, false);
    }

    static HandshakeResponse parseResponse(ByteBuffer bytes) {
        String[] lines = head(bytes);
        String[] start = lines[0].split(" ", 3);
        return new HandshakeResponse(start[0], Integer.parseInt(start[1]), start.length > 2 ? start[2] : "",
                headers(lines));
    }

    private static String[] head(ByteBuffer bytes) {
        byte[] b = new byte[bytes.remaining()];
        bytes.duplicate().get(b);
        String s = new String(b, StandardCharsets.ISO_8859_1);
        if (!s.endsWith("\r\n\r\n")) {
            throw new AssertionError("not a complete head: " + s);
        }
        return s.substring(0, s.length() - 4).split("\r\n");
    }

    private static Headers headers(String[] lines) {
        Headers.Builder h = Headers.builder();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            h.add(lines[i].substring(0, colon), lines[i].substring(colon + 1).trim());
        }
        return h.build();
    }

    // ------------------------------------------------------------------------------------------------- frames

    /** One data frame as the engine writes it. */
    static byte[] encode(FrameEngine e, PayloadType type, boolean fin, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(e.frameLength(payload.length));
        e.encodeData(type, fin, ByteBuffer.wrap(payload), out);
        out.flip();
        byte[] b = new byte[out.remaining()];
        out.get(b);
        return b;
    }

    static byte[] text(FrameEngine e, String s) {
        return encode(e, PayloadType.TEXT, true, s.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes all of {@code wire} in pieces of {@code chunk} bytes (writable copies). */
    static Recorder decode(FrameEngine e, byte[] wire, int chunk) {
        Recorder r = new Recorder();
        decode(e, wire, chunk, r);
        return r;
    }

    static void decode(FrameEngine e, byte[] wire, int chunk, Recorder r) {
        for (int i = 0; i < wire.length; i += chunk) {
            int n = Math.min(chunk, wire.length - i);
            ByteBuffer b = ByteBuffer.allocate(n);
            b.put(wire, i, n).flip();
            e.decode(b, r);
            if (b.hasRemaining()) {
                throw new AssertionError("decode left input");
            }
        }
    }

    static Recorder decode(FrameEngine e, byte[] wire) {
        return decode(e, wire, wire.length == 0 ? 1 : wire.length);
    }

    static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static String hex(byte[] b) {
        return java.util.HexFormat.ofDelimiter(" ").formatHex(b);
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }
}
