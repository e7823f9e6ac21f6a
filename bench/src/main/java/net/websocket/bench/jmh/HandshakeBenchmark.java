package net.websocket.bench.jmh;

import java.nio.ByteBuffer;
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

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.ServerHandshake;

/**
 * The server side of an RFC 6455 opening handshake through the SPI, for a fixed browser-like request: the variant
 * matches it, validates the head, computes the accept value (SHA-1, base64) and writes the 101 answer. The HTTP head
 * parsing itself is the runtime's and not part of the SPI.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HandshakeBenchmark {

    private HandshakeRequest request;
    private EngineConfig config;

    @Setup
    public void setup() {
        request = Spi.request();
        config = EngineConfig.defaults(EngineConfig.Role.SERVER).withLimits(Spi.LIMIT, Spi.LIMIT);
    }

    @Benchmark
    public ByteBuffer startAndAccept() throws HandshakeException {
        if (!Spi.RFC6455.matches(request)) {
            throw new IllegalStateException("not an RFC 6455 request");
        }
        ServerHandshake handshake = Spi.RFC6455.startServer(request, config);
        return handshake.accept(null, Headers.empty());
    }
}
