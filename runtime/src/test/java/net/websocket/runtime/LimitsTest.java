package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.Connection;
import net.websocket.api.HandshakeException;
import net.websocket.api.PayloadType;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/**
 * Each limit refuses with a clear status and disturbs nothing else: a well-behaved connection keeps exchanging
 * messages through every refusal, and the server takes new connections afterwards.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LimitsTest {

    static final int MAX_FRAME = 64 * 1024;
    static final int MAX_MESSAGE = 256 * 1024;
    static final int MAX_HEAD = 4096;
    static final int MAX_CONNECTIONS = 4;

    static WebSocketServer server;
    static WebSocketClient client;

    @BeforeAll
    static void start() throws Exception {
        server = WebSockets.serve(TestSupport.options().maxFrameSize(MAX_FRAME).maxMessageSize(MAX_MESSAGE)
                .maxRequestHeadSize(MAX_HEAD).maxConnections(MAX_CONNECTIONS).build(), TestSupport.ECHO);
        client = TestSupport.client();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void newConnectionWorks() throws Exception {
        try (Connection c = client.connect(TestSupport.uri(server, "/"))) {
            c.sendText("fresh");
            assertEquals("fresh", c.receiveText());
        }
    }

    @Test
    void frameOverTheLimitIs1009BeforeItsPayloadIsRead() throws Exception {
        Bystander b = Bystander.start(client, TestSupport.uri(server, "/"));
        try (Socket s = Raw.open(server.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(Raw.upgrade("/").getBytes(StandardCharsets.US_ASCII));
            assertTrue(Raw.readHead(in).startsWith("HTTP/1.1 101 "));
            // the header of a 1 MiB binary frame, and only a little of its payload
            byte[] frame = Raw.clientFrame(0x82, new byte[1 << 20]);
            out.write(frame, 0, 1000);
            Raw.Frame close = Raw.readFrame(in);
            assertEquals(0x88, close.b0());
            assertEquals(CloseCodes.MESSAGE_TOO_BIG, close.closeCode());
        }
        b.finish();
        newConnectionWorks();
    }

    @Test
    void messageOverTheLimitIs1009() throws Exception {
        Bystander b = Bystander.start(client, TestSupport.uri(server, "/"));
        Connection c = client.connect(TestSupport.uri(server, "/"));
        byte[] piece = new byte[MAX_FRAME];
        c.sendFragment(PayloadType.BINARY, ByteBuffer.wrap(piece), false);
        for (int i = 0; i < 4; i++) { // five frames within the frame limit: 320 KiB in all
            try {
                c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.wrap(piece), i == 3);
            } catch (java.io.IOException closedMeanwhile) {
                break;
            }
        }
        assertNull(c.receive());
        CloseStatus st = c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, st.code());
        assertTrue(st.remote());
        b.finish();
        newConnectionWorks();
    }

    @Test
    void messageUpToTheLimitIsFine() throws Exception {
        try (Connection c = client.connect(TestSupport.uri(server, "/"))) {
            byte[] piece = new byte[MAX_FRAME];
            c.sendFragment(PayloadType.BINARY, ByteBuffer.wrap(piece), false);
            for (int i = 0; i < 3; i++) {
                c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.wrap(piece), i == 2);
            }
            assertEquals(MAX_MESSAGE, c.receive().bytes().length);
        }
    }

    @Test
    void clientLimitsApplyToTheServersMessages() throws Exception {
        WebSocketClient small = WebSockets.client(ClientOptions.builder().maxMessageSize(1000).build());
        Connection c = small.connect(TestSupport.uri(server, "/"));
        c.sendBinary(new byte[1001]); // echoed: too big for this client
        assertNull(c.receive());
        CloseStatus st = c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, st.code());
        newConnectionWorks();
    }

    @Test
    void requestHeadOverTheLimitIs431() throws Exception {
        Bystander b = Bystander.start(client, TestSupport.uri(server, "/"));
        String r = Raw.exchange(server.port(), Raw.upgrade("/", "X-Big: " + "a".repeat(MAX_HEAD)));
        assertEquals(431, Raw.status(r));
        b.finish();
        newConnectionWorks();
    }

    @Test
    void connectionsOverTheLimitAre503() throws Exception {
        Bystander b = Bystander.start(client, TestSupport.uri(server, "/"));
        List<Connection> filling = new ArrayList<>();
        // connections of earlier tests may still be closing
        Await.until("only the bystander is left", () -> server.connectionCount() <= 1);
        for (int i = 1; i < MAX_CONNECTIONS; i++) {
            filling.add(client.connect(TestSupport.uri(server, "/")));
        }
        for (int i = 0; i < 3; i++) {
            HandshakeException e = assertThrows(HandshakeException.class,
                    () -> client.connect(TestSupport.uri(server, "/")));
            assertEquals(503, e.status());
            assertEquals("2", e.responseHeaders().first("Retry-After").orElse(null), "a slot may free soon");
        }
        for (Connection c : filling) {
            c.sendText("still here");
            assertEquals("still here", c.receiveText());
            c.close();
            c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        b.finish();
        Await.until("every connection is released", () -> server.connectionCount() == 0);
        newConnectionWorks();
    }
}
