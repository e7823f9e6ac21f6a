package net.websocket.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The raw TCP echo's limit figures, produced by the suite as a run produces them (its own JVM, on 127.0.0.1, settings
 * much shorter than {@code --quick}): in the scenarios that once left it out, (d) TCP connections alone, (f) the
 * uncompressed 4 KB echo, (h) the hybi-00 bytes echoed, (i) bystanders during a flood of requests echoed; and those it
 * always had, (b) round trips of the same bytes and (e) idle TCP connections.
 */
class RawLimitTest {

    @Test
    void producesTheLimitOfEveryScenarioButTheThroughputOnes() {
        Suite suite = new Suite(new Settings(1, 0.2, 0.2, 10, 200, 5, 0.2, List.of(Suite.RAW), "bdefhi",
                Path.of("target", "raw-limit-test"), null, -1, "test", "?", null));
        suite.runServer(Suite.RAW, 1);
        assertEquals(List.of(), suite.problems());
        Map<String, List<Double>> figures = suite.results().get(Suite.RAW);
        for (String key : List.of("b.p50", "b.p999", "d.hps", "d.tcpCps", "f.offMsgs", "f.offCpuUs", "h.p50", "h.p999", "h.msgs",
                "h.msgsPerCpu", "i.quietP999", "i.floodP999", "i.ratio", "i.floodHps")) {
            assertTrue(figures.containsKey(key), key + " missing from " + figures.keySet());
            double v = figures.get(key).get(0);
            assertTrue(v > 0 && Double.isFinite(v), key + " = " + v);
        }
        // memory growth of 10 connections may round to nothing: produced, not necessarily positive
        assertTrue(Double.isFinite(figures.get("e.heapPerConn").get(0)), figures.toString());
        assertTrue(Double.isFinite(figures.get("e.rssPerConn").get(0)), figures.toString());
        assertFalse(figures.containsKey("f.onMsgs"), "no compression column for the raw echo");
        assertEquals((double) HandshakeFlood.FLOOD_HANDSHAKES, figures.get("i.upgraded").get(0),
                "every flood request echoed");
        assertEquals(0.0, figures.get("i.failed").get(0));
    }
}
