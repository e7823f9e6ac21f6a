package net.websocket.jakarta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interoperation with an independent implementation: the Tyrus 2.2 client against this container, with text,
 * binary, partial messages, ping and pong, close codes, and an encoder and a decoder on each side.
 */
public class TyrusInteropTest {

    /** Echoes text and binary, closes with the code a "close NNNN" message asks for. */
    @ServerEndpoint("/interop-echo")
    public static class Echo {
        @OnMessage
        public String text(String text, Session s) throws IOException {
            if (text.startsWith("close ")) {
                s.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(Integer.parseInt(text.substring(6))),
                        "as asked"));
                return null;
            }
            return text;
        }

        @OnMessage
        public ByteBuffer binary(ByteBuffer data) {
            return data;
        }
    }

    /** Decodes points from the client's encoding, answers in its own encoding. */
    @ServerEndpoint(value = "/interop-points", decoders = CodersTest.PointDecoder.class,
            encoders = CodersTest.PointEncoder.class)
    public static class Points {
        @OnMessage
        public CodersTest.Point point(CodersTest.Point p) {
            return new CodersTest.Point(p.x() * 10, p.y() * 10);
        }
    }

    /** The client's encoder: a point as "x,y". */
    public static class ClientPointEncoder implements Encoder.Text<CodersTest.Point> {
        @Override
        public String encode(CodersTest.Point p) {
            return p.x() + "," + p.y();
        }
    }

    /** The client's decoder: "(x|y)" to a point. */
    public static class ClientPointDecoder implements Decoder.Text<CodersTest.Point> {
        @Override
        public CodersTest.Point decode(String s) {
            String[] xy = s.substring(1, s.length() - 1).split("\\|");
            return new CodersTest.Point(Integer.parseInt(xy[0]), Integer.parseInt(xy[1]));
        }

        @Override
        public boolean willDecode(String s) {
            return s.startsWith("(");
        }
    }

    static JakartaServerContainer container;

    @BeforeAll
    static void start() throws Exception {
        container = Servers.serve(Echo.class, Points.class);
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    @Test
    void text() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/interop-echo"))) {
            String big = "\u00e9\u20ac\ud83d\ude00 ".repeat(20_000);
            p.send("hello");
            assertEquals("hello", p.text());
            p.send(big);
            assertEquals(big, p.text());
        }
    }

    @Test
    void binary() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/interop-echo"))) {
            byte[] data = new byte[100_000];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) i;
            }
            p.session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
            ByteBuffer got = p.binary();
            byte[] back = new byte[got.remaining()];
            got.get(back);
            assertArrayEquals(data, back);
        }
    }

    @Test
    void partialMessagesFromTheClientArriveWhole() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/interop-echo"))) {
            p.session.getBasicRemote().sendText("a", false);
            p.session.getBasicRemote().sendText("b", false);
            p.session.getBasicRemote().sendText("c", true);
            assertEquals("abc", p.text());
            p.session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {1}), false);
            p.session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {2}), true);
            ByteBuffer b = p.binary();
            assertEquals(2, b.remaining());
        }
    }

    @Test
    void pingIsAnsweredWithPong() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/interop-echo"))) {
            p.session.getBasicRemote().sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8)));
            ByteBuffer pong = p.pongs.poll(TyrusPeer.WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals("are you there", StandardCharsets.UTF_8.decode(pong).toString());
        }
    }

    @Test
    void closeCodesReachTheClient() throws Exception {
        for (int code : new int[] {1000, 1001, 1008, 1011, 4000}) {
            try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/interop-echo"))) {
                p.send("close " + code);
                CloseReason r = p.closeReason();
                assertEquals(code, r.getCloseCode().getCode());
                assertEquals("as asked", r.getReasonPhrase());
            }
        }
    }

    @Test
    void theClientsCloseCodeReachesTheServer() throws Exception {
        EndpointAnnotationsTest.EVENTS.clear();
        JakartaServerContainer c = Servers.serve(EndpointAnnotationsTest.Lifecycle.class);
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(c, "/lifecycle/interop"))) {
            p.session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4321), "custom"));
            String close = null;
            for (int i = 0; i < 3 && (close == null || !close.startsWith("close")); i++) {
                close = EndpointAnnotationsTest.EVENTS.poll(TyrusPeer.WAIT_SECONDS, TimeUnit.SECONDS);
            }
            assertEquals("close interop 4321 custom", close);
        } finally {
            c.close();
        }
    }

    @Test
    void anEncoderAndADecoderEachWay() throws Exception {
        BlockingQueue<Object> objects = new LinkedBlockingQueue<>();
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/interop-points"),
                List.of(ClientPointEncoder.class), List.of(ClientPointDecoder.class), objects)) {
            p.session.getBasicRemote().sendObject(new CodersTest.Point(1, 2));
            assertEquals(new CodersTest.Point(10, 20), objects.poll(TyrusPeer.WAIT_SECONDS, TimeUnit.SECONDS));
        }
    }
}
