package net.websocket.runtime.internal;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import net.websocket.api.HandshakeDecision;
import net.websocket.api.HandshakeHook;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.api.ServiceMapper;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.api.spi.ServerHandshake;
import net.websocket.runtime.OriginPolicy;
import net.websocket.runtime.ServerOptions;
import net.websocket.runtime.VariantSource;

/**
 * The Java work of one server opening handshake without sockets, selector or timers, in the order
 * {@link ServerHandshaker} does it: parse the request head (the one the bench's load generator sends), check its
 * HTTP rules, pick the variant, start it, check the origin and route, ask the default hook, accept (the 101 bytes)
 * and keep what the connection remembers of its handshake ({@link ConnectionInfo}). A steadier instrument than
 * handshakes per second on a busy machine, since it measures no kernel work and no other thread.
 *
 * <p>It sits in the runtime's internal package because those steps are package-private; the bench runs on the class
 * path, where that package spans the runtime's jar and this one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ServerHandshakePathBenchmark {

    private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 50_000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8080);

    private ByteBuffer head;
    private VariantSource variants;
    private EngineConfig config;
    private ServiceMapper mapper;
    private OriginPolicy origins;

    @Setup
    public void setup() {
        head = ByteBuffer.wrap(("GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        variants = VariantSource.serviceLoader();
        config = new EngineConfig(EngineConfig.Role.SERVER, 1 << 20, 1 << 20, () -> 0);
        mapper = ServiceMapper.single(connection -> { });
        origins = ServerOptions.defaults().originPolicy();
    }

    @Benchmark
    public Object handshake() throws HttpHeadParser.ParseException {
        HttpHeadParser parser = new HttpHeadParser(HttpHeadParser.Mode.REQUEST, 8192);
        if (!parser.feed(head.duplicate())) {
            throw new IllegalStateException("incomplete head");
        }
        HandshakeRequest request = new HandshakeRequest(parser.method(), parser.target(), parser.httpVersion(),
                parser.headers(), REMOTE, LOCAL, false);
        require(HandshakeAcceptance.checkHttp(request) == null);
        HandshakeAcceptance.Step<ProtocolVariant> variant = HandshakeAcceptance.chooseVariant(request, variants);
        require(!variant.refused());
        HandshakeAcceptance.Step<ServerHandshake> started = HandshakeAcceptance.start(variant.value(), request,
                config);
        require(!started.refused());
        ServerHandshake handshake = started.value();
        HandshakeAcceptance.Step<ServiceMapper.Selected> routed = HandshakeAcceptance.route(request,
                handshake.offeredSubprotocols(), origins, 403, "forbidden", () -> mapper);
        require(!routed.refused());
        HandshakeAcceptance.Step<HandshakeDecision.Accept> verdict = HandshakeAcceptance.askHook(
                HandshakeHook.ACCEPT_ALL, request);
        require(!verdict.refused());
        ByteBuffer response = handshake.accept(null, Headers.empty());
        return ConnectionInfo.server(variant.value().name(), request, null, handshake.offeredSubprotocols(),
                verdict.value().state(), response);
    }

    private static void require(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("the handshake was refused");
        }
    }
}
