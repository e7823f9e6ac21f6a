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
 * The example endpoints through {@code WebSocketServlet} in embedded Jetty 12.1 (ee10), where the servlet switches
 * protocols through the module {@code net.websocket.servlet.jetty} (found by {@code ServiceLoader} on this class
 * path), so that a request without {@code Content-Length} is carried as well; and hybi-00 answered as the draft's own
 * server does: nothing before key3, then the draft's status line, fields and answer, key3 read whole even when it
 * begins with CR LF.
 */
class JettyWebSocketTest extends ContainerWebSocketTest {

    JettyWebSocketTest() {
        super(ContainerServer.Kind.JETTY);
    }

    /** Nothing goes out before key3 has come; then the draft's whole response, its status line as the draft's. */
    @Test
    void answersHybi00OnlyOnceKey3HasComeWithTheDraftsStatusLine() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(hybi00Head());
            out.flush();
            s.setSoTimeout(HYBI00_QUIET_MILLIS);
            assertThrows(SocketTimeoutException.class, in::read, "nothing before key3");
            s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(20));
            byte[] key3 = "^n:ds[4U".getBytes(StandardCharsets.US_ASCII);
            out.write(key3);
            out.flush();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 101 WebSocket Protocol Handshake\r\n"), head);
            assertTrue(head.contains("\r\nUpgrade: WebSocket\r\n"), head);
            assertTrue(head.contains("\r\nConnection: Upgrade\r\n"), head);
            assertEquals("8jKS'y:G*Co,Wxa-", new String(in.readNBytes(16), StandardCharsets.ISO_8859_1));
            assertArrayEquals(hybi00Answer(key3), "8jKS'y:G*Co,Wxa-".getBytes(StandardCharsets.ISO_8859_1));
            echoesHybi00(out, in);
        }
    }

    /** A key3 that begins with CR LF, in the same write as the head: key bytes, which Jetty's parser would drop. */
    @Test
    void readsAKey3BeginningWithCrLf() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port())) {
            s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(20));
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            byte[] key3 = "\r\n\r\nabcd".getBytes(StandardCharsets.US_ASCII);
            byte[] head = hybi00Head();
            byte[] all = new byte[head.length + key3.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(key3, 0, all, head.length, key3.length);
            out.write(all);
            out.flush();
            String response = readHead(in);
            assertTrue(response.startsWith("HTTP/1.1 101 WebSocket Protocol Handshake\r\n"), response);
            assertArrayEquals(hybi00Answer(key3), in.readNBytes(16));
            echoesHybi00(out, in);
        }
    }
}
