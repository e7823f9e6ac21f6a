package net.websocket.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
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

/** The load generator against a real WebSocket echo (ours, in this JVM, on 127.0.0.1), briefly. */
class LoadGeneratorTest {

    /** Bound on each test's run time. */
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

            @Override
            public void onBinary(Connection c, ByteBuffer data) throws Exception {
                echoed.incrementAndGet();
                c.sendBinary(data);
            }
        });
        target = new Target("ours", new InetSocketAddress("127.0.0.1", server.port()), "/echo", true);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void keepsMessagesInFlightAndClosesCleanly() throws Exception {
        long before = echoed.get();
        EchoLoad load = EchoLoad.open(target, 4, 8, Frames.OP_TEXT, Frames.asciiPayload(32), 1,
                System.nanoTime() + 10_000_000_000L);
        EchoLoad.Result r = runUntilEchoes(load);
        assertTrue(r.messages() > 0, "some echoes came back");
        assertEquals(r.messages() * 32, r.payloadBytes());
        assertEquals(0, load.close(5_000_000_000L), "every connection closed cleanly");
        // close waits for the messages in flight, so every echo the server sent was counted, once
        assertEquals(echoed.get() - before, load.messagesReceived());
        assertTrue(load.messagesReceived() >= r.messages() + 4 * 8);
    }

    /** Scenario (f)'s load: distinct precompressed messages; the server (deflate on the class path) compresses. */
    @Test
    void sendsDistinctCompressedMessages() throws Exception {
        long before = echoed.get();
        List<byte[]> payloads = List.of(Frames.jsonPayload(4096, 0), Frames.jsonPayload(4096, 1),
                Frames.jsonPayload(4096, 2));
        EchoLoad load = EchoLoad.open(target, 2, 4, Frames.OP_TEXT, payloads, 4,
                System.nanoTime() + 10_000_000_000L, true);
        EchoLoad.Result r = runUntilEchoes(load);
        assertTrue(r.messages() > 0, "some echoes came back");
        assertTrue(r.payloadBytes() < r.messages() * 4096L / 2, "echoes came back compressed: " + r);
        assertTrue(load.frameLength() < 4096 / 2, "sent compressed: " + load.frameLength());
        assertEquals(0, load.close(5_000_000_000L), "every connection closed cleanly");
        assertEquals(echoed.get() - before, load.messagesReceived(), "the server decompressed every message");
        assertEquals(load.messagesReceived(), load.compressedMessagesReceived(), "every echo had RSV1");
    }

    @Test
    void deflatesAsPermessageDeflateSends() throws Exception {
        byte[] message = Frames.jsonPayload(4096, 7);
        byte[] compressed = Frames.deflate(message);
        java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
        inflater.setInput(java.nio.ByteBuffer.wrap(concat(compressed, new byte[] {0, 0, (byte) 0xff, (byte) 0xff})));
        byte[] out = new byte[8192];
        int n = inflater.inflate(out);
        inflater.end();
        assertEquals(new String(message, java.nio.charset.StandardCharsets.US_ASCII),
                new String(out, 0, n, java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void echoesLargeBinaryMessages() throws Exception {
        try (EchoLoad load = EchoLoad.open(target, 2, 1, Frames.OP_BINARY, Frames.binaryPayload(300_000), 2,
                System.nanoTime() + 10_000_000_000L)) {
            EchoLoad.Result r = runUntilEchoes(load);
            assertTrue(r.messages() > 0);
            assertEquals(r.messages() * 300_000L, r.payloadBytes());
        }
    }

    @Test
    void latencyChecksTheEchoAndRecordsSamples() throws Exception {
        Latency.Percentiles p = Latency.run(target, Frames.asciiPayload(32), 10_000_000L, 100, 5_000_000_000L, 3);
        assertEquals(100, p.samples());
        assertTrue(p.p50() > 0 && p.p50() <= p.p90() && p.p90() <= p.p99() && p.p99() <= p.max());
    }

    @Test
    void handshakeFloodAnswersEveryHandshakeWhileTheBystandersEcho() throws Exception {
        HandshakeFlood.Result r = HandshakeFlood.run(target, Frames.asciiPayload(32), 10_000_000L, 100, 5_000_000_000L, 4,
                2_000);
        assertEquals(2_000, r.upgraded(), "every flood handshake answered 101: " + r.why());
        assertEquals(0, r.refused() + r.failed(), r.why().toString());
        assertEquals(100, r.quiet().samples());
        assertTrue(r.flood().samples() > 0);
        assertTrue(r.ratio() > 0);
        assertEquals(r.ratio(), r.figures().get("i.ratio"));
    }

    @Test
    void opensAndClosesWholeConnections() throws Exception {
        for (int i = 0; i < 5; i++) {
            Handshakes.openAndClose(target, new SplittableRandom(i));
        }
        HandshakeRate.Result r = HandshakeRate.run(target, 2, 100_000_000L, 4);
        for (int i = 0; i < 50 && r.connections() == 0; i++) { // a busy machine may give 100 ms to none
            r = HandshakeRate.run(target, 2, 100_000_000L, 5 + i);
        }
        assertTrue(r.connections() > 0);
        assertEquals(0, r.failures());
    }

    /**
     * Runs the load for {@link #SHORT_NANOS} at a time until a run saw echoes (a busy machine may give one short run
     * to none), at most 50 times; the last run's result.
     */
    private static EchoLoad.Result runUntilEchoes(EchoLoad load) throws Exception {
        EchoLoad.Result r = load.runFor(SHORT_NANOS);
        for (int i = 0; i < 50 && r.messages() == 0; i++) {
            r = load.runFor(SHORT_NANOS);
        }
        return r;
    }
}
