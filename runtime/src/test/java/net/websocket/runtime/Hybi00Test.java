package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.Handler;
import net.websocket.api.MessageType;
import net.websocket.api.PayloadType;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/** The same server speaks hybi-00 to clients that ask for it; what hybi-00 cannot do is refused clearly. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Hybi00Test {

    static WebSocketServer server;
    static final ConnectRequest HYBI = ConnectRequest.builder().variant(ConnectRequest.HYBI00).build();

    @BeforeAll
    static void start() throws Exception {
        Handler describe = c -> {
            c.sendText(c.variant() + " " + c.supportsFragmentation() + " "
                    + c.supportsPayloadType(MessageType.BINARY) + " " + c.signalsStatusOnClose());
            TestSupport.ECHO.handle(c);
        };
        server = WebSockets.serve(TestSupport.options().build(), ServiceMapper.single(describe));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void bothVariantsOnOneServer() throws Exception {
        try (Connection c = TestSupport.client().connect(TestSupport.uri(server, "/"), HYBI)) {
            assertEquals("hybi00", c.variant());
            assertEquals("hybi00 false false false", c.receiveText());
            c.sendText("hello \u00e9");
            assertEquals("hello \u00e9", c.receiveText());
        }
        try (Connection c = TestSupport.client().connect(TestSupport.uri(server, "/"))) {
            assertEquals("rfc6455", c.variant());
            assertEquals("rfc6455 true true true", c.receiveText());
        }
    }

    @Test
    void unsupportedOperationsAreRefusedClearly() throws Exception {
        try (Connection c = TestSupport.client().connect(TestSupport.uri(server, "/"), HYBI)) {
            c.receiveText();
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> c.sendFragment(PayloadType.TEXT, ByteBuffer.allocate(1), false));
            assertTrue(e.getMessage().contains("hybi00"), e.getMessage());
            assertThrows(UnsupportedOperationException.class, c::openBinaryStream);
            assertThrows(UnsupportedOperationException.class, () -> c.sendBinary(new byte[1]));
            assertThrows(UnsupportedOperationException.class, () -> c.ping(ByteBuffer.allocate(1)));
            assertFalse(c.isClosed());
        }
    }

    @Test
    void streamsAreSentWhole() throws Exception {
        try (Connection c = TestSupport.client().connect(TestSupport.uri(server, "/"), HYBI)) {
            c.receiveText();
            String text = "abc".repeat(50_000);
            c.sendStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), MessageType.TEXT);
            assertEquals(text, c.receiveText());
            try (Writer w = c.openTextWriter()) {
                w.write("part one, ");
                w.flush();
                w.write("part two");
            }
            assertEquals("part one, part two", c.receiveText());
            c.sendText("streamed");
            try (InputStream in = c.receiveStream()) {
                assertEquals("streamed", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void closeWithoutStatus() throws Exception {
        Connection c = TestSupport.client().connect(TestSupport.uri(server, "/"), HYBI);
        c.receiveText();
        c.close(4000, "not carried by hybi-00");
        assertNull(c.receive());
        CloseStatus st = c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(1005, st.code(), st.toString());
    }

    @Test
    void rawHybi00Handshake() throws Exception {
        // the example handshake of draft-hixie-thewebsocketprotocol-76 section 1.3
        String request = "GET /demo HTTP/1.1\r\nHost: example.com\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key2: 12998 5 Y3 1  .P00\r\nSec-WebSocket-Protocol: sample\r\n"
                + "Upgrade: WebSocket\r\nSec-WebSocket-Key1: 4 @1  46546xW%0l 1 5\r\nOrigin: http://example.com\r\n\r\n";
        byte[] head = request.getBytes(StandardCharsets.US_ASCII);
        byte[] key3 = "^n:ds[4U".getBytes(StandardCharsets.US_ASCII);
        try (Socket s = Raw.open(server.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            // head and key3 in separate writes: the server must wait for the body
            out.write(head);
            out.flush();
            s.setSoTimeout(100);
            assertThrows(SocketTimeoutException.class, in::read, "no answer before the body");
            s.setSoTimeout(10_000);
            out.write(key3);
            String response = Raw.readHead(in);
            // the route is ServiceMapper.single: the offered subprotocol is accepted without being chosen
            assertTrue(response.startsWith("HTTP/1.1 101 "), response);
            byte[] challenge = in.readNBytes(16);
            assertEquals("8jKS'y:G*Co,Wxa-", new String(challenge, StandardCharsets.US_ASCII));
            byte[] frame = in.readNBytes(1);
            assertEquals(0, frame[0], "a text frame starts with 0x00");
        }
    }
}
