package net.websocket.rfc6455.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Payload masking (RFC 6455 section 5.3): XOR with a 4-byte key, 8 bytes at a time through a long view of the
 * buffer, then byte by byte for the tail. Works on heap and direct buffers; indexes are absolute and positions are
 * left alone.
 */
final class Masking {

    /** Unaligned long access in native order; the mask pattern is built for that same order. */
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class,
            ByteOrder.nativeOrder());
    /** The same over byte arrays, for heap buffers: cheaper than going through the buffer. */
    private static final VarHandle ARRAY_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.nativeOrder());
    private static final boolean BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    private Masking() {
    }

    /**
     * The long whose native-order bytes are the key's four bytes twice ({@code key} holds them big-endian: the
     * first key byte is the most significant).
     */
    static long pattern(int key) {
        int k = BIG_ENDIAN ? key : Integer.reverseBytes(key);
        return ((long) k << 32) | (k & 0xFFFF_FFFFL);
    }

    /** The key byte that masks payload byte number {@code i} (counted from where {@code key} starts). */
    private static byte keyByte(int key, int i) {
        return (byte) (key >>> (24 - ((i & 3) << 3)));
    }

    /**
     * Unmasks (or masks: it is the same) {@code length} bytes of {@code buf} in place, from {@code index}.
     *
     * @param key    the masking key, first byte most significant
     * @param offset which key byte (0-3) masks the first of these bytes: the count of payload bytes already
     *               handled, modulo 4
     * @return the offset for the byte after these
     */
    static int unmaskInPlace(ByteBuffer buf, int index, int length, int key, int offset) {
        if (buf.hasArray()) {
            return unmaskInPlace(buf.array(), buf.arrayOffset() + index, length, key, offset);
        }
        return unmaskBuffer(buf, index, length, key, offset);
    }

    private static int unmaskBuffer(ByteBuffer buf, int index, int length, int key, int offset) {
        int k = Integer.rotateLeft(key, offset << 3);
        int i = index;
        int end = index + length;
        if (length >= Long.BYTES) {
            long m = pattern(k);
            for (int last = end - Long.BYTES; i <= last; i += Long.BYTES) {
                LONG.set(buf, i, (long) LONG.get(buf, i) ^ m);
            }
        }
        for (; i < end; i++) {
            buf.put(i, (byte) (buf.get(i) ^ keyByte(k, i - index)));
        }
        return (offset + length) & 3;
    }

    /**
     * Copies {@code length} bytes from {@code src} to {@code dst}, masking them with {@code key} (starting at its
     * first byte). {@code src} is not changed.
     */
    static void maskCopy(ByteBuffer src, int srcIndex, ByteBuffer dst, int dstIndex, int length, int key) {
        if (src.hasArray() && dst.hasArray()) {
            maskCopy(src.array(), src.arrayOffset() + srcIndex, dst.array(), dst.arrayOffset() + dstIndex, length,
                    key);
        } else {
            maskCopyBuffers(src, srcIndex, dst, dstIndex, length, key);
        }
    }

    private static void maskCopyBuffers(ByteBuffer src, int srcIndex, ByteBuffer dst, int dstIndex, int length,
            int key) {
        int i = 0;
        if (length >= Long.BYTES) {
            long m = pattern(key);
            for (int last = length - Long.BYTES; i <= last; i += Long.BYTES) {
                LONG.set(dst, dstIndex + i, (long) LONG.get(src, srcIndex + i) ^ m);
            }
        }
        for (; i < length; i++) {
            dst.put(dstIndex + i, (byte) (src.get(srcIndex + i) ^ keyByte(key, i)));
        }
    }

    /** {@link #unmaskInPlace(ByteBuffer, int, int, int, int)} over an array. */
    static int unmaskInPlace(byte[] bytes, int index, int length, int key, int offset) {
        int k = Integer.rotateLeft(key, offset << 3);
        int i = index;
        int end = index + length;
        if (length >= Long.BYTES) {
            long m = pattern(k);
            for (int last = end - Long.BYTES; i <= last; i += Long.BYTES) {
                ARRAY_LONG.set(bytes, i, (long) ARRAY_LONG.get(bytes, i) ^ m);
            }
        }
        for (; i < end; i++) {
            bytes[i] ^= keyByte(k, i - index);
        }
        return (offset + length) & 3;
    }

    /** {@link #maskCopy(ByteBuffer, int, ByteBuffer, int, int, int)} between arrays. */
    private static void maskCopy(byte[] src, int srcIndex, byte[] dst, int dstIndex, int length, int key) {
        int i = 0;
        if (length >= Long.BYTES) {
            long m = pattern(key);
            for (int last = length - Long.BYTES; i <= last; i += Long.BYTES) {
                ARRAY_LONG.set(dst, dstIndex + i, (long) ARRAY_LONG.get(src, srcIndex + i) ^ m);
            }
        }
        for (; i < length; i++) {
            dst[dstIndex + i] = (byte) (src[srcIndex + i] ^ keyByte(key, i));
        }
    }
}
