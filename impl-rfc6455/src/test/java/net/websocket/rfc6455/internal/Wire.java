package net.websocket.rfc6455.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.function.IntSupplier;

import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;

/** Helpers for tests on the wire format: hex, frame building, engines, feeding input in chunks. */
final class Wire {

    /** Whole input in one buffer. */
    static final int WHOLE = Integer.MAX_VALUE;

    private Wire() {
    }

    /** Bytes from hex, spaces allowed: {@code hex("81 05 48")}. */
    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** A server config with default limits; servers never ask for a mask. */
    static EngineConfig server() {
        return server(EngineConfig.DEFAULT_LIMIT, EngineConfig.DEFAULT_LIMIT);
    }

    static EngineConfig server(long maxFrame, long maxMessage) {
        IntSupplier noMask = () -> {
            throw new AssertionError("a server must not mask");
        };
        return new EngineConfig(EngineConfig.Role.SERVER, maxFrame, maxMessage, noMask);
    }

    /** A client config whose every masking key is {@code mask}. */
    static EngineConfig client(int mask) {
        return new EngineConfig(EngineConfig.Role.CLIENT, EngineConfig.DEFAULT_LIMIT, EngineConfig.DEFAULT_LIMIT,
                () -> mask);
    }

    static EngineConfig client(long maxFrame, long maxMessage) {
        return new EngineConfig(EngineConfig.Role.CLIENT, maxFrame, maxMessage, () -> 0x11223344);
    }

    /**
     * A frame as a peer would send it: {@code mask} null for unmasked. Uses the shortest length form unless
     * {@code lengthForm} forces 7, 16 or 64 bits.
     */
    static byte[] frame(int firstByte, byte[] payload, byte[] mask, int lengthForm) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        int maskBit = mask == null ? 0 : 0x80;
        int n = payload.length;
        int form = lengthForm != 0 ? lengthForm : n <= 125 ? 7 : n <= 0xFFFF ? 16 : 64;
        if (form == 7) {
            out.write(maskBit | n);
        } else if (form == 16) {
            out.write(maskBit | 126);
            out.write(n >>> 8);
            out.write(n);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) n >>> shift));
            }
        }
        if (mask != null) {
            out.writeBytes(mask);
            for (int i = 0; i < n; i++) {
                out.write(payload[i] ^ mask[i & 3]);
            }
        } else {
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }

    static final byte[] MASK = hex("37 fa 21 3d");

    /** A masked frame, as a client sends (what a server decodes). */
    static byte[] masked(int firstByte, byte[] payload) {
        return frame(firstByte, payload, MASK, 0);
    }

    /** An unmasked frame, as a server sends (what a client decodes). */
    static byte[] unmasked(int firstByte, byte[] payload) {
        return frame(firstByte, payload, null, 0);
    }

    /**
     * Feeds {@code wire} to the engine in chunks of {@code chunk} bytes, each a separate heap buffer over a copy
     * (the engine may unmask in place). Checks that each call consumes its whole input.
     */
    static Recorder feed(FrameEngine engine, byte[] wire, int chunk, Recorder sink) {
        byte[] copy = wire.clone();
        int step = Math.max(1, Math.min(chunk, Math.max(1, copy.length)));
        if (copy.length == 0) {
            engine.decode(ByteBuffer.allocate(0), sink);
        }
        for (int off = 0; off < copy.length; off += step) {
            int len = Math.min(step, copy.length - off);
            ByteBuffer in = ByteBuffer.wrap(copy, off, len);
            engine.decode(in, sink);
            if (in.hasRemaining()) {
                throw new AssertionError("decode left " + in.remaining() + " bytes");
            }
        }
        return sink;
    }

    /** Feeds the whole input as one direct buffer. */
    static Recorder feedDirect(FrameEngine engine, byte[] wire, Recorder sink) {
        ByteBuffer in = ByteBuffer.allocateDirect(wire.length);
        in.put(wire).flip();
        engine.decode(in, sink);
        if (in.hasRemaining()) {
            throw new AssertionError("decode left " + in.remaining() + " bytes");
        }
        return sink;
    }

    static Recorder decode(EngineConfig config, byte[] wire, int chunk) {
        return feed(new Rfc6455Engine(config), wire, chunk, new Recorder());
    }
}
