package net.websocket.hybi00.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.api.codec.HttpHeadWriter;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;
import net.websocket.api.spi.ServerHandshake;

/**
 * The server side of a hybi-00 handshake. The request head must be a {@code GET} with {@code Upgrade: WebSocket},
 * {@code Connection: Upgrade}, {@code Host} and two well-formed keys; the 8 bytes after the head are the third key.
 * The response is {@code HTTP/1.1 101 WebSocket Protocol Handshake} with {@code Upgrade}, {@code Connection},
 * {@code Sec-WebSocket-Origin} (when the request named an origin), {@code Sec-WebSocket-Location} (the URL the
 * client asked for, rebuilt from {@code Host} and the request target), {@code Sec-WebSocket-Protocol} (when one was
 * chosen) and the extra headers, then the 16-byte challenge answer.
 */
public final class Hybi00ServerHandshake implements ServerHandshake {

    static final String STATUS_LINE = "HTTP/1.1 101 WebSocket Protocol Handshake";

    /** Headers the handshake writes itself: extra headers with these names are left out. */
    private static final List<String> RESERVED = List.of("Upgrade", "Connection", "Sec-WebSocket-Origin",
            "Sec-WebSocket-Location", "Sec-WebSocket-Protocol");

    /** The start's config; its limits are replaced when the handshake is accepted with others. */
    private EngineConfig config;
    private final Function<EngineConfig, FrameEngine> framing;
    private final long number1;
    private final long number2;
    private final String origin;
    private final String location;
    private final List<String> offered;

    private byte[] answer;
    private FrameEngine engine;

    private Hybi00ServerHandshake(EngineConfig config, Function<EngineConfig, FrameEngine> framing, long number1, long number2, String origin, String location,
            List<String> offered) {
        this.config = config;
        this.framing = framing;
        this.number1 = number1;
        this.number2 = number2;
        this.origin = origin;
        this.location = location;
        this.offered = offered;
    }

    /**
     * Validates a request head.
     *
     * @throws HandshakeException (400) naming what is missing or malformed, or for a target with a character other
     *                            than visible ASCII (it is echoed in {@code Sec-WebSocket-Location})
     */
    public static Hybi00ServerHandshake start(HandshakeRequest request, EngineConfig config)
            throws HandshakeException {
        return start(request, config, Hybi00Engine::new);
    }

    /**
     * Validates a request head; the engine of an accepted handshake is made by {@code framing}.
     *
     * @throws HandshakeException as {@link #start(HandshakeRequest, EngineConfig)}
     */
    public static Hybi00ServerHandshake start(HandshakeRequest request, EngineConfig config,
            Function<EngineConfig, FrameEngine> framing) throws HandshakeException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(framing, "framing");
        if (!"GET".equals(request.method())) {
            throw new HandshakeException(400, "a WebSocket handshake must be a GET request, not " + request.method());
        }
        if (request.httpVersion().equals("HTTP/1.0") || request.httpVersion().equals("HTTP/0.9")) {
            throw new HandshakeException(400, "a WebSocket handshake needs HTTP/1.1, not " + request.httpVersion());
        }
        if (!isVisibleAscii(request.target())) {
            // the target is echoed in Sec-WebSocket-Location: a CR or LF in it would split the response head
            throw new HandshakeException(400, "the request target holds a character other than visible ASCII");
        }
        Headers headers = request.headers();
        String upgrade = required(headers, "Upgrade");
        if (!upgrade.equalsIgnoreCase("WebSocket")) {
            throw new HandshakeException(400, "Upgrade header is '" + upgrade + "', not 'WebSocket'");
        }
        // every Connection field counts (an empty first one followed by "Upgrade" is fine), so no required() here
        if (!headers.containsToken("Connection", "Upgrade")) {
            throw new HandshakeException(400, headers.first("Connection").isEmpty() ? "missing Connection header"
                    : "Connection header does not name Upgrade");
        }
        String host = required(headers, "Host");
        long number1 = key(headers, "Sec-WebSocket-Key1");
        long number2 = key(headers, "Sec-WebSocket-Key2");
        String origin = request.origin().map(String::trim).filter(o -> !o.isEmpty()).orElse(null);
        String location = (request.secure() ? "wss://" : "ws://") + host + resource(request);
        return new Hybi00ServerHandshake(config, framing, number1, number2, origin, location, request.offeredSubprotocols());
    }

    /** Whether {@code s} holds only characters a request target may (RFC 9112 section 3.2): no space, no controls. */
    private static boolean isVisibleAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static String required(Headers headers, String name) throws HandshakeException {
        String value = headers.first(name).map(String::trim).orElse("");
        if (value.isEmpty()) {
            throw new HandshakeException(400, "missing " + name + " header");
        }
        return value;
    }

    /** The number a key header stands for; its value is read untrimmed, since its spaces count. */
    private static long key(Headers headers, String name) throws HandshakeException {
        required(headers, name);
        return Hybi00Keys.parse(name, headers.get(name));
    }

    /** The path and query the client asked for (the target itself unless it is in absolute form). */
    private static String resource(HandshakeRequest request) {
        if (request.target().startsWith("/")) {
            return request.target();
        }
        Optional<String> query = request.query();
        return query.isPresent() ? request.path() + "?" + query.get() : request.path();
    }

    @Override
    public int bodyLength() {
        return Hybi00Keys.KEY3_LENGTH;
    }

    @Override
    public void readBody(ByteBuffer body) throws HandshakeException {
        if (body.remaining() != Hybi00Keys.KEY3_LENGTH) {
            throw new HandshakeException(400, "the hybi-00 handshake needs " + Hybi00Keys.KEY3_LENGTH
                    + " bytes of key after the head, got " + body.remaining());
        }
        byte[] key3 = new byte[Hybi00Keys.KEY3_LENGTH];
        body.get(key3);
        answer = Hybi00Keys.answer(number1, number2, key3);
    }

    /**
     * The value of {@code Sec-WebSocket-Protocol}. hybi-00 sends a single value; a comma-separated list is accepted
     * too and split.
     */
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
     * @throws IllegalArgumentException if {@code subprotocol} was not offered
     * @throws IllegalStateException    if the body was not read yet, or the handshake was already accepted
     */
    @Override
    public ByteBuffer accept(String subprotocol, Headers extraHeaders) {
        if (answer == null) {
            throw new IllegalStateException("the key after the request head was not read yet");
        }
        if (engine != null) {
            throw new IllegalStateException("the handshake was already accepted");
        }
        if (subprotocol != null && !offered.contains(subprotocol)) {
            throw new IllegalArgumentException("subprotocol " + subprotocol + " was not offered: " + offered);
        }
        HttpHeadWriter head = new HttpHeadWriter(STATUS_LINE)
                .header("Upgrade", "WebSocket")
                .header("Connection", "Upgrade");
        if (origin != null) {
            head.header("Sec-WebSocket-Origin", origin);
        }
        head.header("Sec-WebSocket-Location", location);
        if (subprotocol != null) {
            head.header("Sec-WebSocket-Protocol", subprotocol);
        }
        if (extraHeaders != null) {
            head.headers(extraHeaders, RESERVED);
        }
        engine = framing.apply(config);
        return head.toBuffer(answer);
    }

    @Override
    public FrameEngine engine() {
        if (engine == null) {
            throw new IllegalStateException("the handshake was not accepted yet");
        }
        return engine;
    }
}
