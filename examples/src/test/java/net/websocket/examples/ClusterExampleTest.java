package net.websocket.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import net.websocket.api.Connection;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ws serve --cluster}: the example routes plus {@code /topic/NAME}. Here with the in-JVM broker and two
 * servers in this JVM; the cluster module's ClusterDeploymentTest runs the same endpoint through Redis and nginx.
 */
@Timeout(60)
class ClusterExampleTest {

    @Test
    void aTextSentOnTopicReachesEveryConnectionOnThatTopicAndTheExamplesStillServe() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        var mapper = ClusterExample.mapper("local:/", new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("/topic/NAME"));
        try (WebSocketServer server = ExampleServer.start("127.0.0.1", 0, null, mapper)) {
            String base = "ws://127.0.0.1:" + server.port();
            // a connection is subscribed (onOpen) before its first message is published (onText)
            try (Connection a = WebSockets.client().connect(URI.create(base + "/topic/chat"))) {
                a.sendText("a is here");
                assertEquals("a is here", a.receiveText());
                try (Connection b = WebSockets.client().connect(URI.create(base + "/topic/chat"));
                     Connection other = WebSockets.client().connect(URI.create(base + "/topic/news"));
                     Connection echo = WebSockets.client().connect(URI.create(base + "/echo"))) {
                    b.sendText("b is here");
                    assertEquals("b is here", b.receiveText());
                    assertEquals("b is here", a.receiveText());
                    a.sendText("hello topic");
                    assertEquals("hello topic", a.receiveText());
                    assertEquals("hello topic", b.receiveText());
                    other.sendText("news");
                    assertEquals("news", other.receiveText());
                    echo.sendText("still echoing");
                    assertEquals("still echoing", echo.receiveText());
                }
            }
        }
    }
}
