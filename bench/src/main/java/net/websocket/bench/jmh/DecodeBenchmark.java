package net.websocket.bench.jmh;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import net.websocket.api.MessageType;
import net.websocket.api.spi.FrameEngine;
import net.websocket.bench.load.Frames;

/**
 * RFC 6455 frame decoding in the server role: masked client frames in a direct buffer (as the runtime reads them)
 * through {@link FrameEngine#decode}. Text kinds include UTF-8 validation, so {@code ascii} and {@code mixed} against
 * {@code binary} show its cost. The engine unmasks in place, so every invocation first copies the pristine frames
 * into the work buffer; {@code copy*} measure that copy alone. Times are per frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecodeBenchmark {

    /** 32-byte frames decoded per invocation of the small benchmarks. */
    static final int SMALL_BATCH = 1024;
    static final int SMALL = 32;
    static final int LARGE = 64 * 1024;

    /** What the payloads are: binary, ASCII text, or text of 1- to 4-byte characters. */
    @Param({"binary", "ascii", "mixed"})
    public String kind;

    private FrameEngine engine;
    private final CountingSink sink = new CountingSink();
    private ByteBuffer smallPristine;
    private ByteBuffer largePristine;
    private ByteBuffer work;

    /** Counts what the engine delivers; fails on any protocol error (the input is valid). */
    static final class CountingSink extends Spi.DataSink {
        long bytes;
        long messages;

        @Override
        public void onData(MessageType type, ByteBuffer payload, boolean first, boolean last) {
            bytes += payload.remaining();
            if (last) {
                messages++;
            }
        }

    }

    @Setup
    public void setup() {
        engine = Spi.serverEngine();
        SplittableRandom random = new SplittableRandom(42);
        smallPristine = frames(payload(SMALL), SMALL_BATCH, random);
        largePristine = frames(payload(LARGE), 1, random);
        work = ByteBuffer.allocateDirect(Math.max(smallPristine.capacity(), largePristine.capacity()));
        // the input must decode cleanly before anything is timed
        decodeSmall();
        decodeLarge();
        if (sink.messages != SMALL_BATCH + 1) {
            throw new IllegalStateException("decoded " + sink.messages + " messages");
        }
    }

    private byte[] payload(int size) {
        return switch (kind) {
            case "binary" -> Frames.binaryPayload(size);
            case "ascii" -> Frames.asciiPayload(size);
            case "mixed" -> Spi.mixedText(size);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private ByteBuffer frames(byte[] payload, int count, SplittableRandom random) {
        int opcode = kind.equals("binary") ? Frames.OP_BINARY : Frames.OP_TEXT;
        ByteBuffer b = ByteBuffer.allocateDirect(Frames.clientFrame(opcode, payload, 0).length * count);
        for (int i = 0; i < count; i++) {
            b.put(Frames.clientFrame(opcode, payload, random.nextInt()));
        }
        return b.flip();
    }

    private void load(ByteBuffer pristine) {
        work.clear();
        work.put(pristine.duplicate());
        work.flip();
    }

    @Benchmark
    @OperationsPerInvocation(SMALL_BATCH)
    public long decodeSmall() {
        load(smallPristine);
        engine.decode(work, sink);
        return sink.bytes;
    }

    @Benchmark
    public long decodeLarge() {
        load(largePristine);
        engine.decode(work, sink);
        return sink.bytes;
    }

    @Benchmark
    @OperationsPerInvocation(SMALL_BATCH)
    public int copySmall() {
        load(smallPristine);
        return work.remaining();
    }

    @Benchmark
    public int copyLarge() {
        load(largePristine);
        return work.remaining();
    }
}
