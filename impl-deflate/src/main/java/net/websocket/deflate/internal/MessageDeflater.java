package net.websocket.deflate.internal;

import java.nio.ByteBuffer;
import java.util.zip.Deflater;

import net.websocket.api.MessageType;
import net.websocket.api.spi.ExtensionEncoder;

/**
 * Compresses outgoing messages (RFC 7692 section 7.2.1): raw DEFLATE, each frame's payload flushed with
 * {@link Deflater#SYNC_FLUSH} so that it can be sent at once, and the {@code 00 00 ff ff} that ends the last flush of
 * a message removed. A message's frames form one compressed stream; with context takeover the stream (and its LZ77
 * window) continues into the next message, without it the {@link Deflater} is released after every message and made
 * afresh when the next compressed message begins.
 *
 * <p>When the agreed window is below 15 bits the compressor uses {@link Deflater#HUFFMAN_ONLY}: literals only, no
 * back-references, which a decompressor with any window size decodes ({@link Deflater} cannot shrink its window).
 */
public final class MessageDeflater implements ExtensionEncoder {

    /** What a sync flush ends with: an empty stored block's length and its complement. */
    private static final int TAIL_LENGTH = 4;

    /**
     * Bytes allowed beyond the input for the compressed form, over and above the proportional allowance. Covers the
     * block headers, the sync flush (an empty stored block: 3 bits, padding, 4 bytes) and bits left from the
     * previous block; zlib's own bound for a whole stream of n bytes is n + n/4096 + n/16384 + 7 (raw).
     */
    private static final int FIXED_OVERHEAD = 64;

    /**
     * The proportional allowance, as a shift: n >>> 10 is n/1024, four times zlib's n/4096 + n/16384 (stored
     * blocks of at least 16 KiB, 5 header bytes each), which leaves room for the block splits of small flushes.
     */
    private static final int PROPORTIONAL_SHIFT = 10;

    private static final byte[] NO_INPUT = new byte[0];

    private final int level;
    private final int minMessageSize;
    private final boolean noContextTakeover;
    private final boolean huffmanOnly;
    private Deflater deflater;
    private boolean released;

    /**
     * @param level             the {@link Deflater} level (-1 to 9)
     * @param minMessageSize    a message whose first frame is shorter than this is not compressed
     * @param noContextTakeover whether each message is compressed on its own
     * @param huffmanOnly       whether to use no back-references (the agreed window is below 15 bits)
     */
    public MessageDeflater(int level, int minMessageSize, boolean noContextTakeover, boolean huffmanOnly) {
        this.level = level;
        this.minMessageSize = minMessageSize;
        this.noContextTakeover = noContextTakeover;
        this.huffmanOnly = huffmanOnly;
    }

    boolean noContextTakeover() {
        return noContextTakeover;
    }

    boolean huffmanOnly() {
        return huffmanOnly;
    }

    /** Whether a {@link Deflater} is held now (for tests of the memory held between messages). */
    public boolean holdsDeflater() {
        return deflater != null;
    }

    @Override
    public boolean begin(MessageType type, int length, boolean finalFragment) {
        if (released) {
            throw new IllegalStateException("released");
        }
        return !finalFragment || length >= minMessageSize;
    }

    @Override
    public int maxEncodedLength(int length) {
        return (int) Math.min(Integer.MAX_VALUE, (long) length + (length >>> PROPORTIONAL_SHIFT) + FIXED_OVERHEAD);
    }

    @Override
    public void encode(ByteBuffer in, boolean endOfMessage, ByteBuffer out) {
        if (released) {
            throw new IllegalStateException("released");
        }
        Deflater d = deflater;
        if (d == null) {
            d = new Deflater(level, true);
            if (huffmanOnly) {
                d.setStrategy(Deflater.HUFFMAN_ONLY);
            }
            deflater = d;
        }
        int start = out.position();
        d.setInput(in);
        try {
            while (true) {
                int room = out.remaining();
                int n = d.deflate(out, Deflater.SYNC_FLUSH);
                if (n < room && d.needsInput()) {
                    break; // all input taken and the flush complete (a call that only applied a new strategy
                           // takes no input)
                }
                if (!out.hasRemaining()) {
                    throw new IllegalStateException("compressed output exceeds the room reserved for it ("
                            + (out.position() - start) + " bytes)");
                }
            }
        } finally {
            d.setInput(NO_INPUT); // keep no reference to the caller's payload
        }
        if (endOfMessage) {
            int end = out.position();
            if (end - start >= TAIL_LENGTH && out.get(end - 4) == 0 && out.get(end - 3) == 0
                    && out.get(end - 2) == (byte) 0xFF && out.get(end - 1) == (byte) 0xFF) {
                out.position(end - TAIL_LENGTH);
            } else {
                // Nothing was flushed (no new input since the last flush): the stream is byte-aligned, so append
                // an empty stored block, 00 00 00 ff ff, less the four bytes the receiver adds back (7.2.1).
                out.put((byte) 0);
            }
            if (noContextTakeover) {
                d.end();
                deflater = null;
            }
        }
    }

    @Override
    public void release() {
        released = true;
        if (deflater != null) {
            deflater.end();
            deflater = null;
        }
    }
}
