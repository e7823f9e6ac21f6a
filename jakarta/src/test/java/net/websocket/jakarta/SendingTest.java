package net.websocket.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sending (Jakarta WebSocket 2.1, section 2.1.4 and the Javadoc of {@code RemoteEndpoint.Basic} and {@code .Async}):
 * each command sent to the endpoint makes it send one way, and the Tyrus client checks what arrives.
 */
public class SendingTest {

    /** Sends as it is told. */
    @ServerEndpoint("/send")
    public static class Sender {
        @OnMessage
        public void text(String command, Session s) throws Exception {
            switch (command) {
                case "basic-text" -> s.getBasicRemote().sendText("plain");
                case "basic-binary" -> s.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {7, 8}));
                case "basic-partial" -> {
                    s.getBasicRemote().sendText("par", false);
                    s.getBasicRemote().sendText("tial", true);
                }
                case "basic-partial-binary" -> {
                    s.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {1}), false);
                    s.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {2}), true);
                }
                case "writer" -> {
                    try (Writer w = s.getBasicRemote().getSendWriter()) {
                        w.write("writ");
                        w.flush();
                        w.write("ten");
                    }
                }
                case "stream" -> {
                    try (OutputStream out = s.getBasicRemote().getSendStream()) {
                        out.write(new byte[] {1, 2});
                        out.flush();
                        out.write(3);
                    }
                }
                case "ping" -> s.getBasicRemote().sendPing(ByteBuffer.wrap("pg".getBytes(StandardCharsets.UTF_8)));
                case "pong" -> s.getBasicRemote().sendPong(ByteBuffer.wrap("po".getBytes(StandardCharsets.UTF_8)));
                case "async-future" -> {
                    // the frames a callback sends are written when it returns, so another thread waits
                    Future<Void> f = s.getAsyncRemote().sendText("future");
                    CompletableFuture.runAsync(() -> {
                        try {
                            f.get(10, TimeUnit.SECONDS);
                            s.getBasicRemote().sendText("future done");
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }
                case "async-handler" -> s.getAsyncRemote().sendBinary(ByteBuffer.wrap(new byte[] {9}),
                        r -> sendQuietly(s, "handler ok " + r.isOK()));
                case "async-object" -> s.getAsyncRemote().sendObject(42,
                        r -> sendQuietly(s, "object ok " + r.isOK()));
                case "async-fails" -> s.getAsyncRemote().sendObject(new Object(),
                        r -> sendQuietly(s, "failed " + !r.isOK() + " " + r.getException().getClass().getSimpleName()));
                case "batching" -> {
                    s.getBasicRemote().setBatchingAllowed(true);
                    s.getBasicRemote().sendText("batched");
                    s.getBasicRemote().flushBatch();
                    s.getBasicRemote().setBatchingAllowed(false);
                }
                default -> s.getBasicRemote().sendObject(command.length());
            }
        }

        private static void sendQuietly(Session s, String text) {
            try {
                s.getBasicRemote().sendText(text);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    static JakartaServerContainer container;

    @BeforeAll
    static void start() throws Exception {
        container = Servers.serve(Sender.class);
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** RemoteEndpoint.Basic: whole text and binary messages. */
    @Test
    void basicSendsWholeMessages() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/send"))) {
            p.send("basic-text");
            assertEquals("plain", p.text());
            p.send("basic-binary");
            assertEquals("[7, 8]", java.util.Arrays.toString(bytes(p.binary())));
        }
    }

    /** RemoteEndpoint.Basic: a message in parts arrives as one message of all the parts. */
    @Test
    void basicSendsPartialMessages() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/send"))) {
            p.send("basic-partial");
            assertEquals("partial", p.text());
            p.send("basic-partial-binary");
            assertEquals("[1, 2]", java.util.Arrays.toString(bytes(p.binary())));
        }
    }

    /** RemoteEndpoint.Basic: getSendWriter and getSendStream send one message each, ended by close. */
    @Test
    void writersAndStreamsSendOneMessage() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/send"))) {
            p.send("writer");
            assertEquals("written", p.text());
            p.send("stream");
            assertEquals("[1, 2, 3]", java.util.Arrays.toString(bytes(p.binary())));
        }
    }

    /** RemoteEndpoint: sendPing is answered by the peer's pong; sendPong reaches the peer's pong handler. */
    @Test
    void pingsAndPongs() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/send"))) {
            p.send("pong");
            assertEquals("po", StandardCharsets.UTF_8.decode(p.pongs.poll(20, TimeUnit.SECONDS)).toString());
            // the endpoint's ping is answered by Tyrus; the next message shows the connection is well
            p.send("ping");
            p.send("abc");
            assertEquals("3", p.text());
        }
    }

    /** RemoteEndpoint.Async: the Future completes, the SendHandler gets an OK result, objects are encoded. */
    @Test
    void asyncSendsCompleteFuturesAndCallHandlers() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/send"))) {
            p.send("async-future");
            assertEquals("future", p.text());
            assertEquals("future done", p.text());
            p.send("async-handler");
            assertEquals("[9]", java.util.Arrays.toString(bytes(p.binary())));
            assertEquals("handler ok true", p.text());
            p.send("async-object");
            assertEquals("42", p.text());
            assertEquals("object ok true", p.text());
        }
    }

    /** RemoteEndpoint.Async: an object no encoder takes fails the send with an EncodeException in the result. */
    @Test
    void anUnencodableObjectFailsTheAsyncSend() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/send"))) {
            p.send("async-fails");
            assertEquals("failed true EncodeException", p.text());
        }
    }

    /** RemoteEndpoint batching: allowed and flushed, the message still arrives (this container sends at once). */
    @Test
    void batchingDoesNotLoseMessages() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/send"))) {
            p.send("batching");
            assertEquals("batched", p.text());
        }
    }

    /** RemoteEndpoint.Basic.sendObject of a primitive's box without an encoder sends its text. */
    @Test
    void sendObjectOfABoxSendsItsText() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/send"))) {
            p.send("four");
            assertEquals("4", p.text());
        }
    }
}
