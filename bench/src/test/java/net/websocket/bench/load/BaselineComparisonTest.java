package net.websocket.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BaselineComparisonTest {

    private static final Metric THROUGHPUT = new Metric("a.msgs", "(a) msgs/s", true, "");
    private static final Metric LATENCY = new Metric("b.p99", "(b) p99, us", false, "");
    private static final Baseline BASELINE = new Baseline("ours@abc1234", "classes", "abc1234 subject");

    @Test
    void throughputIsFlaggedOnlyWhenMoreThanFivePercentLower() {
        assertFalse(new BaselineComparison.Row(THROUGHPUT, 96, 100).flagged());
        assertFalse(new BaselineComparison.Row(THROUGHPUT, 150, 100).flagged());
        assertTrue(new BaselineComparison.Row(THROUGHPUT, 94, 100).flagged());
        assertEquals(0.06, new BaselineComparison.Row(THROUGHPUT, 94, 100).worse(), 1e-9);
    }

    @Test
    void latencyIsFlaggedOnlyWhenMoreThanFivePercentHigher() {
        assertFalse(new BaselineComparison.Row(LATENCY, 104, 100).flagged());
        assertFalse(new BaselineComparison.Row(LATENCY, 50, 100).flagged());
        assertTrue(new BaselineComparison.Row(LATENCY, 106, 100).flagged());
        assertEquals(1.06, new BaselineComparison.Row(LATENCY, 106, 100).ratio(), 1e-9);
    }

    @Test
    void aMissingFigureIsNeitherComparedNorFlagged() {
        BaselineComparison.Row row = new BaselineComparison.Row(THROUGHPUT, Double.NaN, 100);
        assertFalse(row.comparable());
        assertFalse(row.flagged());
        assertFalse(new BaselineComparison.Row(LATENCY, 5, 0).comparable());
    }

    @Test
    void rowsCoverTheScenariosRunOnly() {
        Map<String, List<Double>> current = Map.of("a.msgs", List.of(90.0), "b.p99", List.of(100.0));
        Map<String, List<Double>> baseline = Map.of("a.msgs", List.of(100.0), "b.p99", List.of(100.0));
        List<BaselineComparison.Row> rows = BaselineComparison.rows(List.of(THROUGHPUT, LATENCY), "a",
                current::get, baseline::get);
        assertEquals(1, rows.size());
        assertEquals(THROUGHPUT, rows.get(0).metric());
        assertEquals(0.9, rows.get(0).ratio(), 1e-9);
    }

    @Test
    void theSectionGivesEveryRatioAndNamesTheFlaggedFigures() {
        String section = BaselineComparison.render(BASELINE, List.of(
                new BaselineComparison.Row(THROUGHPUT, 90, 100), new BaselineComparison.Row(LATENCY, 99, 100)));
        assertTrue(section.contains("| (a) msgs/s | higher | 90.0 | 100.0 | 0.900x | - | **worse by 10.0 %** |"),
                section);
        assertTrue(section.contains("| (b) p99, us | lower | 99.0 | 100.0 | 0.990x | - | ok |"), section);
        assertTrue(section.contains("1 figure(s) worse than the baseline by more than 5.0 %: (a) msgs/s (10.0 %)."),
                section);
        String clean = BaselineComparison.render(BASELINE, List.of(new BaselineComparison.Row(LATENCY, 99, 100)));
        assertTrue(clean.contains("No figure worse than the baseline by more than 5.0 %."), clean);
    }

    @Test
    void roundsPairWhenEveryRoundHasBothFiguresAndThenTheirMedianRatioDecides() {
        // medians 100 vs 100 (1.00x), but round by round the current build is 10 % slower each time
        BaselineComparison.Row paired = BaselineComparison.Row.of(LATENCY, List.of(110.0, 88.0, 100.0, 121.0),
                List.of(100.0, 80.0, 91.0, 110.0));
        assertEquals(4, paired.roundRatios().size());
        assertEquals(1.1, paired.pairedRatio(), 1e-2);
        assertTrue(paired.flagged(), "judged on the per-round ratio");
        assertTrue(paired.pairedText().matches("1\\.1\\d\\dx \\(1\\.09\\d-1\\.10\\d\\)"), paired.pairedText());
        // a round that lacks one side's figure: no pairing, the medians decide
        BaselineComparison.Row unpaired = BaselineComparison.Row.of(LATENCY, List.of(110.0, 88.0, 100.0),
                List.of(100.0, 80.0, 91.0, 110.0));
        assertTrue(unpaired.roundRatios().isEmpty());
        assertEquals("-", unpaired.pairedText());
        assertEquals(unpaired.ratio(), unpaired.decidingRatio(), 1e-12);
    }

    @Test
    void roundsAlternateTheServersOrder() {
        List<String> servers = List.of("ours", "ours@abc1234", "netty", "raw");
        assertEquals(servers, Suite.order(servers, 1));
        assertEquals(List.of("raw", "netty", "ours@abc1234", "ours"), Suite.order(servers, 2));
        assertEquals(servers, Suite.order(servers, 3));
    }

    @Test
    void theBaselineRunsRightAfterOursWhichIsAddedWhenNotAskedFor() {
        assertEquals(List.of("ours", "ours@abc1234", "netty", "raw"),
                BASELINE.joining(List.of("ours", "netty", "raw")));
        assertEquals(List.of("ours", "ours@abc1234", "jetty"), BASELINE.joining(List.of("jetty")));
        assertEquals(List.of("netty", "ours", "ours@abc1234"), BASELINE.joining(List.of("netty", "ours")));
    }

    @Test
    void theSuiteTakesTheBaselineFromItsArguments() {
        Settings s = Settings.parse(new String[] {"--quick", "--servers", "netty", "--baseline-server",
            "ours@abc1234", "--baseline-class-path", "classes", "--baseline-commit", "abc1234 subject"});
        assertEquals(List.of("ours", "ours@abc1234", "netty"), s.servers());
        assertEquals(BASELINE, s.baseline());
        assertThrows(IllegalArgumentException.class, () -> new Baseline("ours", "classes", "?"));
        assertThrows(IllegalArgumentException.class,
                () -> Settings.parse(new String[] {"--baseline-server", "ours@abc1234"}));
    }
}
