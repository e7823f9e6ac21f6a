package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.Connection;
import net.websocket.api.Message;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketServer;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EchoTest {

    static WebSocketServer server;
    static WebSocketClient client;

    @BeforeAll
    static void start() throws Exception {
        server = TestSupport.serve(TestSupport.ECHO);
        client = TestSupport.client();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void text() throws Exception {
        try (Connection c = client.connect(TestSupport.uri(server, "/echo"))) {
            c.sendText("hello");
            assertEquals("hello", c.receiveText());
            c.sendText("h\u00e9llo \ud83d\ude00");
            assertEquals("h\u00e9llo \ud83d\ude00", c.receiveText());
            assertEquals("rfc6455", c.variant());
            assertEquals("/echo", c.path());
        }
    }

    @Test
    void binaryAndEmpty() throws Exception {
        try (Connection c = client.connect(TestSupport.uri(server, "/"))) {
            byte[] data = new byte[1000];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) i;
            }
            c.sendBinary(data);
            Message m = c.receive();
            assertTrue(m.isBinary());
            assertArrayEquals(data, m.bytes());
            c.sendBinary(new byte[0]);
            m = c.receive();
            assertTrue(m.isBinary());
            assertEquals(0, m.length());
            c.sendText("");
            m = c.receive();
            assertTrue(m.isText());
            assertEquals("", m.text());
            c.sendBinary(ByteBuffer.wrap(data, 10, 20));
            assertEquals(20, c.receive().length());
        }
    }

    @Test
    void clientCloseIsAnswered() throws Exception {
        Connection c = client.connect(TestSupport.uri(server, "/"));
        c.close(CloseCodes.NORMAL, "bye");
        assertNull(c.receive());
        CloseStatus st = c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(CloseCodes.NORMAL, st.code());
        assertTrue(st.remote());
    }
}
