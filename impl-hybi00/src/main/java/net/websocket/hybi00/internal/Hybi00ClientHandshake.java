package net.websocket.hybi00.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeResponse;
import net.websocket.api.Headers;
import net.websocket.api.codec.HttpHeadWriter;
import net.websocket.api.spi.ClientHandshake;
import net.websocket.api.spi.ClientHandshakeRequest;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;

/**
 * The client side of a hybi-00 handshake.
 *
 * <p>The request carries two freshly made keys and, as its body, 8 random bytes; an {@code Origin} (the caller's
 * {@code Origin} header if it gave one, else {@code http://} and the host); and {@code Sec-WebSocket-Protocol} with
 * <em>the first</em> offered subprotocol only, since hybi-00 lets a client name a single one. The caller's other
 * headers follow, except those the handshake writes itself or that would make it look like another variant's.
 *
 * <p>The response must be status 101 with {@code Upgrade: WebSocket}, {@code Connection: Upgrade}, a
 * {@code Sec-WebSocket-Location} naming the URL asked for, a {@code Sec-WebSocket-Origin} (if present) naming the
 * origin sent, a {@code Sec-WebSocket-Protocol} (if present) naming the subprotocol sent, and a body equal to the
 * expected challenge answer.
 */
public final class Hybi00ClientHandshake implements ClientHandshake {

    /**
     * Headers the handshake writes itself, or that belong to RFC 6455 and would confuse the server: the caller's fields
     * with these names are left out.
     */
    private static final List<String> RESERVED = List.of("Host", "Upgrade", "Connection", "Origin",
            "Sec-WebSocket-Key1", "Sec-WebSocket-Key2", "Sec-WebSocket-Protocol", "Sec-WebSocket-Key",
            "Sec-WebSocket-Version", "Sec-WebSocket-Extensions", "Content-Length");

    private final EngineConfig config;
    private final Function<EngineConfig, FrameEngine> framing;
    private final ByteBuffer request;
    private final String origin;
    private final String schemeAndHost;
    private final String target;
    private final String offered;
    private final byte[] expectedAnswer;

    private String subprotocol;
    private boolean completed;

    private Hybi00ClientHandshake(EngineConfig config, Function<EngineConfig, FrameEngine> framing, ByteBuffer request,
            String origin, String schemeAndHost, String target, String offered, byte[] expectedAnswer) {
        this.config = config;
        this.framing = framing;
        this.request = request;
        this.origin = origin;
        this.schemeAndHost = schemeAndHost;
        this.target = target;
        this.offered = offered;
        this.expectedAnswer = expectedAnswer;
    }

    /**
     * Makes the request, for the sentinel framing.
     *
     * @param random where the keys come from
     * @throws IllegalArgumentException if the URI has no host
     */
    public static Hybi00ClientHandshake start(ClientHandshakeRequest request, EngineConfig config, Random random) {
        return start(request, config, random, Hybi00Engine::new);
    }

    /**
     * Makes the request.
     *
     * @param random  where the keys come from
     * @param framing makes the frame engine once the handshake completes
     * @throws IllegalArgumentException if the URI has no host
     */
    public static Hybi00ClientHandshake start(ClientHandshakeRequest request, EngineConfig config, Random random,
            Function<EngineConfig, FrameEngine> framing) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(framing, "framing");
        if (request.uri().getHost() == null) {
            throw new IllegalArgumentException("the URI has no host: " + request.uri());
        }
        String host = request.hostHeader();
        String target = request.target();
        String origin = request.headers().first("Origin").orElse("http://" + host);
        String offered = request.subprotocols().isEmpty() ? null : request.subprotocols().get(0);

        Hybi00Keys.Key key1 = Hybi00Keys.generate(random);
        Hybi00Keys.Key key2 = Hybi00Keys.generate(random);
        byte[] key3 = new byte[Hybi00Keys.KEY3_LENGTH];
        random.nextBytes(key3);

        HttpHeadWriter head = new HttpHeadWriter("GET " + target + " HTTP/1.1")
                .header("Upgrade", "WebSocket")
                .header("Connection", "Upgrade")
                .header("Host", host)
                .header("Origin", origin);
        if (offered != null) {
            head.header("Sec-WebSocket-Protocol", offered);
        }
        head.header("Sec-WebSocket-Key1", key1.value())
                .header("Sec-WebSocket-Key2", key2.value())
                .headers(request.headers(), RESERVED);
        ByteBuffer bytes = head.toBuffer(key3).asReadOnlyBuffer();
        String schemeAndHost = (request.secure() ? "wss://" : "ws://") + host;
        return new Hybi00ClientHandshake(config, framing, bytes, origin, schemeAndHost, target, offered,
                Hybi00Keys.answer(key1.number(), key2.number(), key3));
    }

    /** The request head and the third key after it; each call returns a fresh view from the start. */
    @Override
    public ByteBuffer request() {
        return request.duplicate();
    }

    @Override
    public int responseBodyLength() {
        return Hybi00Keys.ANSWER_LENGTH;
    }

    @Override
    public FrameEngine complete(HandshakeResponse response, ByteBuffer body) throws HandshakeException {
        if (completed) {
            throw new IllegalStateException("the handshake was already completed");
        }
        int status = response.status();
        if (status != 101) {
            throw new HandshakeException(status, "the server refused the WebSocket handshake: "
                    + response.statusLine());
        }
        Headers headers = response.headers();
        String upgrade = headers.first("Upgrade").map(String::trim).orElse("");
        if (!upgrade.equalsIgnoreCase("WebSocket")) {
            throw new HandshakeException(status, "the response's Upgrade header is '" + upgrade
                    + "', not 'WebSocket'");
        }
        if (!headers.containsToken("Connection", "Upgrade")) {
            throw new HandshakeException(status, "the response's Connection header does not name Upgrade");
        }
        String location = headers.first("Sec-WebSocket-Location").map(String::trim).orElse(null);
        if (location == null) {
            throw new HandshakeException(status, "the response has no Sec-WebSocket-Location header");
        }
        if (!locationMatches(location)) {
            throw new HandshakeException(status, "the response's Sec-WebSocket-Location " + location
                    + " is not the URL asked for, " + schemeAndHost + target);
        }
        String answeredOrigin = headers.first("Sec-WebSocket-Origin").map(String::trim).orElse(null);
        if (answeredOrigin != null && !answeredOrigin.equalsIgnoreCase(origin)) {
            throw new HandshakeException(status, "the response's Sec-WebSocket-Origin " + answeredOrigin
                    + " is not the origin sent, " + origin);
        }
        String answeredProtocol = headers.first("Sec-WebSocket-Protocol").map(String::trim).orElse(null);
        if (answeredProtocol != null && !answeredProtocol.equals(offered)) {
            throw new HandshakeException(status, offered == null
                    ? "the server chose subprotocol " + answeredProtocol + " but none was offered"
                    : "the server chose subprotocol " + answeredProtocol + ", not the one offered, " + offered);
        }
        byte[] answer = new byte[Hybi00Keys.ANSWER_LENGTH];
        if (body.remaining() != answer.length) {
            throw new HandshakeException(status, "the response needs " + answer.length
                    + " bytes of challenge answer after its head, got " + body.remaining());
        }
        body.get(answer);
        if (!MessageDigest.isEqual(answer, expectedAnswer)) {
            throw new HandshakeException(status, "the server's challenge answer is wrong");
        }
        completed = true;
        subprotocol = answeredProtocol;
        return framing.apply(config);
    }

    /** Scheme and host compare ignoring case, the path and query exactly. */
    private boolean locationMatches(String location) {
        int prefix = schemeAndHost.length();
        return location.length() == prefix + target.length()
                && location.regionMatches(true, 0, schemeAndHost, 0, prefix)
                && location.startsWith(target, prefix);
    }

    @Override
    public String subprotocol() {
        return subprotocol;
    }
}
