package net.websocket.bench.jmh;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntSupplier;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.HandshakeResponse;
import net.websocket.api.Headers;
import net.websocket.api.spi.ClientHandshake;
import net.websocket.api.spi.ClientHandshakeRequest;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;
import net.websocket.api.spi.FrameSink;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.bench.load.Frames;
import net.websocket.rfc6455.Rfc6455Variant;

/** Engines and handshakes made through the public SPI only, for the microbenchmarks. */
final class Spi {

    /** The frame and message limit of the benchmark engines: above every payload used. */
    static final long LIMIT = 16L << 20;

    /** The RFC 6455 variant, as the runtime would find it. */
    static final ProtocolVariant RFC6455 = new Rfc6455Variant();

    private Spi() {
    }

    /** A browser-like opening handshake request (RFC 6455 section 1.2's example, plus common headers). */
    static HandshakeRequest request() {
        Headers headers = Headers.of(
                "Host", "server.example.com",
                "Upgrade", "websocket",
                "Connection", "Upgrade",
                "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==",
                "Origin", "http://example.com",
                "Sec-WebSocket-Version", "13",
                "User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
                "Accept-Encoding", "gzip, deflate, br",
                "Accept-Language", "en-US,en;q=0.5",
                "Cache-Control", "no-cache",
                "Pragma", "no-cache");
        return new HandshakeRequest("GET", "/chat", "HTTP/1.1", headers,
                new InetSocketAddress("127.0.0.1", 50_000), new InetSocketAddress("127.0.0.1", 8081), false);
    }

    /** A cheap, deterministic mask source (xorshift), so that client benchmarks measure the engine, not a RNG. */
    static IntSupplier xorshift() {
        int[] state = {0x9E3779B9};
        return () -> {
            int x = state[0];
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            state[0] = x;
            return x;
        };
    }

    static FrameEngine serverEngine() {
        try {
            var handshake = RFC6455.startServer(request(),
                    new EngineConfig(EngineConfig.Role.SERVER, LIMIT, LIMIT, xorshift()));
            handshake.accept(null, Headers.empty());
            return handshake.engine();
        } catch (HandshakeException e) {
            throw new IllegalStateException(e);
        }
    }

    static FrameEngine clientEngine() {
        ClientHandshake handshake = RFC6455.startClient(
                new ClientHandshakeRequest(URI.create("ws://127.0.0.1:8081/chat"), Headers.empty(), List.of()),
                new EngineConfig(EngineConfig.Role.CLIENT, LIMIT, LIMIT, xorshift()));
        ByteBuffer request = handshake.request();
        String head = StandardCharsets.ISO_8859_1.decode(request.duplicate()).toString();
        String key = null;
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "Sec-WebSocket-Key:", 0, 18)) {
                key = line.substring(18).trim();
            }
        }
        HandshakeResponse response = new HandshakeResponse("HTTP/1.1", 101, "Switching Protocols",
                Headers.of("Upgrade", "websocket", "Connection", "Upgrade",
                        "Sec-WebSocket-Accept", Frames.acceptFor(key)));
        try {
            return handshake.complete(response, ByteBuffer.allocate(0));
        } catch (HandshakeException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Valid UTF-8 of exactly {@code size} bytes mixing 1- to 4-byte characters (Latin, Cyrillic, CJK, emoji). */
    static byte[] mixedText(int size) {
        String sample = "Grüße, мир! 世界 😀 ÅÆØ ½ ";
        StringBuilder s = new StringBuilder();
        while (s.toString().getBytes(StandardCharsets.UTF_8).length < size) {
            s.append(sample);
        }
        // cut on a character boundary, then pad with ASCII
        byte[] all = s.toString().getBytes(StandardCharsets.UTF_8);
        int end = size;
        while (end > 0 && (all[end] & 0xC0) == 0x80) {
            end--;
        }
        byte[] out = new byte[size];
        System.arraycopy(all, 0, out, 0, end);
        for (int i = end; i < size; i++) {
            out[i] = 'x';
        }
        return out;
    }

    /** A sink of data frames only: pings and pongs ignored, a close or a protocol error fails the benchmark. */
    abstract static class DataSink implements FrameSink {
        @Override
        public void onPing(ByteBuffer payload) {
        }

        @Override
        public void onPong(ByteBuffer payload) {
        }

        @Override
        public void onClose(int code, String reason) {
            throw new IllegalStateException("unexpected close");
        }

        @Override
        public void onProtocolError(int closeCode, String message) {
            throw new IllegalStateException("protocol error " + closeCode + ": " + message);
        }
    }
}
