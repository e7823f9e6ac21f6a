package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.websocket.api.CloseStatus;
import net.websocket.api.Connection;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.Listener;

/**
 * The connection core runs over any {@link Transport}: here a real server {@link WsConnection} with the RFC 6455
 * variant's engine and an echoing listener, over a transport in memory. No socket is involved; the test waits on
 * what the transport sees.
 */
class TransportSeamTest {

    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    private IoLoop loop;
    private HandlerThreads handlers;
    private MemoryTransport transport;
    private WsConnection connection;
    private byte[] response;
    private final CompletableFuture<WsConnection> ended = new CompletableFuture<>();
    private final CompletableFuture<CloseStatus> listenerClosed = new CompletableFuture<>();

    @BeforeEach
    void open() throws Exception {
        loop = new IoLoop("seam-test", true, 0);
        loop.start();
        handlers = new HandlerThreads();
        transport = new MemoryTransport(loop);

        AcceptedHandshake accepted = AcceptedHandshake.rfc6455("/echo");
        response = accepted.response();

        Listener echo = new Listener.NonBlocking() {
            @Override
            public void onText(Connection c, String text) throws IOException {
                c.sendText(text);
            }

            @Override
            public void onClose(Connection c, CloseStatus status) {
                listenerClosed.complete(status);
            }
        };
        connection = new WsConnection(accepted.info(), transport, loop, accepted.engine(), ConnectionSettings.defaults(),
                handlers, ended::complete, echo);
        CompletableFuture.runAsync(() -> {
            try {
                connection.start(ByteBuffer.wrap(response), null, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, loop).get(10, TimeUnit.SECONDS);
        transport.await("the 101 response written", () -> transport.written().length == response.length);
        assertArrayEquals(response, transport.written());
    }

    @AfterEach
    void shutdown() throws InterruptedException {
        if (connection != null) {
            connection.abort(); // a task for the loop, which runs its tasks as it stops
        }
        loop.shutdown();
        loop.join(10, TimeUnit.SECONDS);
        handlers.shutdown(TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void whatANonBlockingListenerSendsInOnOpenGoesOutWithThe101InOneWrite() throws Exception {
        MemoryTransport plain = new MemoryTransport(loop);
        plain.allowCallerWrites(); // as over plain TCP, where a send on the loop writes at once
        AcceptedHandshake accepted = AcceptedHandshake.rfc6455("/greet");
        byte[] head = accepted.response();
        Listener greeter = new Listener.NonBlocking() {
            @Override
            public void onOpen(Connection c) throws IOException {
                c.sendText("hello");
            }
        };
        WsConnection greeting = new WsConnection(accepted.info(), plain, loop, accepted.engine(),
                ConnectionSettings.defaults(), handlers, c -> { }, greeter);
        CompletableFuture.runAsync(() -> {
            try {
                greeting.start(ByteBuffer.wrap(head), null, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, loop).get(10, TimeUnit.SECONDS);
        byte[] hello = {(byte) 0x81, 5, 'h', 'e', 'l', 'l', 'o'};
        plain.await("the 101 and the greeting written", () -> plain.written().length == head.length + hello.length);
        byte[] expected = new byte[head.length + hello.length];
        System.arraycopy(head, 0, expected, 0, head.length);
        System.arraycopy(hello, 0, expected, head.length, hello.length);
        assertArrayEquals(expected, plain.written());
        assertEquals(1, plain.writes(), "writes");
        greeting.abort();
    }

    @Test
    void maskedTextFrameInGivesTheEchoFrameOut() throws Exception {
        transport.feed(clientFrame(0x1, "hello".getBytes(StandardCharsets.UTF_8)));

        byte[] echo = serverFrame(0x1, "hello".getBytes(StandardCharsets.UTF_8));
        transport.await("the echo written", () -> transport.written().length == response.length + echo.length);
        assertArrayEquals(echo, afterResponse());
    }

    @Test
    void fullOutputHoldsTheEchoUntilItIsWritable() throws Exception {
        transport.writable(false);
        transport.feed(clientFrame(0x1, "held".getBytes(StandardCharsets.UTF_8)));

        // the core could not write its echo, so it asks to be told when the output is writable
        transport.await("write interest", transport::wantsWrite);
        assertEquals(0, afterResponse().length);
        assertTrue(connection.outboundQueued() > 0);

        transport.writable(true);
        byte[] echo = serverFrame(0x1, "held".getBytes(StandardCharsets.UTF_8));
        transport.await("the held echo written", () -> transport.written().length == response.length + echo.length);
        assertArrayEquals(echo, afterResponse());
        transport.await("write interest dropped", () -> !transport.wantsWrite());
        assertEquals(0, connection.outboundQueued());
    }

    @Test
    void closeFrameInGivesTheCloseFrameOutThenTheServerShutsItsOutputAndClosesAtTheEnd() throws Exception {
        byte[] code1000 = {0x03, (byte) 0xe8};
        transport.feed(clientFrame(0x8, code1000));

        byte[] answer = serverFrame(0x8, code1000);
        transport.await("the close answer written and the output shut down",
                () -> transport.written().length == response.length + answer.length && transport.outputShut());
        assertArrayEquals(answer, afterResponse());
        // the server closes TCP first, but drains the input until the client has closed too (or a linger ends)
        assertFalse(transport.closed());

        transport.feedEnd();
        assertEquals(connection, ended.get(10, TimeUnit.SECONDS));
        assertTrue(transport.closed());
        CloseStatus status = listenerClosed.get(10, TimeUnit.SECONDS);
        assertEquals(1000, status.code());
        assertEquals(status, connection.closeStatus().orElseThrow());
    }

    private byte[] afterResponse() {
        byte[] all = transport.written();
        return Arrays.copyOfRange(all, response.length, all.length);
    }

    /** A final frame as a client sends it: masked. */
    private static byte[] clientFrame(int opcode, byte[] payload) {
        byte[] f = new byte[2 + 4 + payload.length];
        f[0] = (byte) (0x80 | opcode);
        f[1] = (byte) (0x80 | payload.length);
        System.arraycopy(MASK, 0, f, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            f[6 + i] = (byte) (payload[i] ^ MASK[i & 3]);
        }
        return f;
    }

    /** A final frame as a server sends it: unmasked. */
    private static byte[] serverFrame(int opcode, byte[] payload) {
        byte[] f = new byte[2 + payload.length];
        f[0] = (byte) (0x80 | opcode);
        f[1] = (byte) payload.length;
        System.arraycopy(payload, 0, f, 2, payload.length);
        return f;
    }
}
