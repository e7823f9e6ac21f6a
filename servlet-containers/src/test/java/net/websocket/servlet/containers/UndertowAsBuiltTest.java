package net.websocket.servlet.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import net.websocket.examples.ExampleServer;
import net.websocket.servlet.WebSocketServlet;

/**
 * {@code WebSocketServlet} in Undertow 2.3 as {@code Undertow.builder()} makes it, without the listener of
 * {@code net.websocket.servlet.undertow} (its {@code ContainerUpgrade} is on the class path all the same): the keys
 * as sent are not known there, so hybi-00 is refused clearly; RFC 6455 is served.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class UndertowAsBuiltTest {

    private ContainerServer server;

    @BeforeAll
    void start() throws Exception {
        server = Containers.undertowAsBuilt("127.0.0.1", 0,
                new WebSocketServlet(ExampleServer.options("127.0.0.1", 0), ExampleServer.mapper()),
                new HelloServlet());
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    /**
     * The draft's own example handshake (key1 holds two spaces side by side), its 8 key bytes after the head: a 400
     * that says why and closes, never a 101 with a challenge computed from keys that lost spaces.
     */
    @Test
    void refusesHybi00Clearly() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(20));
            OutputStream out = s.getOutputStream();
            out.write(("GET /echo HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nUpgrade: WebSocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key2: 12998 5 Y3 1  .P00\r\n"
                    + "Sec-WebSocket-Key1: 4 @1  46546xW%0l 1 5\r\nOrigin: http://127.0.0.1\r\n\r\n^n:ds[4U")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.contains("collapses runs of spaces"), answer);
            assertTrue(answer.contains("RawHeadOpenListener"), answer);
        }
    }

    /** RFC 6455 through Undertow's own upgrade, as ever. */
    @Test
    void servesRfc6455() throws Exception {
        Received r = new Received();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/echo"), r).get(20, TimeUnit.SECONDS);
        ws.sendText("as built", true).get(20, TimeUnit.SECONDS);
        assertEquals("as built", r.texts.poll(20, TimeUnit.SECONDS));
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(20, TimeUnit.SECONDS);
    }

    private static final class Received implements WebSocket.Listener {
        final java.util.concurrent.BlockingQueue<String> texts = new java.util.concurrent.LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public java.util.concurrent.CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                texts.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
