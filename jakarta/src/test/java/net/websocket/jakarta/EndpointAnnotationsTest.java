package net.websocket.jakarta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Annotated endpoints (Jakarta WebSocket 2.1, chapter 4, and URI mapping, section 3.1.1), driven by the Tyrus
 * client.
 */
public class EndpointAnnotationsTest {

    /** What the lifecycle methods of {@link Lifecycle} saw, in order. */
    static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();

    /** Every lifecycle method with its optional parameters. */
    @ServerEndpoint("/lifecycle/{name}")
    public static class Lifecycle {
        @OnOpen
        public void open(Session session, EndpointConfig config, @PathParam("name") String name) {
            EVENTS.add("open " + name + " " + (config != null) + " " + session.isOpen());
        }

        @OnMessage
        public String text(String text, @PathParam("name") String name) {
            if (text.equals("throw")) {
                throw new IllegalStateException("thrown by @OnMessage");
            }
            return name + ":" + text;
        }

        @OnError
        public void error(Throwable t, Session session) {
            EVENTS.add("error " + t.getMessage() + " " + session.isOpen());
        }

        @OnClose
        public void close(CloseReason reason, @PathParam("name") String name) {
            EVENTS.add("close " + name + " " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
        }
    }

    /** URI templates: an exact path, a template, a typed parameter. */
    @ServerEndpoint("/items/{id}")
    public static class Item {
        @OnMessage
        public String text(String text, @PathParam("id") long id) {
            return "item " + (id + 1);
        }
    }

    @ServerEndpoint("/items/special")
    public static class SpecialItem {
        @OnMessage
        public String text(String text) {
            return "special";
        }
    }

    @ServerEndpoint("/rooms/{room}/users/{user}")
    public static class RoomUser {
        @OnMessage
        public String text(String text, Session s, @PathParam("user") String user, @PathParam("room") String room) {
            return room + "/" + user + " " + s.getPathParameters().size();
        }
    }

    /** Whole binary as byte[], a primitive text message type. */
    @ServerEndpoint("/bytes")
    public static class Bytes {
        @OnMessage
        public byte[] binary(byte[] data) {
            byte[] out = data.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) (out[i] + 1);
            }
            return out;
        }

        @OnMessage
        public int number(int n) {
            return n * 2;
        }
    }

    /** Streams and pongs. */
    @ServerEndpoint("/streams")
    public static class Streams {
        @OnMessage
        public void text(Reader reader, Session session) throws IOException {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[16];
            for (int n; (n = reader.read(buf)) >= 0;) {
                sb.append(buf, 0, n);
            }
            session.getBasicRemote().sendText("read " + sb);
        }

        @OnMessage
        public void binary(InputStream in, Session session) throws IOException {
            session.getBasicRemote().sendText("stream " + in.readAllBytes().length);
        }

        @OnMessage
        public void pong(PongMessage pong, Session session) throws IOException {
            session.getBasicRemote().sendText("pong " + StandardCharsets.UTF_8.decode(pong.getApplicationData()));
        }
    }

    /** Partial text and binary. */
    @ServerEndpoint("/partial")
    public static class Partial {
        private final StringBuilder text = new StringBuilder();

        @OnMessage
        public void text(String part, boolean last, Session session) throws IOException {
            text.append(part);
            if (last) {
                session.getBasicRemote().sendText("partial " + text);
                text.setLength(0);
            }
        }

        @OnMessage
        public void binary(ByteBuffer part, boolean last, Session session) throws IOException {
            session.getBasicRemote().sendText("binary part of " + part.remaining() + " last " + last);
        }
    }

    /** Two text @OnMessage methods: not deployable. */
    @ServerEndpoint("/twice")
    public static class TwoTextMethods {
        @OnMessage
        public void a(String s) {
        }

        @OnMessage
        public void b(Reader r) {
        }
    }

    /** An @OnError without a Throwable: not deployable. */
    @ServerEndpoint("/bad-error")
    public static class ErrorWithoutThrowable {
        @OnError
        public void error(Session s) {
        }
    }

    /** Partial taken for a type that cannot come in parts: not deployable. */
    @ServerEndpoint("/bad-partial")
    public static class PartialReader {
        @OnMessage
        public void text(Reader r, boolean last) {
        }
    }

    static JakartaServerContainer container;

    @BeforeAll
    static void start() throws Exception {
        container = Servers.serve(Lifecycle.class, Item.class, SpecialItem.class, RoomUser.class, Bytes.class,
                Streams.class, Partial.class);
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    private static String event() throws InterruptedException {
        String e = EVENTS.poll(TyrusPeer.WAIT_SECONDS, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no event");
        }
        return e;
    }

    /**
     * 4.4 @OnOpen with Session, EndpointConfig and @PathParam; 4.7 the return value of @OnMessage is sent back;
     * 4.5 @OnClose with the peer's CloseReason; 2.1.1 one instance per connection.
     */
    @Test
    void lifecycleMethodsAreCalledWithTheirParameters() throws Exception {
        EVENTS.clear();
        try (TyrusPeer peer = TyrusPeer.connect(Servers.uri(container, "/lifecycle/ann"))) {
            assertEquals("open ann true true", event());
            peer.send("hi");
            assertEquals("ann:hi", peer.text());
            peer.session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "bye"));
            assertEquals("close ann 1001 bye", event());
        }
    }

    /** 4.6 and 5.? error handling: what @OnMessage throws goes to @OnError, and the session stays open. */
    @Test
    void anExceptionOfOnMessageGoesToOnErrorAndTheSessionStaysOpen() throws Exception {
        EVENTS.clear();
        try (TyrusPeer peer = TyrusPeer.connect(Servers.uri(container, "/lifecycle/err"))) {
            assertEquals("open err true true", event());
            peer.send("throw");
            assertEquals("error thrown by @OnMessage true", event());
            peer.send("still");
            assertEquals("err:still", peer.text());
        }
    }

    /** 3.1.1 URI mapping: an exact path wins over a template; 4.3 @PathParam converts to primitives. */
    @Test
    void exactPathsWinOverTemplatesAndPathParametersAreConverted() throws Exception {
        try (TyrusPeer peer = TyrusPeer.connect(Servers.uri(container, "/items/41"))) {
            peer.send("x");
            assertEquals("item 42", peer.text());
        }
        try (TyrusPeer peer = TyrusPeer.connect(Servers.uri(container, "/items/special"))) {
            peer.send("x");
            assertEquals("special", peer.text());
        }
    }

    /**
     * 3.1.1 and 4.3: several variables, percent-decoded, in any order of parameters. Driven by the JDK's client,
     * which sends the path as given (Tyrus sends it decoded).
     */
    @Test
    void templateVariablesArePercentDecoded() throws Exception {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        java.net.http.WebSocket ws = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(Servers.uri(container, "/rooms/a%20b/users/%C3%A9"), new java.net.http.WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket w,
                            CharSequence data, boolean last) {
                        got.add(data.toString());
                        w.request(1);
                        return null;
                    }
                }).get(TyrusPeer.WAIT_SECONDS, TimeUnit.SECONDS);
        ws.sendText("x", true);
        assertEquals("a b/\u00e9 2", got.poll(TyrusPeer.WAIT_SECONDS, TimeUnit.SECONDS));
        ws.abort();
    }

    /** 3.1.1: a path no endpoint matches is refused at the handshake. */
    @Test
    void aPathWithoutAnEndpointIsRefused() {
        assertThrows(Exception.class, () -> TyrusPeer.connect(Servers.uri(container, "/items/1/more")));
    }

    /** 4.7: whole binary messages as byte[], and a primitive (int) from a text message, returned values sent. */
    @Test
    void byteArraysAndPrimitivesAreMessageTypes() throws Exception {
        try (TyrusPeer peer = TyrusPeer.connect(Servers.uri(container, "/bytes"))) {
            peer.session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            ByteBuffer b = peer.binary();
            byte[] got = new byte[b.remaining()];
            b.get(got);
            assertArrayEquals(new byte[] {2, 3, 4}, got);
            peer.send("21");
            assertEquals("42", peer.text());
        }
    }

    /** 4.7: Reader and InputStream message parameters; a PongMessage parameter receives pongs. */
    @Test
    void readersInputStreamsAndPongsAreMessageTypes() throws Exception {
        try (TyrusPeer peer = TyrusPeer.connect(Servers.uri(container, "/streams"))) {
            peer.send("through a reader");
            assertEquals("read through a reader", peer.text());
            peer.session.getBasicRemote().sendBinary(ByteBuffer.allocate(1000));
            assertEquals("stream 1000", peer.text());
            peer.session.getBasicRemote().sendPong(ByteBuffer.wrap("p".getBytes(StandardCharsets.UTF_8)));
            assertEquals("pong p", peer.text());
        }
    }

    /** 4.7 partial messages: String and ByteBuffer with a boolean last; the parts end with last true. */
    @Test
    void partialMessagesEndWithTheLastPart() throws Exception {
        try (TyrusPeer peer = TyrusPeer.connect(Servers.uri(container, "/partial"))) {
            peer.session.getBasicRemote().sendText("one ", false);
            peer.session.getBasicRemote().sendText("two", true);
            assertEquals("partial one two", peer.text());
            peer.session.getBasicRemote().sendBinary(ByteBuffer.allocate(10));
            assertEquals("binary part of 10 last true", peer.text());
        }
    }

    /**
     * 4.7: at most one @OnMessage method per native message type; 4.6: @OnError must take a Throwable; 4.7: only
     * String, ByteBuffer and byte[] may be taken in parts. Each is a DeploymentException.
     */
    @Test
    void invalidAnnotatedEndpointsAreNotDeployed() {
        JakartaServerContainer c = new JakartaServerContainer();
        assertThrows(DeploymentException.class, () -> c.addEndpoint(TwoTextMethods.class));
        assertThrows(DeploymentException.class, () -> c.addEndpoint(ErrorWithoutThrowable.class));
        assertThrows(DeploymentException.class, () -> c.addEndpoint(PartialReader.class));
        assertThrows(DeploymentException.class, () -> c.addEndpoint(String.class));
    }

    /** 3.1.1: two endpoints with the same path (variables aside) are a deployment error. */
    @Test
    void twoEndpointsAtTheSamePathAreNotDeployed() throws Exception {
        JakartaServerContainer c = new JakartaServerContainer();
        c.addEndpoint(Item.class);
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> c.addEndpoint(jakarta.websocket.server.ServerEndpointConfig.Builder
                        .create(Item.class, "/items/{other}").build()));
        assertTrue(e.getMessage().contains("/items/"));
    }
}
