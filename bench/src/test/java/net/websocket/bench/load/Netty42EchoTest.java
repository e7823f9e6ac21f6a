package net.websocket.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The Netty 4.2 echo server ({@link Netty42}) in a JVM of its own on its own class path, as the suite starts it, on
 * 127.0.0.1: RFC 6455 echoes, the closing handshake, hybi-00 (scenario (h)) and permessage-deflate (scenario (f)),
 * each briefly.
 */
class Netty42EchoTest {

    /** Bound on each load run's time. */
    private static final long SHORT_NANOS = 200_000_000L;

    /** Bound on opening or closing a load's connections. */
    private static final long OPEN_NANOS = 30_000_000_000L;

    private static Suite suite() {
        return new Suite(new Settings(1, 0.2, 0.2, 10, 100, 5, 0.2, List.of(Netty42.NAME), "abcdefhi",
                Path.of("target", "netty42-test"), null, -1, "test", "?", null));
    }

    @Test
    void runsOnNetty42AloneBesideNetty41() throws IOException {
        Path dir = Path.of(Netty42.classPath().replace("*", ""));
        List<String> jars = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> jars.add(p.getFileName().toString()));
        }
        assertTrue(jars.contains("netty-codec-http-4.2.18.Final.jar"), jars.toString());
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("net.websocket.bench.netty42-")), jars.toString());
        assertTrue(jars.stream().filter(j -> j.startsWith("netty-")).allMatch(j -> j.contains("-4.2.")),
                "only Netty 4.2 on its class path: " + jars);
        assertTrue(Settings.parse(new String[0]).servers().contains(Netty42.NAME), "a default server");
        assertTrue(Settings.parse(new String[0]).servers().contains("netty"), "4.1 kept beside it");
    }

    @Test
    void echoesAndClosesCleanly() throws IOException {
        Suite suite = suite();
        try (ServerProcess p = suite.start(Netty42.NAME, 1, List.of())) {
            assertEquals(Netty42.NAME, p.target().name());
            try (EchoLoad load = EchoLoad.open(p.target(), 4, 8, Frames.OP_TEXT, Frames.asciiPayload(32), 1,
                    System.nanoTime() + OPEN_NANOS)) {
                load.runFor(SHORT_NANOS);
                // close lets the messages in flight come back: at least the 4 x 8 sent first
                assertEquals(0, load.close(OPEN_NANOS), "every connection closed cleanly");
                assertTrue(load.messagesReceived() >= 4 * 8, "echoes came back: " + load.messagesReceived());
                assertEquals(load.messagesReceived() * 32, load.payloadBytesReceived());
            }
            try (EchoLoad load = EchoLoad.open(p.target(), 1, 1, Frames.OP_BINARY, Frames.binaryPayload(1 << 20), 2,
                    System.nanoTime() + OPEN_NANOS)) {
                load.runFor(SHORT_NANOS);
                assertEquals(0, load.close(OPEN_NANOS), "closed cleanly");
                assertTrue(load.messagesReceived() >= 1, "the 1 MiB echo came back");
                assertEquals(load.messagesReceived() << 20, load.payloadBytesReceived());
            }
            Latency.Percentiles q = Latency.run(p.target(), Frames.asciiPayload(32), 10_000_000L, 100,
                    5_000_000_000L, 3);
            assertEquals(100, q.samples());
            Handshakes.openAndClose(p.target(), new SplittableRandom(4));
            assertTrue(p.isAlive());
        }
    }

    /** Netty 4.2 still answers hixie-76 (its WebSocketServerHandshaker00), so scenario (h) runs against it. */
    @Test
    void speaksHybi00() throws IOException {
        Suite suite = suite();
        try (ServerProcess p = suite.start(Netty42.NAME, 1, List.of())) {
            byte[] payload = Frames.asciiPayload(32);
            Latency.Percentiles q = Hixie76.latency(p.target(), payload, 10_000_000L, 100, 5_000_000_000L, 5);
            assertEquals(100, q.samples());
            try (Hixie76Load load = Hixie76Load.open(p.target(), 4, payload, 6, System.nanoTime() + OPEN_NANOS)) {
                load.runFor(SHORT_NANOS);
                assertEquals(0, load.close(OPEN_NANOS), "every hybi-00 connection closed cleanly");
                assertTrue(load.messagesReceived() >= 4, "hybi-00 echoes came back: " + load.messagesReceived());
                assertEquals(0, load.mismatches());
            }
        }
    }

    /** With {@link Suite#DEFLATE_FLAGS}, as scenario (f) starts it, every echo comes back compressed. */
    @Test
    void compressesWithPermessageDeflate() throws IOException {
        Suite suite = suite();
        try (ServerProcess p = suite.start(Netty42.NAME, 1, Suite.DEFLATE_FLAGS)) {
            List<byte[]> payloads = List.of(Frames.jsonPayload(4096, 0), Frames.jsonPayload(4096, 1));
            try (EchoLoad load = EchoLoad.open(p.target(), 2, 2, Frames.OP_TEXT, payloads, 7,
                    System.nanoTime() + OPEN_NANOS, true)) {
                load.runFor(SHORT_NANOS);
                assertEquals(0, load.close(OPEN_NANOS), "every connection closed cleanly");
                assertTrue(load.messagesReceived() >= 2 * 2, "echoes came back: " + load.messagesReceived());
                assertEquals(load.messagesReceived(), load.compressedMessagesReceived(), "every echo had RSV1");
            }
        }
        assertFalse(suite.problems().iterator().hasNext(), suite.problems().toString());
    }
}
