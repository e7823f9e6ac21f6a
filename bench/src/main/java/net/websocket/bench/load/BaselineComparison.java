package net.websocket.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Our current server against a {@link Baseline} build, figure by figure: the ratio current / baseline of the medians
 * of every figure of the scenarios run, the same ratio round by round (both builds run side by side in each round,
 * in alternating order: the median of those paired ratios, and their spread, cancel most of a machine's drift over
 * the run), which way is better for it, and a flag on every figure where the current build is worse than the
 * baseline by more than {@link #TOLERANCE} of the baseline's figure (throughput below 0.95x; latency, CPU per
 * message, memory and bytes on the wire above 1.05x), judged on the paired ratio when every round has both figures.
 */
final class BaselineComparison {

    /** How much worse than the baseline a figure may be before it is flagged: 5 % of the baseline's figure. */
    static final double TOLERANCE = 0.05;

    /**
     * One figure of both builds: their medians, and current / baseline of each round in which both have it (empty
     * when some round lacks one of them: then the rounds do not pair).
     */
    record Row(Metric metric, double current, double baseline, List<Double> roundRatios) {

        Row(Metric metric, double current, double baseline) {
            this(metric, current, baseline, List.of());
        }

        /** The row of a figure from the values of each round of both builds. */
        static Row of(Metric metric, List<Double> current, List<Double> baseline) {
            List<Double> ratios = new ArrayList<>();
            if (current.size() == baseline.size()) {
                for (int i = 0; i < current.size(); i++) {
                    if (baseline.get(i) > 0 && current.get(i) >= 0) {
                        ratios.add(current.get(i) / baseline.get(i));
                    }
                }
                if (ratios.size() != current.size()) {
                    ratios.clear();
                }
            }
            return new Row(metric, Suite.median(current), Suite.median(baseline), List.copyOf(ratios));
        }

        /** Whether both figures are there and the ratio means something. */
        boolean comparable() {
            return Double.isFinite(current) && Double.isFinite(baseline) && baseline > 0 && current >= 0;
        }

        /** Current / baseline of the medians, or NaN when not {@link #comparable()}. */
        double ratio() {
            return comparable() ? current / baseline : Double.NaN;
        }

        /** The median of the {@link #roundRatios}, or NaN when the rounds do not pair. */
        double pairedRatio() {
            return Suite.median(roundRatios);
        }

        /** The ratio the verdict rests on: the {@link #pairedRatio} when the rounds pair, else {@link #ratio}. */
        double decidingRatio() {
            return roundRatios.isEmpty() ? ratio() : pairedRatio();
        }

        /**
         * How much worse the current figure is than the baseline's, as a fraction of the baseline's (negative when
         * better), by the {@link #decidingRatio}, or NaN when not {@link #comparable()}.
         */
        double worse() {
            if (!comparable()) {
                return Double.NaN;
            }
            double r = decidingRatio();
            return metric.higherIsBetter() ? 1 - r : r - 1;
        }

        /** The per-round ratios' median and range, e.g. {@code 1.012x (0.981-1.040)}, or {@code -}. */
        String pairedText() {
            if (roundRatios.isEmpty()) {
                return "-";
            }
            double lo = roundRatios.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double hi = roundRatios.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            return String.format(Locale.ROOT, "%.3fx (%.3f-%.3f)", pairedRatio(), lo, hi);
        }

        /** Whether the current build is worse than the baseline by more than {@link #TOLERANCE}. */
        boolean flagged() {
            return worse() > TOLERANCE;
        }
    }

    private BaselineComparison() {
    }

    /** The rows of the figures of the scenarios run, in the order of {@code metrics}. */
    static List<Row> rows(List<Metric> metrics, String scenarios, Function<String, List<Double>> current,
            Function<String, List<Double>> baseline) {
        List<Row> rows = new ArrayList<>();
        for (Metric m : metrics) {
            if (scenarios.indexOf(m.key().charAt(0)) >= 0) {
                rows.add(Row.of(m, current.apply(m.key()), baseline.apply(m.key())));
            }
        }
        return rows;
    }

    /** The report's section: a table of every row and a verdict line. */
    static String render(Baseline baseline, List<Row> rows) {
        String cur = Baseline.CURRENT;
        String base = baseline.name();
        StringBuilder b = new StringBuilder();
        b.append("\n## ").append(cur).append(" against the baseline ").append(base).append("\n\n")
                .append(base).append(" is commit ").append(baseline.commit())
                .append(", built from its own sources and run from its own class path beside ours in the same rounds, ")
                .append("in alternating order. Ratio: ").append(cur).append(" / ").append(base)
                .append(" of the medians; per round: the median of the rounds' ratios (their range); flagged when ")
                .append(cur).append(" is worse by more than ").append(percent(TOLERANCE))
                .append(" of the baseline's figure, by the per-round ratio when every round has both figures.\n\n");
        b.append("| figure | better | ").append(cur).append(" | ").append(base).append(" | ").append(cur)
                .append('/').append(base).append(" | per round | verdict |\n|---|---|---:|---:|---:|---:|---|\n");
        List<String> flagged = new ArrayList<>();
        int missing = 0;
        for (Row r : rows) {
            String verdict;
            if (!r.comparable()) {
                verdict = "not compared";
                missing++;
            } else if (r.flagged()) {
                verdict = "**worse by " + percent(r.worse()) + "**";
                flagged.add(r.metric().label() + " (" + percent(r.worse()) + ")");
            } else if (r.worse() > 0) {
                verdict = "worse by " + percent(r.worse());
            } else {
                verdict = "ok";
            }
            b.append("| ").append(r.metric().label()).append(" | ")
                    .append(r.metric().higherIsBetter() ? "higher" : "lower").append(" | ")
                    .append(Suite.fmt(r.current())).append(" | ").append(Suite.fmt(r.baseline())).append(" | ")
                    .append(r.comparable() ? String.format(Locale.ROOT, "%.3fx", r.ratio()) : "-").append(" | ")
                    .append(r.pairedText()).append(" | ").append(verdict).append(" |\n");
        }
        b.append('\n');
        if (flagged.isEmpty()) {
            b.append("No figure worse than the baseline by more than ").append(percent(TOLERANCE)).append('.');
        } else {
            b.append(flagged.size()).append(" figure(s) worse than the baseline by more than ")
                    .append(percent(TOLERANCE)).append(": ").append(String.join("; ", flagged)).append('.');
        }
        if (missing > 0) {
            b.append(' ').append(missing).append(" figure(s) not compared: missing on one side (see Problems), or ")
                    .append("the baseline's figure not above zero.");
        }
        return b.append('\n').toString();
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }
}
