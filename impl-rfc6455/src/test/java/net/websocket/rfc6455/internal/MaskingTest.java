package net.websocket.rfc6455.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Masking against a plain byte-by-byte XOR, for every length, offset, key phase and buffer kind. */
class MaskingTest {

    private static final int KEY = 0x37FA213D;

    private static byte keyByte(int key, int i) {
        return (byte) (key >>> (24 - 8 * (i & 3)));
    }

    private static ByteBuffer buffer(boolean direct, int capacity, ByteOrder order) {
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
        return b.order(order);
    }

    @Test
    void unmaskInPlaceMatchesPlainXor() {
        Random random = new Random(1);
        for (boolean direct : new boolean[] {false, true}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                for (int length = 0; length < 40; length++) {
                    for (int index = 0; index < 9; index++) {
                        for (int phase = 0; phase < 4; phase++) {
                            byte[] data = new byte[index + length + 5];
                            random.nextBytes(data);
                            ByteBuffer buf = buffer(direct, data.length, order);
                            buf.put(0, data);
                            int next = Masking.unmaskInPlace(buf, index, length, KEY, phase);
                            assertEquals((phase + length) & 3, next);
                            byte[] expected = data.clone();
                            for (int i = 0; i < length; i++) {
                                expected[index + i] ^= keyByte(KEY, phase + i);
                            }
                            byte[] actual = new byte[data.length];
                            buf.get(0, actual);
                            assertArrayEquals(expected, actual, "length " + length + " index " + index);
                            assertEquals(0, buf.position());
                        }
                    }
                }
            }
        }
    }

    @Test
    void keyPhaseContinuesAcrossCalls() {
        Random random = new Random(2);
        byte[] data = new byte[1000];
        random.nextBytes(data);
        ByteBuffer whole = ByteBuffer.wrap(data.clone());
        Masking.unmaskInPlace(whole, 0, data.length, KEY, 0);
        for (int piece = 1; piece < 30; piece++) {
            ByteBuffer buf = ByteBuffer.wrap(data.clone());
            int phase = 0;
            for (int i = 0; i < data.length; i += piece) {
                phase = Masking.unmaskInPlace(buf, i, Math.min(piece, data.length - i), KEY, phase);
            }
            assertArrayEquals(whole.array(), buf.array(), "pieces of " + piece);
        }
        byte[] arr = data.clone();
        int phase = 0;
        for (int i = 0; i < arr.length; i += 7) {
            phase = Masking.unmaskInPlace(arr, i, Math.min(7, arr.length - i), KEY, phase);
        }
        assertArrayEquals(whole.array(), arr);
    }

    @Test
    void maskCopyMatchesPlainXorAndLeavesTheSourceAlone() {
        Random random = new Random(3);
        for (boolean direct : new boolean[] {false, true}) {
            for (int length = 0; length < 70; length++) {
                for (int offset = 0; offset < 5; offset++) {
                    byte[] data = new byte[offset + length];
                    random.nextBytes(data);
                    ByteBuffer src = ByteBuffer.wrap(data.clone()).asReadOnlyBuffer();
                    ByteBuffer dst = buffer(direct, length + 3, ByteOrder.LITTLE_ENDIAN);
                    Masking.maskCopy(src, offset, dst, 3, length, KEY);
                    for (int i = 0; i < length; i++) {
                        assertEquals((byte) (data[offset + i] ^ keyByte(KEY, i)), dst.get(3 + i));
                    }
                    byte[] after = new byte[data.length];
                    src.get(0, after);
                    assertArrayEquals(data, after);
                }
            }
        }
    }

    @Test
    void patternHoldsTheKeyTwiceInMemoryOrder() {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        b.putLong(0, Masking.pattern(KEY));
        assertArrayEquals(Wire.hex("37 fa 21 3d 37 fa 21 3d"), b.array());
    }
}
