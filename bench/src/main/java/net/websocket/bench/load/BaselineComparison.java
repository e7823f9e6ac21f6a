package net.websocket.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Our current server against a {@link Baseline} build, figure by figure: the ratio current / baseline of the medians
 * of every figure of the scenarios run, which way is better for it, and a flag on every figure where the current
 * build is worse than the baseline by more than {@link #TOLERANCE} of the baseline's figure (throughput below
 * 0.95x; latency, CPU per message, memory and bytes on the wire above 1.05x).
 */
final class BaselineComparison {

    /** How much worse than the baseline a figure may be before it is flagged: 5 % of the baseline's figure. */
    static final double TOLERANCE = 0.05;

    /** One figure of both builds. */
    record Row(Suite.Metric metric, double current, double baseline) {

        /** Whether both figures are there and the ratio means something. */
        boolean comparable() {
            return Double.isFinite(current) && Double.isFinite(baseline) && baseline > 0 && current >= 0;
        }

        /** Current / baseline, or NaN when not {@link #comparable()}. */
        double ratio() {
            return comparable() ? current / baseline : Double.NaN;
        }

        /**
         * How much worse the current figure is than the baseline's, as a fraction of the baseline's (negative when
         * better), or NaN when not {@link #comparable()}.
         */
        double worse() {
            double r = ratio();
            return metric.higherIsBetter() ? 1 - r : r - 1;
        }

        /** Whether the current build is worse than the baseline by more than {@link #TOLERANCE}. */
        boolean flagged() {
            return worse() > TOLERANCE;
        }
    }

    private BaselineComparison() {
    }

    /** The rows of the figures of the scenarios run, in the order of {@code metrics}. */
    static List<Row> rows(List<Suite.Metric> metrics, String scenarios, ToDoubleFunction<String> current,
            ToDoubleFunction<String> baseline) {
        List<Row> rows = new ArrayList<>();
        for (Suite.Metric m : metrics) {
            if (scenarios.indexOf(m.key().charAt(0)) >= 0) {
                rows.add(new Row(m, current.applyAsDouble(m.key()), baseline.applyAsDouble(m.key())));
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
                .append(", built from its own sources and run from its own class path in the same rounds. Ratio: ")
                .append(cur).append(" / ").append(base).append(" (medians); flagged when ").append(cur)
                .append(" is worse by more than ").append(percent(TOLERANCE)).append(" of the baseline's figure.\n\n");
        b.append("| figure | better | ").append(cur).append(" | ").append(base).append(" | ").append(cur)
                .append('/').append(base).append(" | verdict |\n|---|---|---:|---:|---:|---|\n");
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
                    .append(verdict).append(" |\n");
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
