package net.websocket.servlet.undertow.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.ConduitWritableByteChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSinkConduit;

/**
 * The innermost sink conduit of a connection: passes every write on, but while {@linkplain #hold() held} takes what
 * is written and drops it. Held from the moment a hybi-00 handshake is accepted until Undertow hands the connection
 * over, it keeps Undertow's response to the upgrade (its {@code 101 Switching Protocols} head) off the wire, so that
 * the connection answers the handshake itself once key3 has come, as the draft's own server does.
 */
final class ResponseGate extends AbstractStreamSinkConduit<StreamSinkConduit> {

    private volatile boolean held;

    ResponseGate(StreamSinkConduit next) {
        super(next);
    }

    /** From now on, what is written is dropped. */
    void hold() {
        held = true;
    }

    /** From now on, what is written goes out again. */
    void release() {
        held = false;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (held) {
            int n = src.remaining();
            src.position(src.limit());
            return n;
        }
        return next.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offs, int len) throws IOException {
        if (held) {
            long n = 0;
            for (int i = offs; i < offs + len; i++) {
                n += write(srcs[i]);
            }
            return n;
        }
        return next.write(srcs, offs, len);
    }

    @Override
    public int writeFinal(ByteBuffer src) throws IOException {
        return held ? write(src) : next.writeFinal(src); // held: dropped, the output stays open for the answer
    }

    @Override
    public long writeFinal(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return held ? write(srcs, offset, length) : next.writeFinal(srcs, offset, length);
    }

    @Override
    public long transferFrom(FileChannel src, long position, long count) throws IOException {
        return held ? src.transferTo(position, count, new ConduitWritableByteChannel(this))
                : next.transferFrom(src, position, count);
    }

    @Override
    public long transferFrom(StreamSourceChannel source, long count, ByteBuffer throughBuffer) throws IOException {
        return held ? Conduits.transfer(source, count, throughBuffer, this)
                : next.transferFrom(source, count, throughBuffer);
    }

    @Override
    public boolean flush() throws IOException {
        return held || next.flush();
    }
}
