package net.websocket.jakarta.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link PartPipe}: bounded, in order, ended or failed, and never stalling a writer once its reader is gone. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PartPipeTest {

    @Test
    void bytesComeOutInOrderAndTheEndIsSeen() throws Exception {
        PartPipe pipe = new PartPipe(100);
        pipe.put(new byte[] {1, 2}, false);
        pipe.put(new byte[0], false);
        pipe.put(new byte[] {3}, true);
        InputStream in = pipe.inputStream();
        assertArrayEquals(new byte[] {1, 2, 3}, in.readAllBytes());
        assertEquals(-1, in.read());
    }

    @Test
    void charactersComeOutInOrder() throws Exception {
        PartPipe pipe = new PartPipe(100);
        pipe.put("h\u00e9", false);
        pipe.put("llo", true);
        Reader r = pipe.reader();
        char[] buf = new char[10];
        StringBuilder sb = new StringBuilder();
        for (int n; (n = r.read(buf)) >= 0;) {
            sb.append(buf, 0, n);
        }
        assertEquals("h\u00e9llo", sb.toString());
    }

    @Test
    void aFullPipeHoldsTheWriterUntilTheReaderTakesIt() throws Exception {
        PartPipe pipe = new PartPipe(10);
        pipe.put(new byte[8], false);
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            try {
                pipe.put(new byte[8], true); // 16 > 10: waits
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        InputStream in = pipe.inputStream();
        assertEquals(8, in.readNBytes(8).length);
        // the first part read and left: the second goes in
        assertEquals(8, in.readNBytes(100).length);
        second.get(10, TimeUnit.SECONDS);
        assertEquals(0, pipe.buffered());
    }

    @Test
    void aPartLargerThanTheCapacityGoesIntoAnEmptyPipe() throws Exception {
        PartPipe pipe = new PartPipe(4);
        pipe.put(new byte[100], true);
        assertEquals(100, pipe.inputStream().readAllBytes().length);
    }

    @Test
    void whenTheReaderClosedTheWriterNeverWaits() throws Exception {
        PartPipe pipe = new PartPipe(4);
        pipe.put(new byte[4], false);
        pipe.inputStream().close();
        for (int i = 0; i < 100; i++) {
            pipe.put(new byte[4], false); // dropped, never waits
        }
        pipe.put(new byte[4], true);
        assertEquals(0, pipe.buffered());
    }

    @Test
    void aMessageCutByTheConnectionFailsTheReader() throws Exception {
        PartPipe pipe = new PartPipe(100);
        pipe.put(new byte[3], false);
        pipe.fail("closed");
        InputStream in = pipe.inputStream();
        assertEquals(3, in.readNBytes(3).length);
        IOException e = assertThrows(IOException.class, in::read);
        assertEquals("closed", e.getMessage());
    }
}
