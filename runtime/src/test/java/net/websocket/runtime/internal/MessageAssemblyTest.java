package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Fragments joined into one message for a listener, and how the message's array is sized. */
class MessageAssemblyTest {

    private static ByteBuffer bytes(int n, int from) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (from + i);
        }
        return ByteBuffer.wrap(b);
    }

    @Test
    void fragmentsBecomeOneMessageInOrder() {
        MessageAssembly a = new MessageAssembly();
        assertFalse(a.inProgress());
        ByteBuffer f1 = bytes(3, 0);
        a.begin(true, f1.remaining());
        assertTrue(a.inProgress());
        a.append(f1);
        assertEquals(0, f1.remaining(), "the fragment is consumed");
        a.append(bytes(2, 3));
        a.append(bytes(0, 0));
        a.append(bytes(1, 5));
        assertTrue(a.text());
        byte[] data = a.finish();
        assertFalse(a.inProgress());
        assertEquals(6, a.length());
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5}, Arrays.copyOf(data, a.length()));
    }

    @Test
    void theArrayStartsAtTwiceTheFirstFragmentAndAtLeastTheMinimum() {
        MessageAssembly a = new MessageAssembly();
        a.begin(false, 10);
        assertEquals(MessageAssembly.MIN_START, a.capacity());
        assertFalse(a.text());
        a.finish();
        MessageAssembly b = new MessageAssembly();
        b.begin(false, 1000);
        assertEquals(2000, b.capacity());
    }

    @Test
    void theArrayDoublesOrGrowsToFitAFragment() {
        MessageAssembly a = new MessageAssembly();
        a.begin(false, 100);
        a.append(bytes(100, 0));
        assertEquals(256, a.capacity());
        a.append(bytes(200, 100)); // 300 > 256: doubles to 512
        assertEquals(512, a.capacity());
        a.append(bytes(2000, 44)); // 2300 > 1024: grows to fit exactly
        assertEquals(2300, a.capacity());
        byte[] data = a.finish();
        assertEquals(2300, a.length());
        assertEquals(2300, data.length);
        for (int i = 0; i < 2300; i++) {
            assertEquals((byte) i, data[i]);
        }
    }

    @Test
    void aFarTooLargeArrayIsCutToTheMessage() {
        MessageAssembly a = new MessageAssembly();
        a.begin(true, 100); // 256
        a.append(bytes(100, 0));
        byte[] data = a.finish();
        assertEquals(100, data.length, "less than half used: the listener gets an array of the message's size");
        MessageAssembly b = new MessageAssembly();
        b.begin(true, 100);
        b.append(bytes(128, 0));
        assertEquals(256, b.finish().length, "half used: kept as it is, the length tells the end");
        assertEquals(128, b.length());
    }

    @Test
    void theNextMessageStartsAtTheSizeOfTheLastOne() {
        MessageAssembly a = new MessageAssembly();
        a.begin(false, 1000);
        a.append(bytes(1000, 0));
        a.append(bytes(4000, 0));
        a.finish();
        assertEquals(5000, a.length());
        a.begin(false, 10);
        assertEquals(5000, a.capacity(), "messages of a connection tend to be alike");
        assertEquals(0, a.length());
        a.append(bytes(10, 0));
        byte[] data = a.finish();
        assertEquals(10, data.length);
        a.begin(false, 10);
        assertEquals(MessageAssembly.MIN_START, a.capacity(), "the guess follows the last message, down as well");
    }

    @Test
    void aLentArrayIsFilledAndGivenBackWholeWhateverItsSize() {
        LentArrays lent = new LentArrays();
        byte[] kept = new byte[4096];
        Arrays.fill(kept, (byte) 7);
        lent.give(kept);
        MessageAssembly a = new MessageAssembly();
        a.begin(false, 100, lent);
        assertTrue(a.lent());
        assertEquals(0, lent.count(), "taken while the message is assembled");
        a.append(bytes(100, 0));
        byte[] data = a.finish();
        assertTrue(data == kept, "no array of the message's size made: the borrower reads only the length");
        assertEquals(100, a.length());
        assertArrayEquals(bytes(100, 0).array(), Arrays.copyOf(data, 100));
        a.begin(false, 100, lent);
        assertFalse(a.lent(), "nothing kept: a new array");
        assertEquals(MessageAssembly.MIN_START, a.capacity());
    }
}
