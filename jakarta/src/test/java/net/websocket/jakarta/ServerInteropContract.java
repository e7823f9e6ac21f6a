package net.websocket.jakarta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Interoperation of this module's client container with another implementation's Jakarta server running
 * {@link PeerServerEndpoints}: text, binary, partial messages each way, ping and pong each way, close codes each way,
 * and an encoder and a decoder on each side. A subclass names the server's class and starts it; the test class is
 * skipped where that class is not on the class path (another test execution's peer).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerInteropContract {

    static final long WAIT = 10;

    /** A running peer server. */
    interface Peer {
        /** {@return the port it listens on, at 127.0.0.1} */
        int port();

        /** Stops it. */
        void stop() throws Exception;
    }

    private JakartaClientContainer client;
    private Peer peer;

    /** {@return the name of a class of the peer server, present only on its own execution's class path} */
    abstract String serverClass();

    /** {@return the peer server, started on 127.0.0.1 with the endpoints of {@link PeerServerEndpoints}} */
    abstract Peer start() throws Exception;

    @BeforeAll
    void startPeer() throws Exception {
        boolean present;
        try {
            Class.forName(serverClass(), false, ServerInteropContract.class.getClassLoader());
            present = true;
        } catch (ClassNotFoundException e) {
            present = false;
        }
        Assumptions.assumeTrue(present, serverClass() + " is not on this execution's class path");
        peer = start();
        client = new JakartaClientContainer();
    }

    @AfterAll
    void stopPeer() throws Exception {
        if (client != null) {
            client.close();
        }
        if (peer != null) {
            peer.stop();
        }
    }

    private URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + peer.port() + path);
    }

    private Session connect(BlockingQueue<Object> events) throws Exception {
        Session s = client.connectToServer(new ClientEndpointTest.Recorder(events), uri("/echo"));
        assertEquals("open true true", events.poll(WAIT, TimeUnit.SECONDS));
        return s;
    }

    @Test
    void text() throws Exception {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Session s = connect(events);
        String big = "\u00e9\u20ac\ud83d\ude00 ".repeat(20_000);
        s.getBasicRemote().sendText("hello");
        assertEquals("hello", events.poll(WAIT, TimeUnit.SECONDS));
        s.getAsyncRemote().sendText(big).get(WAIT, TimeUnit.SECONDS);
        assertEquals(big, events.poll(WAIT, TimeUnit.SECONDS));
        s.close();
    }

    @Test
    void binary() throws Exception {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Session s = connect(events);
        byte[] data = new byte[100_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        s.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
        ByteBuffer got = (ByteBuffer) events.poll(WAIT, TimeUnit.SECONDS);
        byte[] back = new byte[got.remaining()];
        got.get(back);
        assertArrayEquals(data, back);
        s.close();
    }

    @Test
    void partialMessagesEachWay() throws Exception {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Session s = connect(events);
        s.getBasicRemote().sendText("a", false);
        s.getBasicRemote().sendText("b", false);
        s.getBasicRemote().sendText("c", true);
        assertEquals("abc", events.poll(WAIT, TimeUnit.SECONDS));
        s.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {1}), false);
        s.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {2, 3}), true);
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), events.poll(WAIT, TimeUnit.SECONDS));
        s.getBasicRemote().sendText("parts 3");
        assertEquals("p0p1p2", events.poll(WAIT, TimeUnit.SECONDS), "the server's parts, whole for a whole handler");
        s.close();
    }

    /** 2.1.3 on the client: a partial handler gets the server's parts (one a frame here) as they arrive. */
    @Test
    void theServersPartsReachAPartialHandlerAsParts() throws Exception {
        BlockingQueue<String> parts = new LinkedBlockingQueue<>();
        Endpoint endpoint = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class,
                        (MessageHandler.Partial<String>) (part, last) -> parts.add(part + "|" + last));
            }
        };
        // without permessage-deflate, whose compressor may hold the parts back until the message ends
        try (JakartaClientContainer plain = new JakartaClientContainer(
                net.websocket.runtime.ClientOptions.builder().extensions().build())) {
            Session s = plain.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(),
                    uri("/echo"));
            s.getBasicRemote().sendText("parts 3");
            assertEquals("p0|false", parts.poll(WAIT, TimeUnit.SECONDS));
            assertEquals("p1|false", parts.poll(WAIT, TimeUnit.SECONDS));
            assertEquals("p2|true", parts.poll(WAIT, TimeUnit.SECONDS));
            s.close();
        }
    }

    @Test
    void pingAndPongEachWay() throws Exception {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Session s = connect(events);
        s.getBasicRemote().sendPing(ByteBuffer.wrap(new byte[] {'c'}));
        assertEquals("pong c", events.poll(WAIT, TimeUnit.SECONDS), "the server answers the client's ping");
        s.getBasicRemote().sendText("ping s");
        assertEquals("pong s", events.poll(WAIT, TimeUnit.SECONDS),
                "the client answers the server's ping, whose pong handler says so");
        s.close();
    }

    @Test
    void closeCodesEachWay() throws Exception {
        for (int code : new int[] {1000, 1001, 1008, 1011, 4000}) {
            BlockingQueue<Object> events = new LinkedBlockingQueue<>();
            Session s = connect(events);
            s.getBasicRemote().sendText("close " + code);
            assertEquals("close " + code + " as asked", events.poll(WAIT, TimeUnit.SECONDS));
        }
        PeerServerEndpoints.EVENTS.clear();
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Session s = connect(events);
        s.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4321), "custom"));
        String seen = null;
        for (int i = 0; i < 10 && (seen == null || !seen.startsWith("close 4321")); i++) {
            seen = PeerServerEndpoints.EVENTS.poll(WAIT, TimeUnit.SECONDS);
        }
        assertEquals("close 4321 custom", seen, "the server gets the client's code and reason");
    }

    @Test
    void anEncoderAndADecoderEachWay() throws Exception {
        ClientEndpointTest.PointClient p = new ClientEndpointTest.PointClient();
        Session s = client.connectToServer(p, uri("/points"));
        s.getBasicRemote().sendObject(new CodersTest.Point(1, 2));
        assertEquals(new CodersTest.Point(10, 20), p.points.poll(WAIT, TimeUnit.SECONDS));
        s.close();
    }
}
