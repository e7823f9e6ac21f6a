package net.websocket.itest.interop;

import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.Message;
import net.websocket.api.PayloadType;
import net.websocket.api.WebSocketClient;
import net.websocket.itest.support.EchoServers;
import net.websocket.itest.support.InteropCommands;
import net.websocket.itest.support.InteropMatrix.Cells;
import net.websocket.itest.support.InteropMatrix;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ClientOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What our client must do against any independent server that speaks {@link InteropCommands} on {@code /echo} and
 * chooses among the subprotocols {@code v2.chat} and {@code v1.chat} on {@code /proto}. Subclasses start the peer
 * and name their {@link InteropMatrix.Row}; each test records its cells of the interop matrix.
 */
@ExtendWith(InteropMatrix.Recorder.class)
abstract class OurClientContract {

    /** Large enough to span many reads and writes on both sides, well under the 16 MiB limits. */
    static final int LARGE = 6 * 1024 * 1024;

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Our client, accepting messages as large as the interop servers do. */
    static final WebSocketClient CLIENT = WebSockets.client(ClientOptions.builder()
            .maxFrameSize(EchoServers.MAX_MESSAGE).maxMessageSize(EchoServers.MAX_MESSAGE).build());

    /** The peer server's URI for a path. */
    abstract URI uri(String path);

    /** Whether the peer server accepts permessage-deflate, which our client offers (it is on the class path). */
    boolean compressed() {
        return false;
    }

    static Message receive(Connection c) throws Exception {
        Message m = c.receive(WAIT);
        assertNotNull(m, "connection ended instead of a message; close status " + c.closeStatus());
        return m;
    }

    static CloseStatus closed(Connection c) throws Exception {
        return c.closed().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    @Cells({InteropMatrix.TEXT, InteropMatrix.BINARY})
    void textAndBinaryEcho() throws Exception {
        try (Connection c = CLIENT.connect(uri("/echo"))) {
            c.sendText("hello");
            assertEquals(Message.text("hello"), receive(c));
            String unicode = "Grüße, 世界 \uD83D\uDE00";
            c.sendText(unicode);
            assertEquals(Message.text(unicode), receive(c));
            c.sendText("");
            assertEquals(Message.text(""), receive(c));
            byte[] bytes = {0, 1, 2, (byte) 0xff, (byte) 0x80};
            c.sendBinary(bytes);
            Message m = receive(c);
            assertTrue(m.isBinary());
            assertArrayEquals(bytes, m.bytes());
            for (int i = 0; i < 100; i++) {
                c.sendText("m" + i);
            }
            for (int i = 0; i < 100; i++) {
                assertEquals(Message.text("m" + i), receive(c), "messages stay in order");
            }
        }
    }

    @Test
    @Cells({InteropMatrix.FRAGMENTED})
    void fragmentedFromClient() throws Exception {
        try (Connection c = CLIENT.connect(uri("/echo"))) {
            byte[] rest = "lo, wörld".getBytes(StandardCharsets.UTF_8);
            int cut = 6; // inside the two bytes of 'ö'
            c.sendFragment(PayloadType.TEXT, ByteBuffer.wrap("Hel".getBytes(StandardCharsets.UTF_8)), false);
            c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.wrap(Arrays.copyOfRange(rest, 0, cut)), false);
            c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.wrap(Arrays.copyOfRange(rest, cut, rest.length)),
                    true);
            assertEquals(Message.text("Hello, wörld"), receive(c));

            byte[] data = new byte[3 * 1024 * 1024 + 17];
            new Random(1).nextBytes(data);
            try (OutputStream out = c.openBinaryStream()) {
                for (int off = 0; off < data.length; off += 100_000) {
                    out.write(data, off, Math.min(100_000, data.length - off));
                    out.flush();
                }
            }
            Message m = receive(c);
            assertTrue(m.isBinary());
            assertArrayEquals(data, m.bytes());

            c.sendStream(new ByteArrayInputStream(data), net.websocket.api.MessageType.BINARY);
            assertArrayEquals(data, receive(c).bytes());
        }
    }

    @Test
    @Cells({InteropMatrix.FRAGMENTED})
    void fragmentedFromServer() throws Exception {
        try (Connection c = CLIENT.connect(uri("/echo"))) {
            String text = "fragments: naïve café ☕ end";
            c.sendText(InteropCommands.fragmentMe(text));
            assertEquals(Message.text(text), receive(c));
        }
    }

    @Test
    @Cells({InteropMatrix.LARGE})
    void largeMessages() throws Exception {
        byte[] data = new byte[LARGE];
        new Random(42).nextBytes(data);
        StringBuilder sb = new StringBuilder(LARGE);
        Random r = new Random(7);
        while (sb.length() < LARGE) {
            sb.append(r.nextInt(10) == 0 ? "€" : String.valueOf((char) ('a' + r.nextInt(26))));
        }
        String text = sb.toString();
        try (Connection c = CLIENT.connect(uri("/echo"))) {
            c.sendBinary(data);
            assertArrayEquals(data, receive(c).bytes());
            c.sendText(text);
            assertEquals(text, receive(c).text());
        }
    }

    @Test
    @Cells({InteropMatrix.PING_PONG})
    void pingPongBothWays() throws Exception {
        try (Connection c = CLIENT.connect(uri("/echo"))) {
            Duration rtt = c.ping(ByteBuffer.wrap("are you there?".getBytes(StandardCharsets.UTF_8)))
                    .toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(rtt);
            c.sendText(InteropCommands.pingMe("srv-1"));
            assertEquals(Message.text("pong:srv-1"), receive(c), "the server got our pong");
        }
    }

    @Test
    @Cells({InteropMatrix.CLOSE_CODES})
    void clientClosesWithCodeAndReason() throws Exception {
        Connection c = CLIENT.connect(uri("/echo"));
        c.sendText("before close");
        assertEquals(Message.text("before close"), receive(c));
        c.close(4000, "client bye");
        CloseStatus status = closed(c);
        assertEquals(4000, status.code(), "the peer answers with our code: " + status);
        assertNull(c.receive(WAIT), "end of stream after close");
    }

    @Test
    @Cells({InteropMatrix.CLOSE_CODES})
    void serverClosesWithCodeAndReason() throws Exception {
        Connection c = CLIENT.connect(uri("/echo"));
        c.sendText(InteropCommands.close(4002, "server bye ✓"));
        assertNull(c.receive(WAIT), "end of stream once the server closed");
        CloseStatus status = closed(c);
        assertEquals(4002, status.code(), status.toString());
        assertEquals("server bye ✓", status.reason());
        assertTrue(status.remote(), "closed by the peer");
    }

    @Test
    void extensionsAsExpected() throws Exception {
        try (Connection c = CLIENT.connect(uri("/echo"))) {
            String agreed = c.responseHeaders().get("Sec-WebSocket-Extensions");
            if (compressed()) {
                assertTrue(agreed != null && agreed.startsWith("permessage-deflate"), "agreed: " + agreed);
            } else {
                assertNull(agreed, "our offer of permessage-deflate is declined by a server without it");
            }
        }
    }

    @Test
    @Cells({InteropMatrix.SUBPROTOCOL})
    void subprotocolNegotiation() throws Exception {
        try (Connection c = CLIENT.connect(uri("/proto"), ConnectRequest.builder().subprotocols("v1.chat").build())) {
            assertEquals(Optional.of("v1.chat"), c.subprotocol());
            c.sendText("x");
            assertEquals(Message.text("x"), receive(c));
        }
        try (Connection c = CLIENT.connect(uri("/proto"),
                ConnectRequest.builder().subprotocols("x.chat", "v2.chat").build())) {
            assertEquals(Optional.of("v2.chat"), c.subprotocol());
        }
        try (Connection c = CLIENT.connect(uri("/proto"))) {
            assertEquals(Optional.empty(), c.subprotocol());
            c.sendText("y");
            assertEquals(Message.text("y"), receive(c));
        }
    }
}
