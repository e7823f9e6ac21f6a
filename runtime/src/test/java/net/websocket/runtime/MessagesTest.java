package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.Connection;
import net.websocket.api.ConnectionClosedException;
import net.websocket.api.Handler;
import net.websocket.api.Message;
import net.websocket.api.MessageType;
import net.websocket.api.PayloadType;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/** Messages of every shape through our client and server: fragments, streams, large, too large. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MessagesTest {

    static final int BIG = 16 << 20;

    static WebSocketServer server;
    static WebSocketServer bigServer;
    static WebSocketClient client;
    static WebSocketClient bigClient;

    /** Answers each message with "<type>:<length>:<sha of content>" style summary, or echoes on /echo. */
    static final Handler STREAM_ECHO = c -> {
        // reads each message as a stream and echoes it back as a stream
        for (InputStream in; (in = c.receiveStream()) != null;) {
            byte[] all = in.readAllBytes();
            c.sendStream(new ByteArrayInputStream(all), MessageType.BINARY);
        }
    };

    @BeforeAll
    static void start() throws Exception {
        server = WebSockets.serve(TestSupport.options().build(), ServiceMapper.builder()
                .route("/echo", ServiceMapper.none(TestSupport.ECHO))
                .route("/stream", ServiceMapper.none(STREAM_ECHO))
                .build());
        bigServer = WebSockets.serve(TestSupport.options().maxFrameSize(BIG).maxMessageSize(BIG).build(),
                TestSupport.ECHO);
        client = TestSupport.client();
        bigClient = WebSockets.client(ClientOptions.builder().maxFrameSize(BIG).maxMessageSize(BIG).build());
    }

    @AfterAll
    static void stop() {
        server.close();
        bigServer.close();
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void fragmentsAreReassembled() throws Exception {
        try (Connection c = client.connect(TestSupport.uri(server, "/echo"))) {
            assertTrue(c.supportsFragmentation());
            c.sendFragment(PayloadType.TEXT, ByteBuffer.wrap("Hel".getBytes(StandardCharsets.UTF_8)), false);
            // a character split between fragments
            byte[] e = "\u00e9".getBytes(StandardCharsets.UTF_8);
            c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.wrap(e, 0, 1), false);
            c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.wrap(e, 1, 1), false);
            c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.wrap("lo".getBytes(StandardCharsets.UTF_8)), true);
            assertEquals("Hel\u00e9lo", c.receiveText());
            c.sendFragment(PayloadType.BINARY, ByteBuffer.wrap(new byte[] {1, 2}), false);
            c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.allocate(0), false);
            c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.wrap(new byte[] {3}), true);
            assertArrayEquals(new byte[] {1, 2, 3}, c.receive().bytes());
        }
    }

    @Test
    void fragmentMisuseIsRefused() throws Exception {
        try (Connection c = client.connect(TestSupport.uri(server, "/echo"))) {
            assertThrows(IllegalStateException.class,
                    () -> c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.allocate(1), true));
            c.sendFragment(PayloadType.TEXT, ByteBuffer.wrap(new byte[] {'a'}), false);
            assertThrows(IllegalStateException.class, () -> c.sendText("interleaved"));
            c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.wrap(new byte[] {'b'}), true);
            assertEquals("ab", c.receiveText());
        }
    }

    @Test
    void streamsSendAndReceiveInFragments() throws Exception {
        try (Connection c = client.connect(TestSupport.uri(server, "/stream"))) {
            byte[] data = random(3 * c.streamFragmentSize() + 17, 1);
            c.sendStream(new ByteArrayInputStream(data), MessageType.BINARY);
            try (InputStream in = c.receiveStream()) {
                assertArrayEquals(data, in.readAllBytes());
            }
            try (OutputStream out = c.openBinaryStream()) {
                out.write(data, 0, 10);
                out.flush();
                out.write(data, 10, data.length - 10);
            }
            assertArrayEquals(data, c.receive().bytes());
            // exactly a multiple of the fragment size, and empty
            byte[] exact = random(2 * c.streamFragmentSize(), 2);
            c.sendStream(new ByteArrayInputStream(exact), MessageType.BINARY);
            assertArrayEquals(exact, c.receive().bytes());
            c.sendStream(new ByteArrayInputStream(new byte[0]), MessageType.BINARY);
            assertEquals(0, c.receive().length());
        }
    }

    @Test
    void textWriterAndReader() throws Exception {
        try (Connection c = client.connect(TestSupport.uri(server, "/echo"))) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 40_000; i++) {
                sb.append(i % 7 == 0 ? "\ud83d\ude00" : i % 5 == 0 ? "\u00e9" : "x");
            }
            String text = sb.toString();
            try (Writer w = c.openTextWriter()) {
                // odd chunk sizes so that surrogate pairs are split between writes
                for (int at = 0; at < text.length(); at += 333) {
                    w.write(text, at, Math.min(333, text.length() - at));
                }
            }
            try (Reader r = c.receiveReader()) {
                StringBuilder got = new StringBuilder();
                char[] buf = new char[1000];
                for (int n; (n = r.read(buf)) > 0;) {
                    got.append(buf, 0, n);
                }
                assertEquals(text, got.toString());
            }
            c.sendText("a\u00e9\ud83d\ude00");
            try (Reader r = c.receiveReader()) {
                // one char at a time, including both halves of a surrogate pair
                StringBuilder got = new StringBuilder();
                for (int ch; (ch = r.read()) >= 0;) {
                    got.append((char) ch);
                }
                assertEquals("a\u00e9\ud83d\ude00", got.toString());
            }
        }
    }

    @Test
    void largeMessages() throws Exception {
        try (Connection c = bigClient.connect(TestSupport.uri(bigServer, "/"))) {
            byte[] data = random(9 << 20, 3);
            c.sendBinary(data);
            assertArrayEquals(data, c.receive().bytes());
            String text = "0123456789abcdef".repeat(3 << 16); // 3 MiB
            c.sendText(text);
            assertEquals(text, c.receiveText());
            // async send of a large message completes once written
            c.sendBinaryAsync(ByteBuffer.wrap(data)).toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertArrayEquals(data, c.receive().bytes());
        }
    }

    @Test
    void oversizeMessageIsRefusedWith1009() throws Exception {
        Connection c = client.connect(TestSupport.uri(server, "/echo"));
        try {
            c.sendBinary(new byte[(1 << 20) + 1]);
        } catch (ConnectionClosedException e) {
            // the server may close before all is written
        }
        Message m = c.receive();
        assertEquals(null, m);
        CloseStatus st = c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, st.code());
        assertTrue(st.remote());
    }

    @Test
    void oversizeReceivedByClientIs1009() throws Exception {
        WebSocketClient small = WebSockets.client(ClientOptions.builder().maxMessageSize(1000).build());
        Connection c = small.connect(TestSupport.uri(server, "/echo"));
        c.sendBinary(new byte[1001]);
        assertEquals(null, c.receive());
        CloseStatus st = c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, st.code());
        assertEquals(false, st.remote());
    }

    @Test
    void asyncSendsCompleteInOrder() throws Exception {
        try (Connection c = client.connect(TestSupport.uri(server, "/echo"))) {
            var last = c.sendTextAsync("1").toCompletableFuture();
            for (int i = 2; i <= 100; i++) {
                last = c.sendTextAsync(Integer.toString(i)).toCompletableFuture();
            }
            last.get(10, TimeUnit.SECONDS);
            for (int i = 1; i <= 100; i++) {
                assertEquals(Integer.toString(i), c.receiveText());
            }
        }
    }

    @Test
    void sendsAfterCloseFail() throws Exception {
        Connection c = client.connect(TestSupport.uri(server, "/echo"));
        c.close();
        assertThrows(ConnectionClosedException.class, () -> c.sendText("late"));
        assertThrows(IOException.class, () -> c.openBinaryStream());
        var f = c.sendTextAsync("late").toCompletableFuture();
        assertTrue(f.isCompletedExceptionally());
        c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThrows(ConnectionClosedException.class, () -> c.sendBinary(new byte[1]));
    }

    @Test
    void receiveWithTimeout() throws Exception {
        try (Connection c = client.connect(TestSupport.uri(server, "/echo"))) {
            long t0 = System.nanoTime();
            assertThrows(java.util.concurrent.TimeoutException.class, () -> c.receive(Duration.ofMillis(200)));
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(190));
            c.sendText("after");
            assertEquals("after", c.receive(Duration.ofSeconds(5)).text());
        }
    }
}
