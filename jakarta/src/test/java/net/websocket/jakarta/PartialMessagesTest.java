package net.websocket.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.Decoder;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.Connection;
import net.websocket.api.MessageType;
import net.websocket.api.PayloadType;
import net.websocket.api.WebSocketClient;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ClientOptions;

/**
 * Jakarta WebSocket 2.1, sections 2.1.3 and 4.7: partial handlers get the parts of a message as they arrive, and
 * {@code InputStream} / {@code Reader} handlers and stream decoders read a message while it arrives. Each test shows
 * a part or a read answered before the peer sent the rest of the message. Our own client sends exact fragments.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PartialMessagesTest {

    /** Answers each part at once: {@code <part>|<last>} for text, {@code <size>|<last>} for binary. */
    @ServerEndpoint("/parts")
    public static class EchoParts {
        @OnOpen
        public void open(Session session) {
            session.setMaxTextMessageBufferSize(16); // a partial handler's messages are not buffered
            session.setMaxBinaryMessageBufferSize(16);
        }

        @OnMessage
        public void text(String part, boolean last, Session session) throws IOException {
            session.getBasicRemote().sendText(part + "|" + last);
        }

        @OnMessage
        public void binary(byte[] part, boolean last, Session session) throws IOException {
            session.getBasicRemote().sendText(part.length + "|" + last);
        }
    }

    /** Counts a message's bytes in parts and answers {@code <total> <largest part>} at its end. */
    @ServerEndpoint("/count")
    public static class CountParts {
        private long total;
        private int largest;

        @OnMessage
        public void binary(ByteBuffer part, boolean last, Session session) throws IOException {
            total += part.remaining();
            largest = Math.max(largest, part.remaining());
            if (last) {
                session.getBasicRemote().sendText(total + " " + largest);
                total = 0;
                largest = 0;
            }
        }
    }

    /** Reads a message as a stream, answering what it read so far whenever a line (or the end) is read. */
    @ServerEndpoint("/streams")
    public static class Streams {
        @OnMessage
        public void text(Reader reader, Session session) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c; (c = reader.read()) >= 0;) {
                if (c == '\n') {
                    session.getBasicRemote().sendText("line " + line);
                    line.setLength(0);
                } else {
                    line.append((char) c);
                }
            }
            session.getBasicRemote().sendText("end " + line);
        }

        @OnMessage
        public void binary(InputStream in, Session session) throws IOException {
            byte[] first = in.readNBytes(4);
            session.getBasicRemote().sendText("first " + first.length);
            long rest = 0;
            for (byte[] b = new byte[8192]; ; ) {
                int n = in.read(b);
                if (n < 0) {
                    break;
                }
                rest += n;
            }
            session.getBasicRemote().sendText("rest " + rest);
        }
    }

    /** What {@link LinesDecoder} read, line by line, as it read it; and its stream's failure. */
    static final BlockingQueue<String> DECODED = new LinkedBlockingQueue<>();

    /** The lines of a text message. */
    public record Lines(List<String> lines) {
    }

    /** A stream decoder that tells each line as soon as it has read it. */
    public static class LinesDecoder implements Decoder.TextStream<Lines> {
        @Override
        public Lines decode(Reader reader) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            try {
                for (int c; (c = reader.read()) >= 0;) {
                    if (c == '\n') {
                        DECODED.add(line.toString());
                        lines.add(line.toString());
                        line.setLength(0);
                    } else {
                        line.append((char) c);
                    }
                }
            } catch (IOException e) {
                DECODED.add("failed: " + e.getMessage());
                throw e;
            }
            lines.add(line.toString());
            return new Lines(lines);
        }
    }

    /** A handler of a type the stream decoder makes, with a session buffer size of 64 bytes. */
    @ServerEndpoint(value = "/decoded-lines", decoders = LinesDecoder.class)
    public static class DecodedLines {
        @OnOpen
        public void open(Session session) {
            session.setMaxTextMessageBufferSize(64);
        }

        @OnMessage
        public String text(Lines lines) {
            return "lines " + String.join(",", lines.lines());
        }
    }

    private static JakartaServerContainer container;
    private static WebSocketClient client;

    @BeforeAll
    static void start() throws Exception {
        container = Servers.serve(EchoParts.class, CountParts.class, Streams.class, DecodedLines.class);
        client = WebSockets.client(ClientOptions.builder().ioThreads(1).build());
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    /** 2.1.3, 4.7: a partial text handler gets each fragment's characters before the message ends. */
    @Test
    void aPartialHandlerGetsEachPartBeforeTheMessageEnds() throws Exception {
        try (Connection c = client.connect(Servers.uri(container, "/parts"))) {
            c.sendFragment(PayloadType.TEXT, utf8("one "), false);
            assertEquals("one |false", c.receiveText());
            byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);
            // a character split between two fragments comes whole, in the part that completes it
            c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.wrap(new byte[] {'x', euro[0]}), false);
            assertEquals("x|false", c.receiveText());
            c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.wrap(euro, 1, 2), true);
            assertEquals("\u20ac|true", c.receiveText());
            // binary parts as byte[], over the session's buffer size (which is for whole messages only)
            c.sendFragment(PayloadType.BINARY, ByteBuffer.allocate(10), false);
            assertEquals("10|false", c.receiveText());
            c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.allocate(20), true);
            assertEquals("20|true", c.receiveText());
        }
    }

    /**
     * 2.1.3: a message far larger than the container's message size goes through a partial handler in parts, each
     * at most a read (or, with permessage-deflate negotiated, an inflated chunk).
     */
    @Test
    void aMessageOfAnySizeStreamsThroughAPartialHandler() throws Exception {
        int size = 16 * 1024 * 1024;
        try (Connection c = client.connect(Servers.uri(container, "/count"))) {
            assertEquals("permessage-deflate", c.responseHeaders().get("Sec-WebSocket-Extensions"));
            c.sendStream(new ByteArrayInputStream(new byte[size]), MessageType.BINARY);
            String[] answer = c.receiveText().split(" ");
            assertEquals(size, Long.parseLong(answer[0]));
            assertTrue(Integer.parseInt(answer[1]) <= 64 * 1024, "largest part " + answer[1]);
        }
    }

    /** 2.1.3, 4.7: a Reader handler reads the text while it arrives, and sees its end. */
    @Test
    void aReaderReadsTheMessageWhileItArrives() throws Exception {
        try (Connection c = client.connect(Servers.uri(container, "/streams"))) {
            c.sendFragment(PayloadType.TEXT, utf8("first\nsec"), false);
            assertEquals("line first", c.receiveText());
            c.sendFragment(PayloadType.CONTINUATION, utf8("ond\nla"), false);
            assertEquals("line second", c.receiveText());
            c.sendFragment(PayloadType.CONTINUATION, utf8("st"), true);
            assertEquals("end last", c.receiveText());
            // the next message gets a reader of its own
            c.sendText("again");
            assertEquals("end again", c.receiveText());
        }
    }

    /** 2.1.3, 4.7: an InputStream handler reads the bytes while they arrive. */
    @Test
    void anInputStreamReadsTheMessageWhileItArrives() throws Exception {
        try (Connection c = client.connect(Servers.uri(container, "/streams"))) {
            c.sendFragment(PayloadType.BINARY, ByteBuffer.allocate(6), false);
            assertEquals("first 4", c.receiveText());
            c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.allocate(1000), true);
            assertEquals("rest 1002", c.receiveText());
            // a large one: the pipe is bounded, the connection is read as the handler reads
            c.sendStream(new ByteArrayInputStream(new byte[4 * 1024 * 1024]), MessageType.BINARY);
            assertEquals("first 4", c.receiveText());
            assertEquals("rest " + (4 * 1024 * 1024 - 4), c.receiveText());
        }
    }

    /**
     * 4.1.3 with 2.1.3: a stream decoder ({@code Decoder.TextStream}) reads the message while it arrives, and the
     * handler gets what it made at the end; the session's buffer size still bounds the message: beyond it the session
     * closes with 1009, the decoder's stream fails, and no message reaches the handler.
     */
    @Test
    void aStreamDecoderReadsTheMessageWhileItArrivesWithinTheBufferSize() throws Exception {
        DECODED.clear();
        try (Connection c = client.connect(Servers.uri(container, "/decoded-lines"))) {
            c.sendFragment(PayloadType.TEXT, utf8("first\nsec"), false);
            assertEquals("first", DECODED.poll(20, TimeUnit.SECONDS), "read before the rest was sent");
            c.sendFragment(PayloadType.CONTINUATION, utf8("ond\nlast"), true);
            assertEquals("lines first,second,last", c.receiveText());
            assertEquals("second", DECODED.poll(20, TimeUnit.SECONDS));

            c.sendFragment(PayloadType.TEXT, utf8("a\n"), false);
            assertEquals("a", DECODED.poll(20, TimeUnit.SECONDS));
            c.sendFragment(PayloadType.CONTINUATION, utf8("x".repeat(100)), true);
            String failed = DECODED.poll(20, TimeUnit.SECONDS);
            assertTrue(failed != null && failed.startsWith("failed: ") && failed.contains("64"), failed);
            assertEquals(1009, c.closed().toCompletableFuture().get(20, TimeUnit.SECONDS).code());
            assertTrue(DECODED.isEmpty(), DECODED.toString());
        }
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
