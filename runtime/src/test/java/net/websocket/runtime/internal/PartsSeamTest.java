package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import net.websocket.api.CloseStatus;
import net.websocket.api.Connection;
import net.websocket.api.ConnectionSettings;
import net.websocket.api.Listener;

/**
 * A {@link Listener.Partial} on a real server {@link WsConnection} with the RFC 6455 engine, over a transport in
 * memory: the frames are fed byte by byte (each byte its own read) or at once, and the parts the listener gets are
 * checked against the message. The listener is {@link Listener.NonBlocking}, so each part is delivered during the
 * read that brought it; the test waits on what the listener saw, not on time.
 */
class PartsSeamTest {

    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};
    /** One, two, three and four bytes a character. */
    private static final String TEXT = "a\u00e9\u20ac\ud834\udd1ez";

    /** Records every event as a line: {@code text:<part>:<last>}, {@code binary:<bytes>:<last>}, ... */
    static final class Recorder implements Listener.Partial, Listener.NonBlocking {
        final List<String> events = new ArrayList<>();
        final ByteArrayOutputStream binary = new ByteArrayOutputStream();
        final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();

        @Override
        public synchronized void onTextPart(Connection c, String text, boolean last) {
            events.add("text:" + text + ":" + last);
            notifyAll();
        }

        @Override
        public synchronized void onBinaryPart(Connection c, ByteBuffer data, boolean last) {
            events.add("binary:" + data.remaining() + ":" + last);
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.writeBytes(b);
            notifyAll();
        }

        @Override
        public synchronized void onPing(Connection c, ByteBuffer data) {
            events.add("ping:" + StandardCharsets.UTF_8.decode(data));
            notifyAll();
        }

        @Override
        public synchronized void onText(Connection c, String text) {
            events.add("whole text: never for a listener of parts");
        }

        @Override
        public void onClose(Connection c, CloseStatus status) {
            synchronized (this) {
                events.add("close:" + status.code());
                notifyAll();
            }
            closed.complete(status);
        }

        synchronized List<String> events() {
            return new ArrayList<>(events);
        }

        /** Waits until an event ends with {@code suffix} (bounded). */
        synchronized void await(String suffix) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (events.stream().noneMatch(e -> e.endsWith(suffix))) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no event ending with " + suffix + " in " + events);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    private IoLoop loop;
    private HandlerThreads handlers;
    private MemoryTransport transport;
    private WsConnection connection;
    private final Recorder recorder = new Recorder();

    private void open(ConnectionSettings settings) throws Exception {
        loop = new IoLoop("parts-test", true, 0);
        loop.start();
        handlers = new HandlerThreads();
        transport = new MemoryTransport(loop);
        // as the server accepts for a listener of parts
        AcceptedHandshake accepted = AcceptedHandshake.rfc6455("/", settings.maxFrameSize(),
                ListenerIntake.engineMessageLimit(recorder, settings));
        connection = new WsConnection(accepted.info(), transport, loop, accepted.engine(), settings, handlers, c -> {
        }, recorder);
        CompletableFuture.runAsync(() -> {
            try {
                connection.start(accepted.responseBuffer(), null, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, loop).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void shutdown() throws InterruptedException {
        if (connection != null) {
            connection.abort();
        }
        if (loop != null) {
            loop.shutdown();
            loop.join(10, TimeUnit.SECONDS);
            handlers.shutdown(TimeUnit.SECONDS.toNanos(10));
        }
    }

    /** Feeds {@code bytes} one byte a read. */
    private void feedByteByByte(byte[] bytes) throws InterruptedException {
        for (byte b : bytes) {
            transport.feed(new byte[] {b});
            transport.await("the byte read", transport::inputTaken);
        }
    }

    @Test
    void textSplitInsideCharactersAcrossFramesAndReadsComesAsWholeCharactersWithThePingBetween() throws Exception {
        open(ConnectionSettings.defaults());
        byte[] t = TEXT.getBytes(StandardCharsets.UTF_8); // 1 + 2 + 3 + 4 + 1 bytes
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(clientFrame(false, 0x1, slice(t, 0, 4))); // 'a', 'é', the euro's first byte
        wire.writeBytes(clientFrame(true, 0x9, "p".getBytes(StandardCharsets.UTF_8)));
        wire.writeBytes(clientFrame(false, 0x0, slice(t, 4, 8))); // the euro's rest, the clef's first two bytes
        wire.writeBytes(clientFrame(true, 0x0, slice(t, 8, t.length)));
        feedByteByByte(wire.toByteArray());
        recorder.await(":true");

        List<String> events = recorder.events();
        StringBuilder joined = new StringBuilder();
        StringBuilder beforePing = null;
        for (int i = 0; i < events.size(); i++) {
            String e = events.get(i);
            if (e.equals("ping:p")) {
                beforePing = new StringBuilder(joined);
                continue;
            }
            assertTrue(e.startsWith("text:"), e);
            String part = e.substring("text:".length(), e.lastIndexOf(':'));
            boolean last = e.endsWith(":true");
            assertEquals(i == events.size() - 1, last, "only the last part is last: " + events);
            assertFalse(part.isEmpty(), "no empty part: " + events);
            assertEquals(1, part.codePointCount(0, part.length()), "one character a read: " + events);
            joined.append(part);
        }
        assertEquals(TEXT, joined.toString());
        // the ping came after the first frame: its whole characters, not the euro's first byte
        assertEquals("a\u00e9", String.valueOf(beforePing));
    }

    @Test
    void aMessageOverTheMessageLimitArrivesInPartsBoundedByTheFrames() throws Exception {
        open(ConnectionSettings.builder().maxMessageSize(16).build());
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(clientFrame(false, 0x2, new byte[10]));
        wire.writeBytes(clientFrame(false, 0x0, new byte[10]));
        wire.writeBytes(clientFrame(true, 0x0, new byte[10]));
        wire.writeBytes(clientFrame(true, 0x1, "next".getBytes(StandardCharsets.UTF_8)));
        transport.feed(wire.toByteArray()); // one read
        recorder.await("text:next:true");

        assertEquals(List.of("binary:10:false", "binary:10:false", "binary:10:true", "text:next:true"),
                recorder.events());
        assertEquals(30, recorder.binary.size());
        assertFalse(connection.closeStatus().isPresent());
    }

    @Test
    void aFrameOverTheFrameLimitStillCloses1009() throws Exception {
        open(ConnectionSettings.builder().maxFrameSize(16).build());
        transport.feed(clientFrame(false, 0x2, new byte[10]));
        recorder.await("binary:10:false");
        transport.feed(clientFrame(true, 0x0, new byte[20]));
        assertEquals(1009, recorder.closed.get(10, TimeUnit.SECONDS).code());
        assertEquals(List.of("binary:10:false", "close:1009"), recorder.events());
    }

    @Test
    void invalidUtf8ClosesWith1007AfterTheValidPartsAndTheMessageHasNoLastPart() throws Exception {
        open(ConnectionSettings.defaults());
        transport.feed(clientFrame(false, 0x1, "ok".getBytes(StandardCharsets.UTF_8)));
        recorder.await("text:ok:false");
        transport.feed(clientFrame(true, 0x0, new byte[] {(byte) 0xC0, (byte) 0x80}));
        assertEquals(1007, recorder.closed.get(10, TimeUnit.SECONDS).code());
        assertEquals(List.of("text:ok:false", "close:1007"), recorder.events());
    }

    @Test
    void aCloseInTheMiddleOfAMessageEndsItWithoutALastPart() throws Exception {
        open(ConnectionSettings.defaults());
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(clientFrame(false, 0x2, new byte[3]));
        wire.writeBytes(clientFrame(true, 0x8, new byte[] {0x03, (byte) 0xe8}));
        transport.feed(wire.toByteArray());
        transport.await("the close answered", transport::outputShut);
        transport.feedEnd();
        assertEquals(1000, recorder.closed.get(10, TimeUnit.SECONDS).code());
        assertEquals(List.of("binary:3:false", "close:1000"), recorder.events());
    }

    @Test
    void anEmptyFinalFrameGivesAnEmptyLastPart() throws Exception {
        open(ConnectionSettings.defaults());
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(clientFrame(false, 0x1, "x".getBytes(StandardCharsets.UTF_8)));
        wire.writeBytes(clientFrame(false, 0x0, new byte[0]));
        wire.writeBytes(clientFrame(true, 0x0, new byte[0]));
        wire.writeBytes(clientFrame(true, 0x2, new byte[0]));
        transport.feed(wire.toByteArray());
        recorder.await("binary:0:true");
        assertEquals(List.of("text:x:false", "text::true", "binary:0:true"), recorder.events());
    }

    private static byte[] slice(byte[] b, int from, int to) {
        byte[] s = new byte[to - from];
        System.arraycopy(b, from, s, 0, s.length);
        return s;
    }

    /** A frame as a client sends it: masked, payload under 126 bytes. */
    private static byte[] clientFrame(boolean fin, int opcode, byte[] payload) {
        byte[] f = new byte[2 + 4 + payload.length];
        f[0] = (byte) ((fin ? 0x80 : 0) | opcode);
        f[1] = (byte) (0x80 | payload.length);
        System.arraycopy(MASK, 0, f, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            f[6 + i] = (byte) (payload[i] ^ MASK[i & 3]);
        }
        return f;
    }
}
