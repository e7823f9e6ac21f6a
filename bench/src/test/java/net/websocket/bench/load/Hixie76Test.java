package net.websocket.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import net.websocket.api.Connection;
import net.websocket.api.Listener;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ServerOptions;

/**
 * The hybi-00 client of scenario (h): its key arithmetic and framing on their own, and briefly against our server
 * (in this JVM, on 127.0.0.1, with the hybi-00 variant on the class path).
 */
class Hixie76Test {

    /** Bound on each load run's time. */
    private static final long SHORT_NANOS = 200_000_000L;

    private static final AtomicLong echoed = new AtomicLong();
    private static WebSocketServer server;
    private static Target target;

    @BeforeAll
    static void start() throws Exception {
        server = WebSockets.serve(ServerOptions.builder().listen("127.0.0.1", 0).build(), new Listener() {
            @Override
            public void onText(Connection c, String text) throws Exception {
                echoed.incrementAndGet();
                c.sendText(text);
            }
        });
        target = new Target("ours", new InetSocketAddress("127.0.0.1", server.port()), "/echo", true);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The example of draft-hixie-thewebsocketprotocol-76, section 1.3. */
    @Test
    void computesTheDraftsExampleAnswer() {
        long n1 = Hixie76.numberOf("4 @1  46546xW%0l 1 5");
        long n2 = Hixie76.numberOf("12998 5 Y3 1  .P00");
        assertEquals(829309203L, n1);
        assertEquals(259970620L, n2);
        byte[] answer = Hixie76.answer(n1, n2, "^n:ds[4U".getBytes(StandardCharsets.US_ASCII));
        assertEquals("8jKS'y:G*Co,Wxa-", new String(answer, StandardCharsets.ISO_8859_1));
    }

    @Test
    void makesKeysThatStandForTheirNumbers() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 1_000; i++) {
            Hixie76.Key key = Hixie76.newKey(random);
            assertEquals(key.number(), Hixie76.numberOf(key.value()), key.value());
            assertTrue(key.value().contains(" "), key.value());
            assertFalse(key.value().startsWith(" ") || key.value().endsWith(" "), key.value());
            assertTrue(key.number() <= Hixie76.MAX_KEY_NUMBER);
        }
    }

    @Test
    void scansFramesSplitAnywhere() {
        byte[] payload = Frames.asciiPayload(32);
        byte[] frame = Hixie76.textFrame(payload);
        assertEquals(0x00, frame[0]);
        assertEquals((byte) 0xFF, frame[frame.length - 1]);
        byte[] stream = new byte[frame.length * 3 + 2];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(frame, 0, stream, i * frame.length, frame.length);
        }
        System.arraycopy(Hixie76.CLOSE, 0, stream, frame.length * 3, 2);
        for (int split = 0; split <= stream.length; split++) {
            Hixie76.Scanner s = new Hixie76.Scanner(payload);
            s.feed(ByteBuffer.wrap(stream, 0, split));
            s.feed(ByteBuffer.wrap(stream, split, stream.length - split));
            assertEquals(3, s.messages());
            assertEquals(0, s.mismatches());
            assertTrue(s.closeReceived());
        }
        Hixie76.Scanner other = new Hixie76.Scanner(payload);
        other.feed(ByteBuffer.wrap(Hixie76.textFrame(Frames.asciiPayload(31))));
        assertEquals(1, other.mismatches());
        assertArrayEquals(new byte[] {(byte) 0xFF, 0}, Hixie76.CLOSE);
        assertEquals("00ff", HexFormat.of().formatHex(Hixie76.textFrame(new byte[0])));
    }

    @Test
    void latencyChecksEveryEchoAndClosesCleanly() throws Exception {
        Latency.Percentiles p = Hixie76.latency(target, Frames.asciiPayload(32), 10_000_000L, 100, 5_000_000_000L, 3);
        assertEquals(100, p.samples());
        assertTrue(p.p50() > 0 && p.p50() <= p.p90() && p.p90() <= p.p99() && p.p99() <= p.max());
    }

    @Test
    void handshakesEchoesAndCloses() throws Exception {
        Hixie76.Open open = Hixie76.open(target, new SplittableRandom(9));
        try (var ch = open.channel()) {
            byte[] payload = "h\u00e9llo, w\u00f6rld \u263a".getBytes(StandardCharsets.UTF_8);
            Hixie76.Scanner scanner = new Hixie76.Scanner(payload);
            scanner.feed(ByteBuffer.wrap(open.leftover()));
            ch.socket().getOutputStream().write(Hixie76.textFrame(payload));
            byte[] buf = new byte[256];
            while (scanner.messages() == 0) {
                int n = ch.socket().getInputStream().read(buf);
                assertTrue(n > 0, "the echo came before the end of the stream");
                scanner.feed(ByteBuffer.wrap(buf, 0, n));
            }
            assertEquals(0, scanner.mismatches(), "the echo is what was sent");
            assertTrue(Hixie76.closeGracefully(ch, scanner), "our server answered the close frame and closed TCP");
        }
    }

    @Test
    void keepsOneMessageInFlightPerConnectionAndClosesCleanly() throws Exception {
        long before = echoed.get();
        Hixie76Load load = Hixie76Load.open(target, 4, Frames.asciiPayload(32), 1,
                System.nanoTime() + 10_000_000_000L);
        EchoLoad.Result r = load.runFor(SHORT_NANOS);
        for (int i = 0; i < 50 && r.messages() == 0; i++) { // a busy machine may give one short run to none
            r = load.runFor(SHORT_NANOS);
        }
        assertTrue(r.messages() > 0, "some echoes came back");
        assertEquals(r.messages() * 32, r.payloadBytes());
        assertEquals(0, load.close(5_000_000_000L), "every connection closed cleanly");
        assertEquals(0, load.mismatches(), "every echo equalled what was sent");
        // close waits for the message in flight, so every echo the server sent was counted, once
        assertEquals(echoed.get() - before, load.messagesReceived());
        assertTrue(load.messagesReceived() >= r.messages() + 4);
    }
}
