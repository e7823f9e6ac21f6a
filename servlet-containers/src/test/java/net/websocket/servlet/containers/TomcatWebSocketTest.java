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

import net.websocket.examples.ExampleServer;
import net.websocket.servlet.WebSocketServlet;

/**
 * The example endpoints through {@code WebSocketServlet} in embedded Tomcat 11, with the valve of the module
 * {@code net.websocket.servlet.tomcat} in its engine (the launcher puts it there): hybi-00 answered as the draft's own
 * server does, nothing of Tomcat's response sent, key3 read through Tomcat's own upgrade; RFC 6455 through Tomcat's
 * 101 as ever.
 */
class TomcatWebSocketTest extends ContainerWebSocketTest {
    TomcatWebSocketTest() {
        super(ContainerServer.Kind.TOMCAT);
    }

    /**
     * A hybi-00 handshake whose {@code Connection} names {@code keep-alive} too (as Firefox 4 sent it): the 101 says
     * {@code Connection: Upgrade} and nothing else, which a hixie-76 client compares exactly.
     */
    @Test
    void answersHybi00KeepAliveWithConnectionUpgradeOnly() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port())) {
            s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(20));
            OutputStream out = s.getOutputStream();
            writeHybi00Example(out, "keep-alive, Upgrade");
            InputStream in = s.getInputStream();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            List<String> connection = new ArrayList<>();
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                    connection.add(line.substring("connection:".length()).trim());
                }
            }
            assertEquals(List.of("Upgrade"), connection, head);
            // the draft's example challenge for these keys
            assertEquals("8jKS'y:G*Co,Wxa-", new String(in.readNBytes(16), StandardCharsets.ISO_8859_1));
        }
    }

    /**
     * Without the valve, hybi-00 is still served as before: Tomcat's own 101 (no reason phrase) goes out when the
     * servlet returns, and the connection answers once key3 has come.
     */
    @Test
    void servesHybi00ThroughTomcats101WithoutTheValve() throws Exception {
        WebSocketServlet ws = new WebSocketServlet(ExampleServer.options("127.0.0.1", 0), ExampleServer.mapper());
        try (ContainerServer plain = Containers.tomcat("127.0.0.1", 0, ws, new HelloServlet(), false);
                Socket s = new Socket("127.0.0.1", plain.port())) {
            s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(20));
            OutputStream out = s.getOutputStream();
            out.write(("GET /echo HTTP/1.1\r\nHost: 127.0.0.1:" + plain.port() + "\r\nUpgrade: WebSocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key2: 12998 5 Y3 1  .P00\r\n"
                    + "Sec-WebSocket-Key1: 4 @1  46546xW%0l 1 5\r\nOrigin: http://127.0.0.1\r\n\r\n^n:ds[4U")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 101 ") && !head.startsWith("HTTP/1.1 101 WebSocket"), head);
            assertEquals("8jKS'y:G*Co,Wxa-", new String(in.readNBytes(16), StandardCharsets.ISO_8859_1));
        }
    }
}
