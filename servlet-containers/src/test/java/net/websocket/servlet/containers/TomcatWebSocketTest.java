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

    /** Nothing goes out before key3 has come; then the draft's whole response, its status line as the draft's. */
    @Test
    void answersHybi00OnlyOnceKey3HasComeWithTheDraftsStatusLine() throws Exception {
        assertHybi00AnsweredOnlyOnceKey3HasCome();
    }

    /** A key3 that begins with CR LF, in the same write as the head: key bytes, not the end of the request. */
    @Test
    void readsAKey3BeginningWithCrLf() throws Exception {
        assertKey3BeginningWithCrLfReadWhole();
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
}
