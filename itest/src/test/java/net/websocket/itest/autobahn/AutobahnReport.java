package net.websocket.itest.autobahn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The results of one agent in a wstest report directory: {@code index.json} (case id to behavior and closing
 * behavior) plus, for the cases that did not pass, the description and result from their own JSON report.
 *
 * <p>A case passes when both its behavior and its closing behavior are {@code OK} or {@code INFORMATIONAL}.
 * {@code NON-STRICT}, {@code FAILED}, {@code UNIMPLEMENTED}, {@link #MISSING} and anything else count as failures.
 */
public final class AutobahnReport {

    /** The behaviors that count as a pass. */
    public static final Set<String> PASSING = Set.of("OK", "INFORMATIONAL");

    /** One case's outcome. */
    public record CaseResult(String id, String behavior, String behaviorClose, Object remoteCloseCode,
                             String reportFile) {
        public boolean passed() {
            return PASSING.contains(behavior) && PASSING.contains(behaviorClose);
        }

        /** The section: the first number of the id. */
        public String section() {
            int dot = id.indexOf('.');
            return dot < 0 ? id : id.substring(0, dot);
        }
    }

    /** The behavior given to a case wstest planned but did not report (its result was never recorded). */
    public static final String MISSING = "MISSING";

    private final Path dir;
    private final String agent;
    private final List<CaseResult> cases;

    private AutobahnReport(Path dir, String agent, List<CaseResult> cases) {
        this.dir = dir;
        this.agent = agent;
        this.cases = cases;
    }

    /**
     * This report plus a {@link #MISSING} result for each planned case that has none, so that a case whose result
     * wstest never recorded cannot pass unnoticed.
     */
    public AutobahnReport withPlanned(List<String> planned) {
        Set<String> have = new java.util.HashSet<>();
        cases.forEach(c -> have.add(c.id));
        List<CaseResult> all = new ArrayList<>(cases);
        for (String id : planned) {
            if (!have.contains(id)) {
                all.add(new CaseResult(id, MISSING, MISSING, null, null));
            }
        }
        all.sort(Comparator.comparing(CaseResult::id, AutobahnReport::compareIds));
        return new AutobahnReport(dir, agent, List.copyOf(all));
    }

    /** Reads {@code dir/index.json} for {@code agent}. */
    @SuppressWarnings("unchecked")
    public static AutobahnReport read(Path dir, String agent) throws IOException {
        Path index = dir.resolve("index.json");
        if (!Files.isRegularFile(index)) {
            throw new IOException("no wstest report: " + index + " is missing");
        }
        Map<String, Object> root = (Map<String, Object>) Json.parse(Files.readString(index));
        Map<String, Object> byCase = (Map<String, Object>) root.get(agent);
        if (byCase == null) {
            throw new IOException("no results for agent " + agent + " in " + index + " (agents: " + root.keySet()
                    + ")");
        }
        List<CaseResult> list = new ArrayList<>();
        for (Map.Entry<String, Object> e : byCase.entrySet()) {
            Map<String, Object> c = (Map<String, Object>) e.getValue();
            list.add(new CaseResult(e.getKey(), String.valueOf(c.get("behavior")),
                    String.valueOf(c.get("behaviorClose")), c.get("remoteCloseCode"),
                    String.valueOf(c.get("reportfile"))));
        }
        list.sort(Comparator.comparing(CaseResult::id, AutobahnReport::compareIds));
        return new AutobahnReport(dir, agent, List.copyOf(list));
    }

    public List<CaseResult> cases() {
        return cases;
    }

    public List<CaseResult> failures() {
        return cases.stream().filter(c -> !c.passed()).toList();
    }

    /** Counts per behavior, e.g. {@code OK=290, NON-STRICT=3}. */
    public Map<String, Integer> counts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (CaseResult c : cases) {
            m.merge(c.passed() ? c.behavior : worst(c), 1, Integer::sum);
        }
        return m;
    }

    /**
     * A description of every failing case: id, behaviors, the case's description and wstest's result text, one
     * paragraph per case.
     */
    @SuppressWarnings("unchecked")
    public String describeFailures() {
        StringBuilder b = new StringBuilder();
        for (CaseResult c : failures()) {
            b.append("Case ").append(c.id).append(": behavior=").append(c.behavior).append(", close=")
                    .append(c.behaviorClose).append(", remoteCloseCode=").append(c.remoteCloseCode).append('\n');
            if (c.reportFile == null) {
                b.append("  (wstest recorded no result for this case)\n");
                continue;
            }
            try {
                Map<String, Object> detail = (Map<String, Object>) Json.parse(
                        Files.readString(dir.resolve(c.reportFile)));
                b.append("  description: ").append(oneLine(detail.get("description"))).append('\n');
                b.append("  expectation: ").append(oneLine(detail.get("expectation"))).append('\n');
                b.append("  result: ").append(oneLine(detail.get("result"))).append('\n');
                b.append("  resultClose: ").append(oneLine(detail.get("resultClose"))).append('\n');
            } catch (IOException | RuntimeException e) {
                b.append("  (no case report: ").append(e).append(")\n");
            }
        }
        return b.toString();
    }

    /**
     * Writes {@code summary.md}: a table of section, cases, OK, NON-STRICT, INFORMATIONAL and FAILED (a case counts
     * under the worse of its behavior and closing behavior), then the failing cases.
     */
    public Path writeSummary(String title) throws IOException {
        Map<String, int[]> rows = new LinkedHashMap<>();
        int[] total = new int[5];
        for (CaseResult c : cases) {
            int[] row = rows.computeIfAbsent(c.section(), s -> new int[5]);
            int col = switch (c.passed() ? c.behavior : worst(c)) {
                case "OK" -> 1;
                case "NON-STRICT" -> 2;
                case "INFORMATIONAL" -> 3;
                default -> 4;
            };
            row[0]++;
            row[col]++;
            total[0]++;
            total[col]++;
        }
        StringBuilder b = new StringBuilder();
        b.append("# ").append(title).append("\n\n");
        b.append("Agent `").append(agent).append("`, wstest 0.5.6. A case passes when its behavior and its closing ")
                .append("behavior are both OK or INFORMATIONAL.\n\n");
        b.append("| section | cases | OK | NON-STRICT | INFORMATIONAL | FAILED |\n");
        b.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Map.Entry<String, int[]> e : rows.entrySet()) {
            appendRow(b, e.getKey(), e.getValue());
        }
        appendRow(b, "**all**", total);
        List<CaseResult> failed = failures();
        b.append('\n');
        if (failed.isEmpty()) {
            b.append("No failing cases.\n");
        } else {
            b.append("## Failing cases\n\n```\n").append(describeFailures()).append("```\n");
        }
        Path out = dir.resolve("summary.md");
        Files.writeString(out, b.toString());
        return out;
    }

    private static void appendRow(StringBuilder b, String name, int[] r) {
        b.append("| ").append(name);
        for (int v : r) {
            b.append(" | ").append(v);
        }
        b.append(" |\n");
    }

    /** The worse of behavior and closing behavior, for a failing case: FAILED, then anything odd, then NON-STRICT. */
    private static String worst(CaseResult c) {
        for (String s : List.of(c.behavior, c.behaviorClose)) {
            if (!PASSING.contains(s) && !s.equals("NON-STRICT")) {
                return "FAILED";
            }
        }
        return "NON-STRICT";
    }

    private static String oneLine(Object o) {
        return o == null ? "" : o.toString().replaceAll("\\s+", " ").trim();
    }

    /** Compares case ids numerically part by part: 1.1.2 before 1.1.10. */
    static int compareIds(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c;
            try {
                c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            } catch (NumberFormatException e) {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
