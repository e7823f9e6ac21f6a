package net.websocket.rfc6455.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.api.codec.HttpHeadWriter;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.Extension;
import net.websocket.api.spi.ExtensionFactory;
import net.websocket.api.spi.ExtensionParameters;
import net.websocket.api.spi.FrameEngine;
import net.websocket.api.spi.ServerHandshake;

/**
 * The server side of the RFC 6455 opening handshake (section 4.2). {@link #start} validates the request head; the
 * response is {@code 101 Switching Protocols} with the {@code Sec-WebSocket-Accept} proof.
 *
 * <p>Extensions: when the config carries extension factories, the client's {@code Sec-WebSocket-Extensions} offers
 * are parsed by {@link #start} (a malformed header is answered 400) and negotiated by {@link #accept}: the offers
 * are tried in the client's order, each with the factory of its name, and the first one a factory accepts is agreed
 * and answered. At most one extension is agreed per connection (the engine runs one transform); offers of other
 * extensions are then left unanswered, which declines them. Without factories the header is ignored.
 */
public final class Rfc6455ServerHandshake implements ServerHandshake {

    /** HTTP statuses the validation answers with. */
    static final int BAD_REQUEST = 400;
    static final int METHOD_NOT_ALLOWED = 405;
    static final int UPGRADE_REQUIRED = 426;

    /** The HTTP version nearly every request has. */
    private static final String HTTP_11 = "HTTP/1.1";

    /**
     * How the usual 101 response begins, up to the accept value; the usual one (no subprotocol, extension or extra
     * header) is this, the accept value and two CRLFs, as {@link HttpHeadWriter} would write it.
     */
    private static final byte[] RESPONSE_START = ("HTTP/1.1 101 Switching Protocols\r\n" + Handshakes.UPGRADE
            + ": websocket\r\n" + Handshakes.CONNECTION + ": Upgrade\r\n" + Handshakes.ACCEPT + ": ")
            .getBytes(StandardCharsets.US_ASCII);

    private static final byte[] END = {'\r', '\n', '\r', '\n'};

    /** Characters of a 16-byte key in padded base64. */
    private static final int ENCODED_KEY_LENGTH = 24;

    /** Response headers the handshake sets itself and that extra headers therefore must not name. */
    private static final List<String> RESERVED = List.of(Handshakes.UPGRADE, Handshakes.CONNECTION,
            Handshakes.ACCEPT, Handshakes.PROTOCOL, Handshakes.EXTENSIONS);

    private final String key;
    private final List<String> offered;
    private final List<ExtensionParameters> extensionOffers;
    /** The start's config; its limits are replaced when the handshake is accepted with others. */
    private EngineConfig config;
    private Extension extension;
    private Rfc6455Engine engine;

    private Rfc6455ServerHandshake(String key, List<String> offered, List<ExtensionParameters> extensionOffers,
            EngineConfig config) {
        this.key = key;
        this.offered = offered;
        this.extensionOffers = extensionOffers;
        this.config = config;
    }

    /**
     * Validates an opening handshake request (section 4.2.1) and begins the server side of it.
     *
     * @throws HandshakeException 405 (with {@code Allow: GET}) for a method other than GET; 400 for an HTTP version
     *                            below 1.1, a missing or repeated {@code Host}, an {@code Upgrade} without
     *                            {@code websocket}, a {@code Connection} without {@code Upgrade}, or a
     *                            {@code Sec-WebSocket-Key} that is missing, repeated or not 16 bytes of base64;
     *                            426 (with {@code Sec-WebSocket-Version: 13}) for any version other than 13;
     *                            400 for a malformed {@code Sec-WebSocket-Extensions} when the config has extension
     *                            factories
     */
    public static Rfc6455ServerHandshake start(HandshakeRequest request, EngineConfig config)
            throws HandshakeException {
        Objects.requireNonNull(config, "config");
        Headers h = request.headers();
        if (!"GET".equals(request.method())) {
            throw new HandshakeException(METHOD_NOT_ALLOWED,
                    "a WebSocket handshake must use GET, not " + request.method(), Headers.of("Allow", "GET"));
        }
        if (!HTTP_11.equals(request.httpVersion()) && !isHttp11OrLater(request.httpVersion())) {
            throw new HandshakeException(BAD_REQUEST,
                    "a WebSocket handshake needs HTTP/1.1 or later, not " + request.httpVersion());
        }
        int hosts = Handshakes.count(h, Handshakes.HOST);
        if (hosts != 1) {
            throw new HandshakeException(BAD_REQUEST, hosts == 0 ? "the Host header is missing"
                    : "the Host header appears " + hosts + " times");
        }
        if (!h.containsToken(Handshakes.UPGRADE, "websocket")) {
            throw new HandshakeException(BAD_REQUEST, "the Upgrade header must contain \"websocket\", it is "
                    + Handshakes.describe(h.get(Handshakes.UPGRADE)));
        }
        if (!h.containsToken(Handshakes.CONNECTION, "Upgrade")) {
            throw new HandshakeException(BAD_REQUEST, "the Connection header must contain \"Upgrade\", it is "
                    + Handshakes.describe(h.get(Handshakes.CONNECTION)));
        }
        String key = Handshakes.count(h, Handshakes.KEY) == 1 ? validKey(h.get(Handshakes.KEY))
                : validKey(h.all(Handshakes.KEY));
        if (Handshakes.count(h, Handshakes.VERSION) != 1
                || !Handshakes.VERSION_13.equals(h.get(Handshakes.VERSION).trim())) {
            List<String> versions = h.all(Handshakes.VERSION);
            throw new HandshakeException(UPGRADE_REQUIRED,
                    "unsupported Sec-WebSocket-Version " + (versions.isEmpty() ? "(missing)" : versions)
                            + ", only 13 is supported",
                    Headers.of(Handshakes.VERSION, Handshakes.VERSION_13));
        }
        List<ExtensionParameters> extensionOffers = List.of();
        if (!config.extensions().isEmpty()) {
            try {
                extensionOffers = ExtensionHeader.parse(h.all(Handshakes.EXTENSIONS));
            } catch (IllegalArgumentException e) {
                throw new HandshakeException(BAD_REQUEST, e.getMessage());
            }
        }
        return new Rfc6455ServerHandshake(key, request.offeredSubprotocols(), extensionOffers, config);
    }

    private static String validKey(List<String> keys) throws HandshakeException {
        if (keys.size() != 1) {
            throw new HandshakeException(BAD_REQUEST, keys.isEmpty() ? "the Sec-WebSocket-Key header is missing"
                    : "the Sec-WebSocket-Key header appears " + keys.size() + " times");
        }
        return validKey(keys.get(0));
    }

    /** The one {@code Sec-WebSocket-Key} value, trimmed, if it is 16 bytes of padded base64. */
    private static String validKey(String value) throws HandshakeException {
        String key = value.trim();
        if (key.length() != ENCODED_KEY_LENGTH) {
            throw new HandshakeException(BAD_REQUEST, "the Sec-WebSocket-Key \"" + key + "\" is not 16 bytes of"
                    + " padded base64 (" + ENCODED_KEY_LENGTH + " characters)");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            throw new HandshakeException(BAD_REQUEST, "the Sec-WebSocket-Key \"" + key + "\" is not base64");
        }
        if (decoded.length != Handshakes.KEY_BYTES) {
            throw new HandshakeException(BAD_REQUEST, "the Sec-WebSocket-Key \"" + key + "\" decodes to "
                    + decoded.length + " bytes instead of " + Handshakes.KEY_BYTES);
        }
        return key;
    }

    /** Whether {@code version} is {@code HTTP/major.minor} at 1.1 or later (or {@code HTTP/2}, {@code HTTP/3}). */
    static boolean isHttp11OrLater(String version) {
        if (!version.startsWith("HTTP/")) {
            return false;
        }
        String number = version.substring(5);
        int dot = number.indexOf('.');
        String major = dot < 0 ? number : number.substring(0, dot);
        String minor = dot < 0 ? "0" : number.substring(dot + 1);
        if (!isDigits(major) || !isDigits(minor)) {
            return false;
        }
        int ma = Integer.parseInt(major);
        return ma > 1 || (ma == 1 && Integer.parseInt(minor) >= 1);
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty() || s.length() > 3) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public int bodyLength() {
        return 0;
    }

    /** RFC 6455 requests have no handshake body: only an empty buffer is taken. */
    @Override
    public void readBody(ByteBuffer body) {
        if (body.hasRemaining()) {
            throw new IllegalArgumentException("an RFC 6455 handshake has no body");
        }
    }

    @Override
    public List<String> offeredSubprotocols() {
        return offered;
    }

    /** Accepts with these limits for the engine instead of the start config's (a route's or hook's override). */
    @Override
    public ByteBuffer accept(String subprotocol, Headers extraHeaders, long maxFrameSize, long maxMessageSize) {
        if (engine != null) {
            throw new IllegalStateException("the handshake was already accepted");
        }
        EngineConfig started = config;
        config = config.withLimits(maxFrameSize, maxMessageSize);
        try {
            return accept(subprotocol, extraHeaders);
        } catch (RuntimeException e) {
            config = started;
            throw e;
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the subprotocol was not offered, or an extra header names one the
     *                                  handshake sets ({@code Upgrade}, {@code Connection},
     *                                  {@code Sec-WebSocket-Accept}, {@code -Protocol}, {@code -Extensions})
     * @throws IllegalStateException    if already accepted
     */
    @Override
    public ByteBuffer accept(String subprotocol, Headers extraHeaders) {
        if (engine != null) {
            throw new IllegalStateException("the handshake was already accepted");
        }
        Headers extra = extraHeaders == null ? Headers.empty() : extraHeaders;
        if (subprotocol != null && !offered.contains(subprotocol)) {
            throw new IllegalArgumentException("subprotocol \"" + subprotocol + "\" was not offered: " + offered);
        }
        String reserved = extra.isEmpty() ? null : Handshakes.firstReserved(extra, RESERVED);
        if (reserved != null) {
            throw new IllegalArgumentException("the handshake sets the " + reserved + " header itself");
        }
        Extension agreed = negotiate();
        if (subprotocol == null && agreed == null && extra.isEmpty()) {
            byte[] usual = new byte[RESPONSE_START.length + Handshakes.ACCEPT_LENGTH + END.length];
            System.arraycopy(RESPONSE_START, 0, usual, 0, RESPONSE_START.length);
            Handshakes.acceptFor(key, usual, RESPONSE_START.length);
            System.arraycopy(END, 0, usual, RESPONSE_START.length + Handshakes.ACCEPT_LENGTH, END.length);
            engine = new Rfc6455Engine(config, null);
            return ByteBuffer.wrap(usual);
        }
        HttpHeadWriter head = new HttpHeadWriter("HTTP/1.1 101 Switching Protocols")
                .header(Handshakes.UPGRADE, "websocket")
                .header(Handshakes.CONNECTION, "Upgrade")
                .header(Handshakes.ACCEPT, Handshakes.acceptFor(key));
        if (subprotocol != null) {
            head.header(Handshakes.PROTOCOL, subprotocol);
        }
        if (agreed != null) {
            head.header(Handshakes.EXTENSIONS, agreed.parameters().headerValue());
        }
        ByteBuffer response = head.headers(extra).toBuffer();
        extension = agreed;
        engine = new Rfc6455Engine(config, agreed);
        return response;
    }

    /** The first offer, in the client's order, that the factory of its name accepts; {@code null} if none. */
    private Extension negotiate() {
        for (ExtensionParameters offer : extensionOffers) {
            ExtensionFactory factory = factory(offer.name());
            if (factory == null) {
                continue;
            }
            Optional<Extension> e = factory.negotiate(offer, config);
            if (e.isPresent()) {
                Extension x = e.get();
                if (!x.parameters().name().equals(offer.name())) {
                    throw new IllegalStateException("extension factory " + factory + " answered an offer of "
                            + offer.name() + " with " + x.parameters().name());
                }
                return x;
            }
        }
        return null;
    }

    private ExtensionFactory factory(String name) {
        for (ExtensionFactory f : config.extensions()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** The extension offers the client made, in its order (empty when the config has no extension factories). */
    public List<ExtensionParameters> extensionOffers() {
        return extensionOffers;
    }

    /** The extension agreed by {@link #accept}, or {@code null} for none. */
    public Extension extension() {
        return extension;
    }

    @Override
    public FrameEngine engine() {
        if (engine == null) {
            throw new IllegalStateException("the handshake was not accepted yet");
        }
        return engine;
    }
}
