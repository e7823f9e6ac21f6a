package net.websocket.servlet.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The example endpoints through {@code WebSocketServlet} in embedded Tomcat. */
class TomcatWebSocketTest extends ContainerWebSocketTest {
    TomcatWebSocketTest() {
        super(ContainerServer.Kind.TOMCAT);
    }

    /**
     * A hybi-00 handshake whose {@code Connection} names {@code keep-alive} too (as Firefox 4 sent it): the 101 says
     * {@code Connection: Upgrade} and nothing else, which a hixie-76 client compares exactly (the connector is set
     * not to add {@code keep-alive}).
     */
    @Test
    void answersHybi00KeepAliveWithConnectionUpgradeOnly() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port())) {
            s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(20));
            OutputStream out = s.getOutputStream();
            out.write(("GET /echo HTTP/1.1\r\nHost: 127.0.0.1:" + port() + "\r\nUpgrade: WebSocket\r\n"
                    + "Connection: keep-alive, Upgrade\r\nSec-WebSocket-Key2: 12998 5 Y3 1  .P00\r\n"
                    + "Sec-WebSocket-Key1: 4 @1  46546xW%0l 1 5\r\nOrigin: http://127.0.0.1\r\n\r\n^n:ds[4U")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                assertTrue(b >= 0, "the head ended early: " + head);
                head.append((char) b);
            }
            assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
            List<String> connection = new ArrayList<>();
            for (String line : head.toString().split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                    connection.add(line.substring("connection:".length()).trim());
                }
            }
            assertEquals(List.of("Upgrade"), connection, head.toString());
            // the draft's example challenge for these keys
            assertEquals("8jKS'y:G*Co,Wxa-", new String(in.readNBytes(16), StandardCharsets.ISO_8859_1));
        }
    }
}
