package net.websocket.rfc6455.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeResponse;
import net.websocket.api.Headers;
import net.websocket.api.codec.HttpHeadWriter;
import net.websocket.api.codec.HttpTokens;
import net.websocket.api.spi.ClientHandshake;
import net.websocket.api.spi.ClientHandshakeRequest;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.Extension;
import net.websocket.api.spi.ExtensionException;
import net.websocket.api.spi.ExtensionFactory;
import net.websocket.api.spi.ExtensionParameters;
import net.websocket.api.spi.FrameEngine;

/**
 * The client side of the RFC 6455 opening handshake (section 4.1): a GET request with a fresh random
 * {@code Sec-WebSocket-Key} (16 bytes drawn from the config's mask source), then the checks of the server's
 * response.
 *
 * <p>Extensions: the offers of every extension factory in the config are sent in {@code Sec-WebSocket-Extensions},
 * in the config's order (a second factory with the name of an earlier one is skipped). The response may agree to at
 * most one of them (the engine runs one transform); the factory of its name checks the parameters. A response that
 * names an extension not offered, more than one extension, or parameters the factory refuses fails the handshake.
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
    private final List<ExtensionFactory> offeredExtensions = new ArrayList<>();
    private final String expectedAccept;
    private final byte[] request;
    private String subprotocol;
    private Extension extension;
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
            if (!HttpTokens.isToken(p)) {
                throw new IllegalArgumentException("subprotocol \"" + p + "\" is not a valid token");
            }
            if (!seen.add(p)) {
                throw new IllegalArgumentException("subprotocol \"" + p + "\" is offered twice");
            }
        }
        String key = newKey(config);
        this.expectedAccept = Handshakes.acceptFor(key);
        HttpHeadWriter head = new HttpHeadWriter("GET " + request.target() + " HTTP/1.1")
                .header(Handshakes.HOST, request.hostHeader())
                .header(Handshakes.UPGRADE, "websocket")
                .header(Handshakes.CONNECTION, "Upgrade")
                .header(Handshakes.KEY, key)
                .header(Handshakes.VERSION, Handshakes.VERSION_13);
        if (!subprotocols.isEmpty()) {
            head.header(Handshakes.PROTOCOL, String.join(", ", subprotocols));
        }
        List<ExtensionParameters> offers = extensionOffers(config);
        if (!offers.isEmpty()) {
            head.header(Handshakes.EXTENSIONS, ExtensionHeader.format(offers));
        }
        ByteBuffer bytes = head.headers(request.headers()).toBuffer();
        this.request = bytes.array();
    }

    /** The offers of the config's factories; notes which factories offered. */
    private List<ExtensionParameters> extensionOffers(EngineConfig config) {
        List<ExtensionParameters> all = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ExtensionFactory f : config.extensions()) {
            if (!names.add(f.name())) {
                continue;
            }
            List<ExtensionParameters> offers = f.offers(config);
            for (ExtensionParameters o : offers) {
                if (!o.name().equals(f.name())) {
                    throw new IllegalStateException("extension factory " + f + " named " + f.name() + " offered "
                            + o.name());
                }
            }
            if (!offers.isEmpty()) {
                offeredExtensions.add(f);
                all.addAll(offers);
            }
        }
        return all;
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
     * {@code Sec-WebSocket-Accept} for our key, at most one subprotocol and only one we offered, and at most one
     * extension, one we offered with parameters its factory accepts. A failure carries the response's status.
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
        Extension agreed = agreedExtension(status, h.all(Handshakes.EXTENSIONS));
        if (body != null && body.hasRemaining()) {
            throw new IllegalArgumentException("an RFC 6455 handshake response has no body");
        }
        subprotocol = protocol;
        extension = agreed;
        engine = new Rfc6455Engine(config, agreed);
        return engine;
    }

    /** The extension the response agrees to, checked by its factory; {@code null} if none. */
    private Extension agreedExtension(int status, List<String> values) throws HandshakeException {
        if (values.isEmpty()) {
            return null;
        }
        List<ExtensionParameters> answer;
        try {
            answer = ExtensionHeader.parse(values);
        } catch (IllegalArgumentException e) {
            throw fail(status, e.getMessage());
        }
        if (answer.isEmpty()) {
            // the grammar requires at least one element (1#extension)
            throw fail(status, "the Sec-WebSocket-Extensions header is present but names no extension");
        }
        ExtensionParameters first = answer.get(0);
        ExtensionFactory factory = null;
        for (ExtensionFactory f : offeredExtensions) {
            if (f.name().equals(first.name())) {
                factory = f;
            }
        }
        if (factory == null) {
            throw fail(status, "the server answered with extension \"" + first.name() + "\", which was not offered"
                    + (offeredExtensions.isEmpty() ? " (none was)" : ""));
        }
        if (answer.size() > 1) {
            throw fail(status, "the server agreed to " + answer.size() + " extensions " + answer
                    + "; at most one is supported per connection");
        }
        try {
            Extension e = factory.accept(first, config);
            if (e == null) {
                throw new IllegalStateException("extension factory " + factory + " accepted nothing");
            }
            return e;
        } catch (ExtensionException e) {
            throw fail(status, "extension " + first + ": " + e.getMessage());
        }
    }

    /** The extension the server agreed to; {@code null} for none or before {@link #complete}. */
    public Extension extension() {
        return extension;
    }

    private static HandshakeException fail(int status, String message) {
        return new HandshakeException(status, "invalid WebSocket handshake response: " + message);
    }

    @Override
    public String subprotocol() {
        return subprotocol;
    }
}
