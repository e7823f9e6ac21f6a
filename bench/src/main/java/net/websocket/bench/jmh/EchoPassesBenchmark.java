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

import net.websocket.api.MessageType;
import net.websocket.api.PayloadType;
import net.websocket.api.spi.FrameEngine;
import net.websocket.bench.load.Frames;

/**
 * The user-space passes over the bytes of a 1 MiB binary echo (scenario c) on our server, without sockets, one at a
 * time and all together, so that their shares of the server's work can be told apart from the kernel's. Per message:
 * the frame arrives in 64 KiB pieces in a direct buffer (the I/O loop's read buffer); {@code arrive} is the copy that
 * stands in for the kernel's copy into it (the raw TCP echo does that much too); {@code unmask} adds the engine's
 * decoding (unmasking in place); {@code assemble} adds the copy of each piece into the listener's new array (zeroed
 * when it is made); {@code echo} adds the encoding of the answer into a direct frame buffer, the last copy before the
 * kernel's. Times are per 1 MiB message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EchoPassesBenchmark {

    static final int MESSAGE = 1024 * 1024;
    static final int READ = 64 * 1024;

    private FrameEngine engine;
    private ByteBuffer frame;
    private final ByteBuffer read = ByteBuffer.allocateDirect(READ);
    private ByteBuffer out;
    private final AssemblingSink sink = new AssemblingSink();

    /** Copies each piece into a new array of the message's size, as the runtime's listener intake does. */
    static final class AssemblingSink extends Spi.DataSink {
        boolean keep;
        byte[] message;
        int length;

        @Override
        public void onData(MessageType type, ByteBuffer payload, boolean first, boolean last) {
            int n = payload.remaining();
            if (!keep) {
                length += n;
                return;
            }
            if (first) {
                message = new byte[MESSAGE];
                length = 0;
            }
            payload.get(message, length, n);
            length += n;
        }

    }

    @Setup
    public void setup() {
        engine = Spi.serverEngine();
        byte[] f = Frames.clientFrame(Frames.OP_BINARY, Frames.binaryPayload(MESSAGE), 0x1234_5678);
        frame = ByteBuffer.allocateDirect(f.length).put(f).flip();
        out = ByteBuffer.allocateDirect(engine.frameLength(MESSAGE));
        echo();
        if (sink.length != MESSAGE) {
            throw new IllegalStateException("assembled " + sink.length + " bytes");
        }
    }

    private int pieces(boolean decode, boolean keep) {
        sink.keep = keep;
        sink.length = 0;
        int n = 0;
        for (int at = 0; at < frame.limit(); at += READ) {
            read.clear();
            read.put(frame.slice(at, Math.min(READ, frame.limit() - at)));
            read.flip();
            if (decode) {
                engine.decode(read, sink);
            }
            n += read.limit();
        }
        return n;
    }

    @Benchmark
    public int arrive() {
        return pieces(false, false);
    }

    @Benchmark
    public int unmask() {
        return pieces(true, false);
    }

    @Benchmark
    public int assemble() {
        pieces(true, true);
        return sink.message.length;
    }

    @Benchmark
    public int echo() {
        pieces(true, true);
        out.clear();
        engine.encodeData(PayloadType.BINARY, true, ByteBuffer.wrap(sink.message, 0, sink.length), out);
        return out.position();
    }

    /** A new zeroed array of the message's size alone (part of {@code assemble}). */
    @Benchmark
    public byte[] zeroed() {
        return new byte[MESSAGE];
    }
}
