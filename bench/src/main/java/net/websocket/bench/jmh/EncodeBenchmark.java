package net.websocket.bench.jmh;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import net.websocket.api.PayloadType;
import net.websocket.api.spi.FrameEngine;
import net.websocket.bench.load.Frames;

/**
 * RFC 6455 frame encoding through {@link FrameEngine#encodeData}: the server role writes unmasked frames, the client
 * role masks as it copies (masking keys from a cheap generator, so the engine's own work is what is timed). Output
 * goes to a direct buffer, as the runtime's write buffer is. Times are per frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EncodeBenchmark {

    /** Which side's engine: {@code server} (unmasked) or {@code client} (masked). */
    @Param({"server", "client"})
    public String role;

    private FrameEngine engine;
    private ByteBuffer small;
    private ByteBuffer large;
    private ByteBuffer out;

    @Setup
    public void setup() {
        engine = role.equals("server") ? Spi.serverEngine() : Spi.clientEngine();
        small = ByteBuffer.wrap(Frames.asciiPayload(DecodeBenchmark.SMALL));
        large = ByteBuffer.wrap(Frames.binaryPayload(DecodeBenchmark.LARGE));
        out = ByteBuffer.allocateDirect(engine.frameLength(DecodeBenchmark.LARGE));
    }

    @Benchmark
    public int encodeSmallText() {
        out.clear();
        small.clear();
        engine.encodeData(PayloadType.TEXT, true, small, out);
        return out.position();
    }

    @Benchmark
    public int encodeLargeBinary() {
        out.clear();
        large.clear();
        engine.encodeData(PayloadType.BINARY, true, large, out);
        return out.position();
    }
}
