package net.websocket.rfc6455.internal;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeResponse;
import net.websocket.api.Headers;
import net.websocket.api.spi.ClientHandshake;
import net.websocket.api.spi.ClientHandshakeRequest;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;

/**
 * The client side of the RFC 6455 opening handshake (section 4.1): a GET request with a fresh random
 * {@code Sec-WebSocket-Key} (16 bytes drawn from the config's mask source), then the checks of the server's
 * response. No extensions are offered.
 */
public final class Rfc6455ClientHandshake implements ClientHandshake {

    /** The status of a successful handshake. */
    static final int SWITCHING_PROTOCOLS = 101;

    /** Request headers the handshake sets itself and that the user's headers therefore must not name. */
    private static final List<String> RESERVED = List.of(Handshakes.HOST, Handshakes.UPGRADE,
            Handshakes.CONNECTION, Handshakes.KEY, Handshakes.VERSION, Handshakes.PROTOCOL, Handshakes.EXTENSIONS,
            Handshakes.ACCEPT);

    private final EngineConfig config;
    private final List<String> subprotocols;
    private final String expectedAccept;
    private final byte[] request;
    private String subprotocol;
    private Rfc6455Engine engine;

    /**
     * Prepares the request.
     *
     * @throws IllegalArgumentException if the request's headers name a header the handshake sets itself, or a
     *                                  subprotocol is not a token or is offered twice
     */
    public Rfc6455ClientHandshake(ClientHandshakeRequest request, EngineConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        String reserved = Handshakes.firstReserved(request.headers(), RESERVED);
        if (reserved != null) {
            throw new IllegalArgumentException("the handshake sets the " + reserved + " header itself"
                    + (Handshakes.PROTOCOL.equalsIgnoreCase(reserved) ? "; offer subprotocols in the request" : ""));
        }
        this.subprotocols = request.subprotocols();
        Set<String> seen = new HashSet<>();
        for (String p : subprotocols) {
            if (!Handshakes.isToken(p)) {
                throw new IllegalArgumentException("subprotocol \"" + p + "\" is not a valid token");
            }
            if (!seen.add(p)) {
                throw new IllegalArgumentException("subprotocol \"" + p + "\" is offered twice");
            }
        }
        String key = newKey(config);
        this.expectedAccept = Handshakes.acceptFor(key);
        Handshakes.Head head = new Handshakes.Head("GET " + request.target() + " HTTP/1.1")
                .header(Handshakes.HOST, request.hostHeader())
                .header(Handshakes.UPGRADE, "websocket")
                .header(Handshakes.CONNECTION, "Upgrade")
                .header(Handshakes.KEY, key)
                .header(Handshakes.VERSION, Handshakes.VERSION_13);
        if (!subprotocols.isEmpty()) {
            head.header(Handshakes.PROTOCOL, String.join(", ", subprotocols));
        }
        ByteBuffer bytes = head.headers(request.headers()).toBuffer();
        this.request = bytes.array();
    }

    /** A nonce of 16 bytes from the config's mask source (a SecureRandom by default), base64-encoded. */
    private static String newKey(EngineConfig config) {
        byte[] nonce = new byte[Handshakes.KEY_BYTES];
        for (int i = 0; i < nonce.length; i += Integer.BYTES) {
            int r = config.maskSource().getAsInt();
            nonce[i] = (byte) (r >>> 24);
            nonce[i + 1] = (byte) (r >>> 16);
            nonce[i + 2] = (byte) (r >>> 8);
            nonce[i + 3] = (byte) r;
        }
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** The request bytes; each call returns a fresh copy. */
    @Override
    public ByteBuffer request() {
        return ByteBuffer.wrap(request.clone());
    }

    @Override
    public int responseBodyLength() {
        return 0;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The response must be {@code 101} with {@code Upgrade: websocket}, {@code Connection: Upgrade}, the exact
     * {@code Sec-WebSocket-Accept} for our key, at most one subprotocol and only one we offered, and no extensions.
     * A failure carries the response's status.
     *
     * @throws IllegalStateException if already completed
     */
    @Override
    public FrameEngine complete(HandshakeResponse response, ByteBuffer body) throws HandshakeException {
        if (engine != null) {
            throw new IllegalStateException("the handshake was already completed");
        }
        int status = response.status();
        if (status != SWITCHING_PROTOCOLS) {
            throw new HandshakeException(status,
                    "the server did not switch protocols, it answered \"" + response.statusLine() + "\"");
        }
        Headers h = response.headers();
        if (!h.containsToken(Handshakes.UPGRADE, "websocket")) {
            throw fail(status, "the Upgrade header must contain \"websocket\", it is "
                    + Handshakes.describe(h.get(Handshakes.UPGRADE)));
        }
        if (!h.containsToken(Handshakes.CONNECTION, "Upgrade")) {
            throw fail(status, "the Connection header must contain \"Upgrade\", it is "
                    + Handshakes.describe(h.get(Handshakes.CONNECTION)));
        }
        List<String> accepts = h.all(Handshakes.ACCEPT);
        if (accepts.size() != 1 || !expectedAccept.equals(accepts.get(0).trim())) {
            throw fail(status, "the Sec-WebSocket-Accept header is "
                    + (accepts.isEmpty() ? "missing" : accepts.size() > 1 ? "repeated" : "\"" + accepts.get(0)
                    + "\"") + ", expected \"" + expectedAccept + "\"");
        }
        List<String> chosen = h.tokens(Handshakes.PROTOCOL);
        String protocol = null;
        if (chosen.size() > 1) {
            throw fail(status, "the server chose more than one subprotocol: " + chosen);
        } else if (chosen.size() == 1) {
            protocol = chosen.get(0);
            if (!subprotocols.contains(protocol)) {
                throw fail(status, "the server chose subprotocol \"" + protocol + "\", which was not offered "
                        + subprotocols);
            }
        }
        if (h.contains(Handshakes.EXTENSIONS)) {
            throw fail(status, "the server answered with extensions " + h.all(Handshakes.EXTENSIONS)
                    + ", but none was offered");
        }
        if (body != null && body.hasRemaining()) {
            throw new IllegalArgumentException("an RFC 6455 handshake response has no body");
        }
        subprotocol = protocol;
        engine = new Rfc6455Engine(config);
        return engine;
    }

    private static HandshakeException fail(int status, String message) {
        return new HandshakeException(status, "invalid WebSocket handshake response: " + message);
    }

    @Override
    public String subprotocol() {
        return subprotocol;
    }
}
