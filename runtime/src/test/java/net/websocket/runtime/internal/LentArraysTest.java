package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The arrays an I/O loop keeps for borrowing listeners' messages, and their bounds. */
class LentArraysTest {

    @Test
    void theSmallestArrayThatFitsIsTaken() {
        LentArrays lent = new LentArrays();
        byte[] small = new byte[1000];
        byte[] large = new byte[5000];
        lent.give(large);
        lent.give(small);
        assertSame(small, lent.take(800));
        assertNull(lent.take(6000), "none large enough");
        assertSame(large, lent.take(1001));
        assertNull(lent.take(1));
        assertEquals(0, lent.bytes());
    }

    @Test
    void atMostMaxArraysAreKeptTheLargestWinning() {
        LentArrays lent = new LentArrays();
        for (int i = 1; i <= LentArrays.MAX_ARRAYS; i++) {
            lent.give(new byte[i * 100]);
        }
        lent.give(new byte[50]);
        assertEquals(LentArrays.MAX_ARRAYS, lent.count(), "a smaller one is dropped");
        byte[] larger = new byte[1000];
        lent.give(larger);
        assertEquals(LentArrays.MAX_ARRAYS, lent.count());
        assertNull(lent.take(1001));
        assertSame(larger, lent.take(1000), "it took the smallest one's place");
        assertEquals(200, lent.take(101).length, "the 100-byte array went, the 200-byte one stayed");
    }

    @Test
    void atMostMaxBytesAreKept() {
        LentArrays lent = new LentArrays();
        int big = (int) (LentArrays.MAX_BYTES / 2);
        lent.give(new byte[big]);
        lent.give(new byte[big]);
        lent.give(new byte[big]);
        assertEquals(2, lent.count());
        assertEquals(LentArrays.MAX_BYTES, lent.bytes());
        byte[] larger = new byte[big + 1];
        lent.give(larger);
        assertEquals(1, lent.count(), "a larger one takes the place of as many smaller ones as it needs");
        assertEquals(big + 1, lent.bytes());
        lent.give(new byte[(int) LentArrays.MAX_BYTES + 1]);
        assertSame(larger, lent.take(1), "one beyond the bound is never kept");
    }

    @Test
    void anArrayLentToACallbackComesBackWhenItReturnsUnlessASendClaimedIt() {
        LentArrays lent = new LentArrays();
        byte[] a = new byte[100];
        lent.lend(a);
        assertTrue(lent.lentNow(a));
        assertFalse(lent.lentNow(new byte[100]), "only the array lent now");
        lent.callbackReturned(a);
        assertFalse(lent.lentNow(a));
        assertEquals(1, lent.count(), "kept for the next message");

        byte[] b = lent.take(1);
        lent.lend(b);
        lent.claim(b);
        assertFalse(lent.lentNow(b), "claimed once: a second send of it copies");
        lent.callbackReturned(b);
        assertEquals(0, lent.count(), "the send gives it back once written, not the callback's return");
        lent.give(b);
        assertEquals(1, lent.count());
    }
}
