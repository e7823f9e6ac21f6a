package net.websocket.servlet.containers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The example endpoints through {@code WebSocketServlet} in embedded Undertow. */
class UndertowWebSocketTest extends ContainerWebSocketTest {
    UndertowWebSocketTest() {
        super(ContainerServer.Kind.UNDERTOW);
    }

    /** A limit of the container: see the message. */
    @Override
    String hybi00Defect() {
        return "Undertow 2.3 collapses a run of spaces inside a header value to one space, so a hybi-00 key with two"
                + " spaces side by side (our client, like the draft's own example, places them at random) reaches the"
                + " servlet with fewer spaces: WebSocketServlet refuses hybi-00 there (refusesHybi00Clearly)";
    }

    /**
     * The draft's own example handshake (key1 holds two spaces side by side), its 8 key bytes after the head: a 400
     * that says why and closes, never a 101 with a challenge computed from keys that lost spaces.
     */
    @Test
    void refusesHybi00Clearly() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port())) {
            s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(20));
            OutputStream out = s.getOutputStream();
            writeHybi00Example(out, "Upgrade");
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.contains("collapses runs of spaces"), answer);
        }
    }
}
