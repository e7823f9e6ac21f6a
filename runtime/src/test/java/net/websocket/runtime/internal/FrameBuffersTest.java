package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/** The pool of direct buffers for large outgoing frames. */
class FrameBuffersTest {

    @Test
    void onlyLargeFramesGetADirectBuffer() {
        assertNull(FrameBuffers.take(100));
        assertNull(FrameBuffers.take(FrameBuffers.MIN_FRAME));
        assertNull(FrameBuffers.take(FrameBuffers.MAX_FRAME + 1));
        ByteBuffer b = FrameBuffers.take(100_000);
        assertTrue(b.isDirect());
        assertEquals(0, b.position());
        assertEquals(100_000, b.limit());
        assertTrue(b.capacity() >= 100_000);
    }

    @Test
    void aWrittenFrameBufferIsUsedAgainForAFrameOfAboutItsSize() {
        ByteBuffer b = FrameBuffers.take(300_000);
        b.position(b.limit());
        FrameBuffers.release(b);
        ByteBuffer again = FrameBuffers.take(290_000);
        assertSame(b, again);
        assertEquals(0, again.position());
        assertEquals(290_000, again.limit());
        FrameBuffers.release(again);
        // far larger than needed: not handed out for a small frame
        ByteBuffer small = FrameBuffers.take(100_000);
        assertNotSame(b, small);
        assertSame(b, FrameBuffers.take(300_000));
    }

    @Test
    void buffersFromElsewhereAreNotTaken() {
        ByteBuffer heap = ByteBuffer.allocate(256 * 1024);
        FrameBuffers.release(heap);
        ByteBuffer odd = ByteBuffer.allocateDirect(256 * 1024 + 1);
        FrameBuffers.release(odd);
        ByteBuffer b = FrameBuffers.take(200_000);
        assertNotSame(heap, b);
        assertNotSame(odd, b);
    }
}
