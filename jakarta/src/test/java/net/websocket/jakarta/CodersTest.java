package net.websocket.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Encoders and decoders (Jakarta WebSocket 2.1, sections 4.1.2 and 4.1.3 and the Javadoc of {@code Encoder} and
 * {@code Decoder}): text, binary and stream kinds, {@code willDecode}, {@code init}/{@code destroy}, and a
 * {@code DecodeException} reported to {@code @OnError}.
 */
public class CodersTest {

    /** A point, the decoded type. */
    public record Point(int x, int y) {
    }

    /** A temperature, decoded from binary (one int). */
    public record Celsius(int degrees) {
    }

    static final AtomicInteger INITS = new AtomicInteger();
    static final BlockingQueue<String> DESTROYED = new LinkedBlockingQueue<>();
    static final BlockingQueue<String> ERRORS = new LinkedBlockingQueue<>();

    /** "x,y" to a point; will not decode text without a comma. Counts init and destroy. */
    public static class PointDecoder implements Decoder.Text<Point> {
        @Override
        public void init(EndpointConfig config) {
            INITS.incrementAndGet();
        }

        @Override
        public void destroy() {
            DESTROYED.add("destroyed");
        }

        @Override
        public Point decode(String s) throws DecodeException {
            String[] xy = s.split(",");
            try {
                return new Point(Integer.parseInt(xy[0]), Integer.parseInt(xy[1]));
            } catch (NumberFormatException e) {
                throw new DecodeException(s, "not a point", e);
            }
        }

        @Override
        public boolean willDecode(String s) {
            return s.contains(",");
        }
    }

    /** A point to "(x|y)". */
    public static class PointEncoder implements Encoder.Text<Point> {
        @Override
        public String encode(Point p) {
            return "(" + p.x() + "|" + p.y() + ")";
        }
    }

    /** Four bytes to a temperature. */
    public static class CelsiusDecoder implements Decoder.BinaryStream<Celsius> {
        @Override
        public Celsius decode(InputStream in) throws IOException {
            return new Celsius(ByteBuffer.wrap(in.readAllBytes()).getInt());
        }
    }

    /** A temperature to four bytes, plus one: a binary encoder. */
    public static class CelsiusEncoder implements Encoder.BinaryStream<Celsius> {
        @Override
        public void encode(Celsius c, OutputStream out) throws IOException {
            out.write(ByteBuffer.allocate(4).putInt(c.degrees() + 1).array());
        }
    }

    /** A string reversed through a stream decoder, and a text-stream encoder of StringBuilder. */
    public static class Reversed {
        final String text;

        Reversed(String text) {
            this.text = text;
        }
    }

    /** Reads a whole text message and reverses it. */
    public static class ReversedDecoder implements Decoder.TextStream<Reversed> {
        @Override
        public Reversed decode(Reader reader) throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int c; (c = reader.read()) >= 0;) {
                sb.append((char) c);
            }
            return new Reversed(sb.reverse().toString());
        }
    }

    /** Writes a reversed string's text. */
    public static class ReversedEncoder implements Encoder.TextStream<Reversed> {
        @Override
        public void encode(Reversed r, Writer w) throws EncodeException, IOException {
            w.write("reversed " + r.text);
        }
    }

    /** Decoded types in, encoded types out. */
    @ServerEndpoint(value = "/points", decoders = {PointDecoder.class, CelsiusDecoder.class},
            encoders = {PointEncoder.class, CelsiusEncoder.class})
    public static class Points {
        @OnMessage
        public Point text(Point p) {
            return new Point(p.y(), p.x());
        }

        @OnMessage
        public Celsius binary(Celsius c) {
            return c;
        }

        @OnError
        public void error(Throwable t) {
            ERRORS.add(t.getClass().getSimpleName());
        }
    }

    /** A text-stream decoder and encoder. */
    @ServerEndpoint(value = "/reversed", decoders = ReversedDecoder.class, encoders = ReversedEncoder.class)
    public static class ReversedEndpoint {
        @OnMessage
        public void text(Reversed r, Session s) throws IOException, EncodeException {
            s.getBasicRemote().sendObject(r);
        }
    }

    /** A stream decoder to String, which a String handler does not use: a String is a String without a decoder. */
    public static class UpperCaseDecoder implements Decoder.TextStream<String> {
        @Override
        public String decode(Reader reader) throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int c; (c = reader.read()) >= 0;) {
                sb.append(Character.toUpperCase((char) c));
            }
            return sb.toString();
        }
    }

    /** A String handler beside a stream decoder of String. */
    @ServerEndpoint(value = "/plain-text", decoders = UpperCaseDecoder.class)
    public static class PlainText {
        @OnMessage
        public String text(String text) {
            return "got " + text;
        }
    }

    static JakartaServerContainer container;

    @BeforeAll
    static void start() throws Exception {
        container = Servers.serve(Points.class, ReversedEndpoint.class, PlainText.class);
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    /** 4.1.3 decoders and 4.1.2 encoders, text kind: a Decoder.Text decodes, an Encoder.Text encodes the answer. */
    @Test
    void textDecodersAndEncoders() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/points"))) {
            p.send("1,2");
            assertEquals("(2|1)", p.text());
        }
    }

    /** Decoder.BinaryStream decodes, Encoder.BinaryStream encodes. */
    @Test
    void binaryStreamDecodersAndEncoders() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/points"))) {
            p.session.getBasicRemote().sendBinary(ByteBuffer.allocate(4).putInt(0, 20));
            assertEquals(21, p.binary().getInt());
        }
    }

    /** Decoder.TextStream decodes, Encoder.TextStream encodes (sendObject). */
    @Test
    void textStreamDecodersAndEncoders() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/reversed"))) {
            p.send("abc");
            assertEquals("reversed cba", p.text());
        }
    }

    /** A String handler gets the text as sent, whatever stream decoder of String the endpoint names. */
    @Test
    void aStringHandlerTakesNoDecoder() throws Exception {
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/plain-text"))) {
            p.send("abc");
            assertEquals("got abc", p.text());
        }
    }

    /**
     * Decoder.Text.willDecode: a message no decoder will decode, and a decoder's own DecodeException, are
     * DecodeExceptions reported to @OnError; the session stays open.
     */
    @Test
    void decodeFailuresGoToOnError() throws Exception {
        ERRORS.clear();
        try (TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/points"))) {
            p.send("no comma");
            assertEquals("DecodeException", ERRORS.poll(TyrusPeer.WAIT_SECONDS, TimeUnit.SECONDS));
            p.send("a,b");
            assertEquals("DecodeException", ERRORS.poll(TyrusPeer.WAIT_SECONDS, TimeUnit.SECONDS));
            p.send("3,4");
            assertEquals("(4|3)", p.text());
        }
    }

    /** Encoder and Decoder Javadoc: init when the session opens, destroy when it closes, one instance per session. */
    @Test
    void decodersAreInitializedPerSessionAndDestroyedAtClose() throws Exception {
        int inits = INITS.get();
        DESTROYED.clear();
        TyrusPeer p = TyrusPeer.connect(Servers.uri(container, "/points"));
        p.send("5,6");
        assertEquals("(6|5)", p.text());
        assertEquals(inits + 1, INITS.get());
        p.close();
        assertEquals("destroyed", DESTROYED.poll(TyrusPeer.WAIT_SECONDS, TimeUnit.SECONDS));
    }
}
