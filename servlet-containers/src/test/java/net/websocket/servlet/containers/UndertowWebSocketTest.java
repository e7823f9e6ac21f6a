package net.websocket.servlet.containers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The example endpoints through {@code WebSocketServlet} in embedded Undertow 2.3, built with the listener of the
 * module {@code net.websocket.servlet.undertow} (whose {@code ContainerUpgrade} the servlet finds by
 * {@code ServiceLoader} on this class path): hybi-00 decided on its keys as sent, though Undertow's parser collapses
 * their runs of spaces, and answered as the draft's own server does: nothing before key3, then the draft's status
 * line, fields and answer. RFC 6455 keeps Undertow's own upgrade.
 */
class UndertowWebSocketTest extends ContainerWebSocketTest {
    UndertowWebSocketTest() {
        super(ContainerServer.Kind.UNDERTOW);
    }

    /** A key sent twice is not known as sent: refused clearly, never answered on one of its values. */
    @Test
    void refusesHybi00WithAKeySentTwice() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port())) {
            s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(20));
            OutputStream out = s.getOutputStream();
            out.write(("GET /echo HTTP/1.1\r\nHost: 127.0.0.1:" + port() + "\r\nUpgrade: WebSocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key2: 12998 5 Y3 1  .P00\r\n"
                    + "Sec-WebSocket-Key1: 4 @1  46546xW%0l 1 5\r\nSec-WebSocket-Key1: 4 @1  46546xW%0l 1 5\r\n"
                    + "Origin: http://127.0.0.1\r\n\r\n^n:ds[4U").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.contains("collapses runs of spaces"), answer);
        }
    }

    /** The draft's example after a plain request on the same connection: the keys of the second head are found. */
    @Test
    void answersHybi00AfterAPlainRequestOnTheSameConnection() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port())) {
            s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(20));
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(("GET /hello HTTP/1.1\r\nHost: 127.0.0.1:" + port() + "\r\nSec-WebSocket-Key1: 1  2 3\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String hello = readHead(in);
            assertTrue(hello.startsWith("HTTP/1.1 200"), hello);
            assertEquals(HelloServlet.BODY, new String(in.readNBytes(HelloServlet.BODY.length()),
                    StandardCharsets.UTF_8));
            writeHybi00Example(out, "Upgrade");
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 101 WebSocket Protocol Handshake\r\n"), head);
            assertEquals("8jKS'y:G*Co,Wxa-", new String(in.readNBytes(16), StandardCharsets.ISO_8859_1));
            echoesHybi00(out, in);
        }
    }
}
