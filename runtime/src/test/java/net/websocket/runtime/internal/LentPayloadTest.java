package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.websocket.api.Connection;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.Listener;

/**
 * A borrowing listener's echo of a large message is written from the array the message was assembled in, behind its
 * header: byte for byte the frame, however few bytes each write takes, and the array goes back to the loop only once
 * the echo has been written. Over a transport in memory whose writes take a few bytes at a time.
 */
class LentPayloadTest {

    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};
    /** More than one read, so the message is assembled in a lent array; more than a heap write slice. */
    private static final int SIZE = FrameQueue.HEAP_SLICE + 70_001;
    /** The frame and message size limits: above the default, which one slice may reach. */
    private static final long LIMIT = 4L << 20;

    private IoLoop loop;
    private HandlerThreads handlers;
    private MemoryTransport transport;
    private WsConnection connection;
    private int responseLength;
    private final List<byte[]> lentArrays = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> callbacks = new CopyOnWriteArrayList<>();
    /** How many times the listener sends each message back. */
    private volatile int echoes = 1;

    @BeforeEach
    void open() throws Exception {
        loop = new IoLoop("lent-test", true, 0);
        loop.start();
        handlers = new HandlerThreads();
        transport = new MemoryTransport(loop);
        AcceptedHandshake accepted = AcceptedHandshake.rfc6455("/echo", LIMIT, LIMIT);
        byte[] response = accepted.response();
        responseLength = response.length;
        Listener echo = new Listener.BorrowsBuffers() {
            @Override
            public void onBinary(Connection c, ByteBuffer data) throws IOException {
                lentArrays.add(data.array());
                for (int i = 0; i < echoes; i++) {
                    c.sendBinary(data);
                }
                callbacks.get(lentArrays.size() - 1).complete(null);
            }
        };
        connection = new WsConnection(accepted.info(), transport, loop, accepted.engine(),
                ConnectionSettings.defaults().toBuilder().maxFrameSize(LIMIT).maxMessageSize(LIMIT).build(), handlers,
                c -> { }, echo);
        onLoop(() -> {
            try {
                connection.start(ByteBuffer.wrap(response), null, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
        transport.await("the 101 response written", () -> transport.written().length == responseLength);
    }

    @AfterEach
    void shutdown() throws InterruptedException {
        if (connection != null) {
            connection.abort();
        }
        loop.shutdown();
        loop.join(10, TimeUnit.SECONDS);
        handlers.shutdown(TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void theEchoIsWrittenFromTheLentArrayByteForByteAndTheArrayComesBackOnlyOnceWritten() throws Exception {
        byte[] first = pattern(SIZE, 31);
        byte[] second = pattern(SIZE - 1000, 17);
        transport.writable(false);
        transport.chunk(997); // an odd size: pieces of the header, of a slice, across the header and the payload
        CompletableFuture<Void> firstHandled = expectCallback();
        transport.feed(clientFrame(first));
        firstHandled.get(10, TimeUnit.SECONDS);
        byte[] array = lentArrays.get(0);
        assertEquals(0, onLoop(() -> loop.lentArrays().count()), "the array is the queue's until written");

        transport.writable(true);
        byte[] echo = serverFrame(first);
        awaitWritten(echo.length);
        assertArrayEquals(echo, afterResponse());
        assertTrue(transport.writes() > SIZE / 997, "written a few bytes at a time: " + transport.writes());
        onLoop(() -> null); // the write that ended the frame gave the array back before the loop ran this
        assertEquals(1, onLoop(() -> loop.lentArrays().count()), "the array came back once written");

        // the next message is assembled in the same array, and its echo comes out whole behind the first
        CompletableFuture<Void> secondHandled = expectCallback();
        transport.feed(clientFrame(second));
        secondHandled.get(10, TimeUnit.SECONDS);
        assertSame(array, lentArrays.get(1));
        byte[] both = concat(echo, serverFrame(second));
        awaitWritten(both.length);
        assertArrayEquals(both, afterResponse());
    }

    @Test
    void aSecondSendOfTheSameBufferIsACopyAndBothFramesComeOutWhole() throws Exception {
        echoes = 2;
        transport.chunk(4093);
        byte[] message = pattern(SIZE, 5);
        CompletableFuture<Void> handled = expectCallback();
        transport.feed(clientFrame(message));
        handled.get(10, TimeUnit.SECONDS);
        byte[] echo = serverFrame(message);
        byte[] both = concat(echo, echo);
        awaitWritten(both.length);
        assertArrayEquals(both, afterResponse());
        onLoop(() -> null);
        assertEquals(1, onLoop(() -> loop.lentArrays().count()));

        // a message that arrives while the array is not back yet gets another one
        echoes = 1;
        transport.writable(false);
        CompletableFuture<Void> second = expectCallback();
        transport.feed(clientFrame(message));
        second.get(10, TimeUnit.SECONDS);
        CompletableFuture<Void> third = expectCallback();
        transport.feed(clientFrame(message));
        third.get(10, TimeUnit.SECONDS);
        assertNotSame(lentArrays.get(1), lentArrays.get(2), "the first is still being written");
        transport.writable(true);
        awaitWritten(4 * echo.length);
        assertArrayEquals(concat(both, echo, echo), afterResponse());
        onLoop(() -> null);
        assertEquals(2, onLoop(() -> loop.lentArrays().count()), "both came back");
    }

    private CompletableFuture<Void> expectCallback() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        callbacks.add(f);
        return f;
    }

    private void awaitWritten(int frames) throws InterruptedException {
        transport.await(frames + " bytes of echo written", () -> transport.written().length >= responseLength + frames);
    }

    private <T> T onLoop(Supplier<T> task) throws Exception {
        return CompletableFuture.supplyAsync(task, loop).get(10, TimeUnit.SECONDS);
    }

    private byte[] afterResponse() {
        byte[] all = transport.written();
        return Arrays.copyOfRange(all, responseLength, all.length);
    }

    private static byte[] pattern(int size, int step) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * step);
        }
        return data;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A final masked binary frame with a 64-bit length, as a client sends it. */
    private static byte[] clientFrame(byte[] payload) {
        byte[] f = header(0x80, payload.length, 4 + payload.length);
        int at = f.length - 4 - payload.length;
        System.arraycopy(MASK, 0, f, at, 4);
        for (int i = 0; i < payload.length; i++) {
            f[at + 4 + i] = (byte) (payload[i] ^ MASK[i & 3]);
        }
        return f;
    }

    /** A final binary frame with a 64-bit length, as a server sends it: unmasked. */
    private static byte[] serverFrame(byte[] payload) {
        byte[] f = header(0, payload.length, payload.length);
        System.arraycopy(payload, 0, f, 10, payload.length);
        return f;
    }

    private static byte[] header(int maskBit, int length, int rest) {
        byte[] f = new byte[10 + rest];
        f[0] = (byte) 0x82;
        f[1] = (byte) (maskBit | 127);
        for (int i = 0; i < 8; i++) {
            f[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
        }
        return f;
    }
}
