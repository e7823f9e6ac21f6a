package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.Handler;
import net.websocket.api.Listener;
import net.websocket.api.MessageType;
import net.websocket.api.PayloadType;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/**
 * {@link Listener.Partial} over real sockets, on a server and on a client: a message far over the message size
 * limit streams through in parts, each bounded, and parts come in order on a handler thread.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PartialListenerTest {

    /** Counts a binary message's bytes and its largest part, and answers with both when the last part came. */
    static final class Counter implements Listener.Partial {
        long total;
        int largest;
        int parts;

        @Override
        public void onBinaryPart(Connection c, ByteBuffer data, boolean last) throws IOException {
            total += data.remaining();
            largest = Math.max(largest, data.remaining());
            parts++;
            if (last) {
                c.sendText(total + " " + largest + " " + parts);
                total = 0;
                largest = 0;
                parts = 0;
            }
        }
    }

    @Test
    void aMessageOverTheMessageLimitStreamsThroughInBoundedParts() throws Exception {
        int size = 8 * 1024 * 1024;
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().maxMessageSize(64 * 1024).build(),
                new Counter())) {
            Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"));
            c.sendStream(new ByteArrayInputStream(new byte[size]), MessageType.BINARY);
            String[] answer = c.receiveText().split(" ");
            assertEquals(size, Long.parseLong(answer[0]));
            // a part is at most what one read brings, far below the message
            assertTrue(Integer.parseInt(answer[1]) <= 1024 * 1024, "largest part " + answer[1]);
            assertTrue(Integer.parseInt(answer[2]) > 1, "parts " + answer[2]);
            // the connection goes on
            c.sendBinary(new byte[3]);
            assertEquals("3 3 1", c.receiveText());
            c.close(1000, "");
        }
    }

    @Test
    void aClientListenerOfPartsGetsTheServersFragmentsAsWholeCharacters() throws Exception {
        String text = "\u00e9t\u00e9 \u20ac \ud834\udd1e ".repeat(1000);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Handler sender = c -> {
            // fragments of 7 bytes: most of them end inside a character
            for (int i = 0; i < bytes.length; i += 7) {
                int n = Math.min(7, bytes.length - i);
                c.sendFragment(i == 0 ? PayloadType.TEXT : PayloadType.CONTINUATION, ByteBuffer.wrap(bytes, i, n),
                        i + n == bytes.length);
            }
            c.receive(); // until the client closes
        };
        StringBuilder joined = new StringBuilder();
        AtomicInteger lasts = new AtomicInteger();
        CompletableFuture<String> received = new CompletableFuture<>();
        Listener parts = new Listener.Partial() {
            @Override
            public void onTextPart(Connection c, String part, boolean last) {
                if (part.contains("\ufffd")) {
                    received.completeExceptionally(new AssertionError("a part cut a character: " + part));
                }
                joined.append(part);
                if (last) {
                    lasts.incrementAndGet();
                    received.complete(joined.toString());
                }
            }
        };
        try (WebSocketServer s = TestSupport.serve(sender)) {
            Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"),
                    ConnectRequest.builder().listener(parts).build());
            assertEquals(text, received.get(30, TimeUnit.SECONDS));
            assertEquals(1, lasts.get());
            c.close(1000, "");
        }
    }

    @Test
    void onHybi00AMessageComesInPartsToo() throws Exception {
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().maxMessageSize(16).build(),
                new Listener.Partial() {
                    private final StringBuilder message = new StringBuilder();

                    @Override
                    public void onTextPart(Connection c, String part, boolean last) throws IOException {
                        message.append(part);
                        if (last) {
                            c.sendText(message.length() + "");
                            message.setLength(0);
                        }
                    }
                })) {
            Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"),
                    ConnectRequest.builder().variant(ConnectRequest.HYBI00).build());
            c.sendText("x".repeat(100));
            assertEquals("100", c.receiveText());
            c.close(1000, "");
        }
    }
}
