package net.websocket.itest.hybi00;

import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The hybi-00 conformance suite's table: cases with an expectation, run as JUnit dynamic tests, and a summary in
 * the spirit of the Autobahn one ({@code target/hybi00/summary.md}; directory: system property
 * {@code itest.hybi00.outdir}).
 *
 * <p>A case's body checks what it expects and returns a {@link Verdict}: {@link Result#OK} when the behaviour is the
 * one expected, {@link Result#INFORMATIONAL} when the draft leaves the behaviour open and the case only records what
 * happened, {@link Result#NON_STRICT} when the behaviour is tolerable but not what the draft asks. An
 * {@link AssertionError} (or any exception) makes it {@link Result#FAILED}; a {@link TestAbortedException} makes it
 * {@link Result#SKIPPED}. Like the Autobahn tests, NON-STRICT and FAILED fail the JUnit test.
 */
final class Conformance {

    /** The outcome of a case. */
    enum Result {
        OK("OK"), NON_STRICT("NON-STRICT"), INFORMATIONAL("INFORMATIONAL"), FAILED("FAILED"), SKIPPED("SKIPPED");

        final String label;

        Result(String label) {
            this.label = label;
        }
    }

    /** What a case's body concluded, and what it observed. */
    record Verdict(Result result, String observed) {
        static Verdict ok(String observed) {
            return new Verdict(Result.OK, observed);
        }

        static Verdict informational(String observed) {
            return new Verdict(Result.INFORMATIONAL, observed);
        }

        static Verdict nonStrict(String observed) {
            return new Verdict(Result.NON_STRICT, observed);
        }
    }

    /** A case's body. */
    @FunctionalInterface
    interface Body {
        Verdict run() throws Exception;
    }

    /** One row of the table: id ({@code SECTION.N}), what is sent or done, what is expected. */
    record Case(String id, String description, String expectation, Body body) {
        String section() {
            return id.substring(0, id.indexOf('.'));
        }
    }

    /** A case as it ran. */
    record Outcome(Case c, Result result, String observed) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_OBSERVED = 400;

    private final String side;
    private final String title;
    private final Map<String, String> sections;
    private final List<Case> cases = new ArrayList<>();
    private final List<Outcome> outcomes = new ArrayList<>();

    /**
     * @param side     a file name for this part of the summary ({@code server}, {@code client})
     * @param title    the heading of this part
     * @param sections section number to title
     */
    Conformance(String side, String title, Map<String, String> sections) {
        this.side = side;
        this.title = title;
        this.sections = new LinkedHashMap<>(sections);
    }

    /** Adds a case. */
    void add(String id, String description, String expectation, Body body) {
        if (!sections.containsKey(id.substring(0, id.indexOf('.')))) {
            throw new IllegalArgumentException("no section for case " + id);
        }
        cases.add(new Case(id, description, expectation, body));
    }

    /** The cases as dynamic tests; each one's outcome is kept for {@link #writeSummary()}. */
    Stream<DynamicTest> tests() {
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.id() + " " + c.description(), () -> run(c)));
    }

    private void run(Case c) throws Throwable {
        Result result;
        String observed;
        Throwable failure = null;
        try {
            Verdict v = c.body().run();
            result = v.result();
            observed = v.observed();
        } catch (TestAbortedException e) {
            result = Result.SKIPPED;
            observed = e.getMessage();
            failure = e;
        } catch (Throwable e) {
            result = Result.FAILED;
            observed = String.valueOf(e.getMessage() == null ? e : e.getMessage());
            failure = e;
        }
        synchronized (outcomes) {
            outcomes.removeIf(o -> o.c().id().equals(c.id()));
            outcomes.add(new Outcome(c, result, observed));
        }
        if (failure != null) {
            throw failure;
        }
        if (result == Result.NON_STRICT) {
            throw new AssertionError("NON-STRICT: " + observed);
        }
    }

    /** Writes this side's part and the summary of every part there is. */
    void writeSummary() throws IOException {
        Path dir = outDir();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(side + ".md"), part(), StandardCharsets.UTF_8);
        StringBuilder summary = new StringBuilder("# hybi-00 conformance\n\n")
                .append("Wire-level cases of draft-ietf-hybi-thewebsocketprotocol-00 (hixie-76) run by ")
                .append("`net.websocket.itest.hybi00`: a raw client against our server and a raw server (written from ")
                .append("the draft, independent of the engine) against our client. A case is OK when it behaved as ")
                .append("expected, INFORMATIONAL when the draft leaves the behaviour open and the case records what ")
                .append("happened, NON-STRICT when the behaviour is tolerable but not what the draft asks, FAILED ")
                .append("otherwise.\n");
        for (String part : List.of("server", "client")) {
            Path f = dir.resolve(part + ".md");
            if (Files.isRegularFile(f)) {
                summary.append('\n').append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        Files.writeString(dir.resolve("summary.md"), summary.toString(), StandardCharsets.UTF_8);
    }

    static Path outDir() {
        return Path.of(System.getProperty("itest.hybi00.outdir", "target/hybi00")).toAbsolutePath();
    }

    private String part() {
        List<Outcome> done;
        synchronized (outcomes) {
            done = new ArrayList<>(outcomes);
        }
        done.sort((a, b) -> compareIds(a.c().id(), b.c().id()));
        StringBuilder b = new StringBuilder("## ").append(title).append("\n\n")
                .append("Run ").append(TIME.format(Instant.now())).append(".\n\n")
                .append("| section | cases | OK | NON-STRICT | INFORMATIONAL | FAILED |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        int[] all = new int[Result.values().length];
        for (Map.Entry<String, String> s : sections.entrySet()) {
            int[] n = new int[Result.values().length];
            done.stream().filter(o -> o.c().section().equals(s.getKey())).forEach(o -> n[o.result().ordinal()]++);
            int count = n[0] + n[1] + n[2] + n[3];
            b.append("| ").append(s.getKey()).append(' ').append(s.getValue()).append(" | ").append(count)
                    .append(" | ").append(n[Result.OK.ordinal()]).append(" | ").append(n[Result.NON_STRICT.ordinal()])
                    .append(" | ").append(n[Result.INFORMATIONAL.ordinal()]).append(" | ")
                    .append(n[Result.FAILED.ordinal()]).append(" |\n");
            for (int i = 0; i < n.length; i++) {
                all[i] += n[i];
            }
        }
        b.append("| **all** | ").append(all[0] + all[1] + all[2] + all[3]).append(" | ").append(all[0])
                .append(" | ").append(all[1]).append(" | ").append(all[2]).append(" | ").append(all[3]).append(" |\n");
        if (all[Result.SKIPPED.ordinal()] > 0) {
            b.append("\nSkipped (not counted): ").append(all[Result.SKIPPED.ordinal()]).append(".\n");
        }
        b.append("\n| case | sent or done | expected | result | observed |\n| --- | --- | --- | --- | --- |\n");
        for (Outcome o : done) {
            b.append("| ").append(o.c().id()).append(" | ").append(cell(o.c().description())).append(" | ")
                    .append(cell(o.c().expectation())).append(" | ").append(o.result().label).append(" | ")
                    .append(cell(o.observed())).append(" |\n");
        }
        return b.toString();
    }

    private static String cell(String s) {
        String t = s == null ? "" : s.replaceAll("[\\r\\n\\t]+", " ").replace("|", "\\|").trim();
        return t.length() <= MAX_OBSERVED ? t : t.substring(0, MAX_OBSERVED) + "...";
    }

    /** Orders ids like 1.2 &lt; 1.10 &lt; 2.1. */
    private static int compareIds(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
