package net.websocket.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Annotated client endpoints (Jakarta WebSocket 2.1, chapter 4: {@code @ClientEndpoint} and the lifecycle and
 * message annotations on a client) and client sessions (chapter 2), connected by {@link JakartaClientContainer} to
 * this module's server container.
 */
public class ClientEndpointTest {

    static final long WAIT = 10;

    /** Records what happens to it; echoes nothing, answers "ask" messages with "asked". */
    @ClientEndpoint(decoders = CodersTest.PointDecoder.class, encoders = CodersTest.PointEncoder.class)
    public static class Recorder {
        static final BlockingQueue<String> CLASS_EVENTS = new LinkedBlockingQueue<>();
        final BlockingQueue<Object> events;

        public Recorder() {
            this(CLASS_EVENTS);
        }

        @SuppressWarnings("unchecked")
        Recorder(BlockingQueue<?> events) {
            this.events = (BlockingQueue<Object>) events;
        }

        @OnOpen
        public void open(Session s, EndpointConfig config) {
            events.add("open " + (config != null) + " " + s.isOpen());
        }

        @OnMessage
        public String text(String text) {
            events.add(text);
            return text.equals("ask") ? "asked" : null;
        }

        @OnMessage
        public void binary(byte[] data) {
            events.add(ByteBuffer.wrap(data));
        }

        @OnMessage
        public void pong(PongMessage pong) {
            events.add("pong " + StandardCharsets.UTF_8.decode(pong.getApplicationData()));
        }

        @OnClose
        public void close(Session s, CloseReason reason) {
            events.add("close " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
        }

        @OnError
        public void error(Throwable t) {
            events.add("error " + t.getClass().getSimpleName());
        }
    }

    /** A client of decoded points: whatever its server sends is decoded to a point. */
    @ClientEndpoint(decoders = TyrusInteropTest.ClientPointDecoder.class,
            encoders = TyrusInteropTest.ClientPointEncoder.class)
    public static class PointClient {
        final BlockingQueue<CodersTest.Point> points = new LinkedBlockingQueue<>();

        @OnMessage
        public void point(CodersTest.Point p) {
            points.add(p);
        }
    }

    /** Not annotated. */
    public static class NotAnEndpoint {
    }

    /** Annotated, but with two text message methods. */
    @ClientEndpoint
    public static class TwoTextMethods {
        @OnMessage
        public void a(String s) {
        }

        @OnMessage
        public void b(java.io.Reader r) {
        }
    }

    static JakartaServerContainer server;
    static JakartaClientContainer client;

    @BeforeAll
    static void start() throws Exception {
        server = Servers.serve(TyrusInteropTest.Echo.class, TyrusInteropTest.Points.class);
        client = new JakartaClientContainer();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    static URI echo() {
        return Servers.uri(server, "/interop-echo");
    }

    /**
     * 4.1, 4.3-4.7 on a client: an annotated instance is connected; {@code @OnOpen} runs before connectToServer
     * returns, with the session and configuration; text, binary and pong messages reach their methods; a returned
     * value is sent back; {@code @OnClose} gets the server's code and reason.
     */
    @Test
    void anAnnotatedInstanceGetsItsLifecycleAndMessages() throws Exception {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Session s = client.connectToServer(new Recorder(events), echo());
        assertEquals("open true true", events.poll());
        s.getBasicRemote().sendText("hello");
        assertEquals("hello", events.poll(WAIT, TimeUnit.SECONDS));
        s.getBasicRemote().sendText("ask");
        assertEquals("ask", events.poll(WAIT, TimeUnit.SECONDS));
        assertEquals("asked", events.poll(WAIT, TimeUnit.SECONDS), "the returned value went to the server and back");
        s.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), events.poll(WAIT, TimeUnit.SECONDS));
        s.getBasicRemote().sendPing(ByteBuffer.wrap("p".getBytes(StandardCharsets.UTF_8)));
        assertEquals("pong p", events.poll(WAIT, TimeUnit.SECONDS));
        s.getBasicRemote().sendText("close 4000");
        assertEquals("close 4000 as asked", events.poll(WAIT, TimeUnit.SECONDS));
        assertFalse(s.isOpen());
    }

    /** 4.1 and the Javadoc of connectToServer(Class, URI): the container makes the instance of the class. */
    @Test
    void anAnnotatedClassIsInstantiatedByTheContainer() throws Exception {
        Recorder.CLASS_EVENTS.clear();
        Session s = client.connectToServer(Recorder.class, echo());
        assertEquals("open true true", Recorder.CLASS_EVENTS.poll(WAIT, TimeUnit.SECONDS));
        s.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4321), "client"));
        String close = Recorder.CLASS_EVENTS.poll(WAIT, TimeUnit.SECONDS);
        assertTrue(close.startsWith("close 4321"), "the server echoes the client's close code: " + close);
    }

    /** 4.1.2, 4.1.3 on a client: the annotation's encoders and decoders, each way. */
    @Test
    void encodersAndDecodersOfTheAnnotation() throws Exception {
        PointClient p = new PointClient();
        Session s = client.connectToServer(p, Servers.uri(server, "/interop-points"));
        s.getBasicRemote().sendObject(new CodersTest.Point(3, 4));
        assertEquals(new CodersTest.Point(30, 40), p.points.poll(WAIT, TimeUnit.SECONDS));
        s.getAsyncRemote().sendObject(new CodersTest.Point(5, 6)).get(WAIT, TimeUnit.SECONDS);
        assertEquals(new CodersTest.Point(50, 60), p.points.poll(WAIT, TimeUnit.SECONDS));
        s.close();
    }

    /** 4.1 and the Javadoc of connectToServer: a class that is not a valid client endpoint is not deployed. */
    @Test
    void invalidClientEndpointsAreDeploymentExceptions() {
        assertThrows(DeploymentException.class, () -> client.connectToServer(NotAnEndpoint.class, echo()));
        assertThrows(DeploymentException.class, () -> client.connectToServer(new NotAnEndpoint(), echo()));
        assertThrows(DeploymentException.class, () -> client.connectToServer(TwoTextMethods.class, echo()));
    }

    /**
     * 2.1.2 on a client: each session has its own id; getOpenSessions gives the open sessions of the same endpoint;
     * the request URI and query are those connected to; a closed session leaves the set.
     */
    @Test
    void clientSessionsKnowTheirUriAndTheirSiblings() throws Exception {
        BlockingQueue<Object> eventsOfB = new LinkedBlockingQueue<>();
        Session a = client.connectToServer(new Recorder(new LinkedBlockingQueue<>()),
                Servers.uri(server, "/interop-echo?x=1"));
        Session b = client.connectToServer(new Recorder(eventsOfB), echo());
        Session other = client.connectToServer(new PointClient(), echo());
        assertNotEquals(a.getId(), b.getId());
        assertEquals(java.util.Set.of(a, b), a.getOpenSessions());
        assertEquals(java.util.Set.of(other), other.getOpenSessions());
        assertEquals("x=1", a.getQueryString());
        assertEquals(Servers.uri(server, "/interop-echo?x=1"), a.getRequestURI());
        assertFalse(a.isSecure());
        assertEquals(client, a.getContainer());
        b.close();
        assertEquals("open true true", eventsOfB.poll());
        assertEquals("close 1000 ", eventsOfB.poll(WAIT, TimeUnit.SECONDS));
        assertEquals(java.util.Set.of(a), a.getOpenSessions());
        other.close();
        a.close();
    }

    /** The Javadoc of connectToServer: a server that cannot be reached or refuses is an IOException. */
    @Test
    void failedConnectionsAreIoExceptions() throws Exception {
        int unused;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            unused = ss.getLocalPort();
        }
        URI nobody = URI.create("ws://127.0.0.1:" + unused + "/");
        assertThrows(IOException.class, () -> client.connectToServer(new Recorder(), nobody));
        IOException refused = assertThrows(IOException.class,
                () -> client.connectToServer(new Recorder(), Servers.uri(server, "/no-such-endpoint")));
        assertTrue(refused.getMessage().contains("404"), refused.getMessage());
    }

    /** ServerContainer extends WebSocketContainer: the server container connects as a client too. */
    @Test
    void theServerContainerIsAClientContainerToo() throws Exception {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        WebSocketContainer asClient = server;
        Session s = asClient.connectToServer(new Recorder(events), echo());
        assertEquals("open true true", events.poll());
        s.getBasicRemote().sendText("through the server container");
        assertEquals("through the server container", events.poll(WAIT, TimeUnit.SECONDS));
        assertEquals(server, s.getContainer());
        s.close();
    }
}
