package net.websocket.bench.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The report's table: ratios to Netty 4.1 and 4.2, and the raw echo shown as the limit. */
class ReportTest {

    @Test
    void givesRatiosToBothNettyLinesAndShowsRawAsTheLimit() {
        Suite suite = new Suite(new Settings(1, 1, 1, 10, 10, 1, 1, List.of("ours", "netty", Netty42.NAME, Suite.RAW),
                "ad", Path.of("target", "report-test"), null, -1, "test", "?", null));
        put(suite, "ours", "a.msgs", 300);
        put(suite, "netty", "a.msgs", 100);
        put(suite, Netty42.NAME, "a.msgs", 150);
        put(suite, Suite.RAW, "a.msgs", 600);
        put(suite, Suite.RAW, "d.tcpCps", 5000);
        String report = new Report(suite).render("0.00 0.00 0.00", 1);
        assertTrue(report.contains("| figure | ours | netty | netty42 | raw (limit) | ours/netty | ours/netty42 | target "
                + "| ours/raw |"), report);
        assertTrue(report.contains("| 300.0 | 100.0 | 150.0 | 600.0 | 3.00x | 2.00x | >= 1.3x | 0.50x |"), report);
        assertTrue(report.contains("(d) TCP connects+closes/s, no bytes, 4 clients (raw only) | - | - | - | 5,000 |"),
                report);
    }

    private static void put(Suite suite, String server, String key, double value) {
        suite.results().get(server).computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
}
