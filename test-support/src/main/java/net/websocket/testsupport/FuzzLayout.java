package net.websocket.testsupport;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * How a decoder fuzz input is read: a control byte, up to seven split points and the bytes on the wire.
 *
 * <pre>
 *   byte 0          bits 0-2: number of split points k (0-7)
 *                   bits 3-4: frame limit 4096 &gt;&gt; 2n (4096, 1024, 256, 64)
 *                   bits 5-6: message limit 4096 &gt;&gt; 2n
 *                   bit 7:    which buffer kind the first piece uses
 *   bytes 1 .. 2k   split points, unsigned 16-bit big-endian, each taken modulo (wire length + 1)
 *   the rest        the wire bytes
 * </pre>
 *
 * A seed that starts with {@code 0x00} is its wire bytes, decoded whole, with both limits at 4096. The layout keeps
 * the wire bytes raw, so the fuzzer mutates frames directly.
 *
 * @param splits     split points in the wire bytes, ascending, repeats allowed (an empty piece is decoded too)
 * @param maxFrame   the frame limit for the engine
 * @param maxMessage the message limit for the engine
 * @param kindSeed   offset into {@link #KINDS} for the first piece
 * @param wire       the bytes to decode
 */
public record FuzzLayout(int[] splits, long maxFrame, long maxMessage, int kindSeed, byte[] wire) {

    /** The largest limit: small, so that limits are hit by inputs of libFuzzer's default size (4096). */
    public static final int MAX_LIMIT = 4096;

    /** Buffer kinds the pieces cycle through: each reaches a different path of the decoder. */
    public static final int KINDS = 4;

    private static final int MAX_SPLITS_MASK = 0x07;

    public static FuzzLayout parse(byte[] data) {
        if (data.length == 0) {
            return new FuzzLayout(new int[0], MAX_LIMIT, MAX_LIMIT, 0, data);
        }
        int control = data[0] & 0xFF;
        int k = control & MAX_SPLITS_MASK;
        int pos = 1;
        int[] raw = new int[k];
        for (int i = 0; i < k; i++) {
            if (pos + 1 < data.length) {
                raw[i] = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
                pos += 2;
            }
        }
        byte[] wire = Arrays.copyOfRange(data, Math.min(pos, data.length), data.length);
        for (int i = 0; i < k; i++) {
            raw[i] %= wire.length + 1;
        }
        Arrays.sort(raw);
        long maxFrame = MAX_LIMIT >> (2 * ((control >> 3) & 3));
        long maxMessage = MAX_LIMIT >> (2 * ((control >> 5) & 3));
        return new FuzzLayout(raw, maxFrame, maxMessage, control >> 7, wire);
    }

    /**
     * Piece {@code index} of the wire bytes as a fresh buffer of one of four kinds: a writable heap buffer
     * positioned inside its array, a direct buffer, a read-only heap buffer (which the decoder must not unmask in
     * place) and a heap slice with a non-zero array offset.
     */
    public ByteBuffer piece(int index, int from, int to) {
        byte[] copy = wire.clone();
        return switch ((index + kindSeed) % KINDS) {
            case 0 -> ByteBuffer.wrap(copy, from, to - from);
            case 1 -> ByteBuffer.allocateDirect(to - from).put(copy, from, to - from).flip();
            case 2 -> ByteBuffer.wrap(copy, from, to - from).asReadOnlyBuffer();
            default -> ByteBuffer.wrap(copy).position(from).limit(to).slice();
        };
    }
}
