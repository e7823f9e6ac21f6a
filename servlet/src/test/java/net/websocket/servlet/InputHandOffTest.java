package net.websocket.servlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The input hand-off between the container's read callback and the core: bounded, in order, waiting while full until
 * the core takes, and never waiting while the core waits for the container's write callback.
 */
@Timeout(20)
class InputHandOffTest {

    private static void put(InputHandOff h, byte... bytes) throws InterruptedException {
        assertTrue(h.awaitRoom());
        byte[] chunk = h.fill();
        System.arraycopy(bytes, 0, chunk, 0, bytes.length);
        h.filled(bytes.length);
    }

    private static byte[] take(InputHandOff h, int max) {
        ByteBuffer dst = ByteBuffer.allocate(max);
        int n = h.take(dst);
        byte[] b = new byte[Math.max(n, 0)];
        dst.flip();
        dst.get(b);
        return b;
    }

    @Test
    void handsBytesOverInOrderAcrossChunksAndPartialTakes() throws Exception {
        InputHandOff h = new InputHandOff(2, 4);
        assertEquals(0, h.take(ByteBuffer.allocate(8)), "nothing there yet");
        put(h, (byte) 1, (byte) 2, (byte) 3);
        put(h, (byte) 4, (byte) 5);
        assertArrayEquals(new byte[] {1, 2}, take(h, 2));
        assertArrayEquals(new byte[] {3, 4, 5}, take(h, 8));
        put(h, (byte) 6);
        h.end();
        assertArrayEquals(new byte[] {6}, take(h, 8), "what was filled before the end is still taken");
        assertEquals(-1, h.take(ByteBuffer.allocate(8)));
        assertFalse(h.awaitRoom(), "no more filling after the end");
    }

    @Test
    void theContainerThreadWaitsWhileFullUntilTheCoreTakes() throws Exception {
        InputHandOff h = new InputHandOff(1, 4);
        put(h, (byte) 7);
        CompletableFuture<Boolean> room = CompletableFuture.supplyAsync(() -> {
            try {
                return h.awaitRoom();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertFalse(room.isDone(), "full: the filler waits");
        assertArrayEquals(new byte[] {7}, take(h, 4));
        assertTrue(room.get(10, TimeUnit.SECONDS), "room once the core took the chunk");
    }

    @Test
    void aFullHandOffReturnsWhileTheCoreWaitsForOutput() throws Exception {
        InputHandOff h = new InputHandOff(1, 4);
        put(h, (byte) 7);
        CompletableFuture<Boolean> room = CompletableFuture.supplyAsync(() -> {
            try {
                return h.awaitRoom();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        h.outputBlocked(h.writeCallbacks());
        assertFalse(room.get(10, TimeUnit.SECONDS), "the read callback returns so that the write callback can run");
        h.writeCallback();
        CompletableFuture<Boolean> again = CompletableFuture.supplyAsync(() -> {
            try {
                return h.awaitRoom();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertFalse(again.isDone(), "after the write callback it waits for the core again");
        take(h, 4);
        assertTrue(again.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aWriteCallbackBetweenTheCheckAndTheMarkLeavesNoStaleWait() throws Exception {
        InputHandOff h = new InputHandOff(1, 4);
        put(h, (byte) 7);
        long seen = h.writeCallbacks();
        h.writeCallback(); // the container called back before the core noted that it waits
        h.outputBlocked(seen);
        CompletableFuture<Boolean> room = CompletableFuture.supplyAsync(() -> {
            try {
                return h.awaitRoom();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertFalse(room.isDone(), "the output is not blocked: the filler waits for the core");
        h.discard();
        assertFalse(room.get(10, TimeUnit.SECONDS), "the end wakes it");
        assertEquals(-1, h.take(ByteBuffer.allocate(4)), "discarded: nothing left to take");
    }
}
