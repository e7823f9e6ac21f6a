package net.websocket.itest.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The interop matrix: one row per peer and direction, one column per feature, each cell the outcome the interop tests
 * observed. Tests record cells as they run ({@link Recorder} does it for JUnit methods annotated with {@link Cells});
 * every record rewrites {@code target/interop/matrix.md} (directory: system property {@code itest.interop.outdir}).
 *
 * <p>Cells are kept per row in {@code cells/ROW.tsv} next to the matrix, so runs of different test classes (or Maven
 * invocations) add up; a row's cells from an earlier JVM are dropped when the row is recorded again.
 */
public final class InteropMatrix {

    /** The features, in the order of the columns; others recorded later are appended. */
    public static final String TEXT = "text";
    public static final String BINARY = "binary";
    public static final String LARGE = "large";
    public static final String FRAGMENTED = "fragmented";
    public static final String PING_PONG = "ping/pong";
    public static final String SUBPROTOCOL = "subprotocol";
    public static final String CLOSE_CODES = "close codes";
    /** permessage-deflate: agreed as both sides see it, its parameters, and messages compressed on the wire. */
    public static final String DEFLATE = "deflate";
    public static final List<String> FEATURES = List.of(TEXT, BINARY, LARGE, FRAGMENTED, PING_PONG, SUBPROTOCOL,
            CLOSE_CODES, DEFLATE);

    /** The rows, in the order of the table; others recorded later are appended. */
    public static final String JDK_CLIENT = "JDK `java.net.http` client → our server";
    public static final String NETTY_CLIENT = "Netty client → our server";
    public static final String NETTY_SERVER = "our client → Netty server";
    public static final String PYTHON_CLIENT = "python-websockets client → our server";
    public static final String PYTHON_SERVER = "our client → python-websockets server";
    public static final String NODE_CLIENT = "Node `ws` client → our server";
    public static final String NODE_SERVER = "our client → Node `ws` server";
    public static final String CHROMIUM = "headless Chromium (`examples/web/client.html`) → our server";
    /** The same peers with permessage-deflate agreed: every feature is checked with compressed messages. */
    private static final String COMPRESSED = ", permessage-deflate";
    public static final String NETTY_CLIENT_DEFLATE = NETTY_CLIENT + COMPRESSED;
    public static final String NETTY_SERVER_DEFLATE = NETTY_SERVER + COMPRESSED;
    public static final String PYTHON_CLIENT_DEFLATE = PYTHON_CLIENT + COMPRESSED;
    public static final String PYTHON_SERVER_DEFLATE = PYTHON_SERVER + COMPRESSED;
    public static final String NODE_CLIENT_DEFLATE = NODE_CLIENT + COMPRESSED;
    public static final String NODE_SERVER_DEFLATE = NODE_SERVER + COMPRESSED;
    public static final String CHROMIUM_DEFLATE = CHROMIUM + COMPRESSED;
    public static final String WEBSOCKET_DRIVER_HIXIE =
            "our hybi00 client → Node `websocket-driver` (hixie-76) server";
    public static final String NETTY_HIXIE = "Netty hixie-76 client → our hybi00 server";
    public static final List<String> ROWS = List.of(JDK_CLIENT, NETTY_CLIENT, NETTY_CLIENT_DEFLATE, NETTY_SERVER,
            NETTY_SERVER_DEFLATE, PYTHON_CLIENT,
            PYTHON_CLIENT_DEFLATE, PYTHON_SERVER, PYTHON_SERVER_DEFLATE, NODE_CLIENT, NODE_CLIENT_DEFLATE, NODE_SERVER,
            NODE_SERVER_DEFLATE, CHROMIUM, CHROMIUM_DEFLATE, WEBSOCKET_DRIVER_HIXIE, NETTY_HIXIE);

    /** The note of the deflate cell of a run with compression off. */
    public static final String DEFLATE_OFF = DEFLATE + ": compression off in this run (the peer neither offers nor "
            + "accepts it, or our side has no extensions); see the permessage-deflate row";

    /** What a test saw of a feature. */
    public enum Outcome {
        OK("OK"), FAILED("FAILED"), SKIPPED("skipped"), NOT_APPLICABLE("n/a");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }
    }

    /** The row a test class records into. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface Row {
        /** One of the row constants (or a new row). */
        String value();

        /** Features the row cannot have, each {@code "feature: why"}; recorded as n/a with that note. */
        String[] notApplicable() default {};
    }

    /** The features a test method checks: its outcome is recorded in these cells of its class's {@link Row}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Cells {
        String[] value();

        /** Shown with the cells when the test passes (what "OK" means for this row). */
        String note() default "";
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    /** This JVM: a row's cells from another run are replaced. */
    private static final String RUN = ProcessHandle.current().pid() + "-" + System.currentTimeMillis();
    private static final String HEADER_PREFIX = "# ";
    private static final int MAX_NOTE = 300;

    private static String commit;

    private InteropMatrix() {
    }

    /** Where the matrix and the cells go. */
    public static Path outDir() {
        return Path.of(System.getProperty("itest.interop.outdir", "target/interop")).toAbsolutePath();
    }

    /**
     * Records one test's outcome for one cell and rewrites the matrix.
     *
     * @param note shown under the table (a failure's message, a skip's reason); may be empty
     */
    public static synchronized void record(String row, String feature, Outcome outcome, String test, String note) {
        try {
            Path dir = outDir().resolve("cells");
            Files.createDirectories(dir);
            Path file = dir.resolve(slug(row) + ".tsv");
            List<Entry> entries = new ArrayList<>();
            if (Files.isRegularFile(file)) {
                for (Entry e : read(file).entries) {
                    if (e.run.equals(RUN) && !(e.feature.equals(feature) && e.test.equals(test))) {
                        entries.add(e);
                    }
                }
            }
            entries.add(new Entry(RUN, feature, outcome, test, clean(note), Instant.now().toEpochMilli(), commit()));
            StringBuilder b = new StringBuilder(HEADER_PREFIX).append(row).append('\n');
            for (Entry e : entries) {
                b.append(String.join("\t", e.run, e.feature, e.outcome.name(), e.test, e.note,
                        Long.toString(e.time), e.commit)).append('\n');
            }
            Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
            writeMatrix();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records which version of the peer a row's tests talked to (shown in the table). */
    public static synchronized void version(String row, String version) {
        try {
            Path dir = outDir().resolve("cells");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(slug(row) + ".version"), clean(version), StandardCharsets.UTF_8);
            writeMatrix();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records every feature of {@code features} as skipped for {@code why}. */
    public static void skipped(String row, String test, String why, List<String> features) {
        for (String f : features) {
            record(row, f, Outcome.SKIPPED, test, why);
        }
    }

    /**
     * Records the outcome of checks a peer script ran and reported as {@code ok NAME} or {@code FAIL NAME: why} lines;
     * a check with neither line failed (it did not run).
     *
     * @param checks the script's check names, each with the features it covers
     */
    public static void recordChecks(String row, String test, String output, Map<String, List<String>> checks) {
        for (Map.Entry<String, List<String>> c : checks.entrySet()) {
            String name = c.getKey();
            Optional<String> fail = output.lines().map(String::trim)
                    .filter(l -> l.startsWith("FAIL " + name + ":") || l.equals("FAIL " + name)).findFirst();
            boolean ok = output.lines().map(String::trim).anyMatch(l -> l.equals("ok " + name));
            for (String feature : c.getValue()) {
                if (fail.isPresent()) {
                    record(row, feature, Outcome.FAILED, test + " " + name, fail.get());
                } else if (ok) {
                    record(row, feature, Outcome.OK, test + " " + name, "");
                } else {
                    record(row, feature, Outcome.FAILED, test + " " + name, "the check did not report");
                }
            }
        }
    }

    // --------------------------------------------------------------------------------------------------- JUnit

    /**
     * Records the outcome of each {@link Cells} method of a {@link Row} class; a method that never ran because the
     * class could not start (a missing peer) is recorded as skipped, or failed, with the class's reason.
     */
    public static final class Recorder implements TestWatcher, BeforeAllCallback, AfterAllCallback {

        private final Set<String> done = new HashSet<>();

        @Override
        public void beforeAll(ExtensionContext context) {
            Row row = row(context).orElse(null);
            if (row == null) {
                return;
            }
            for (String na : row.notApplicable()) {
                int colon = na.indexOf(':');
                String feature = colon < 0 ? na : na.substring(0, colon).trim();
                String why = colon < 0 ? "" : na.substring(colon + 1).trim();
                record(row.value(), feature, Outcome.NOT_APPLICABLE, context.getRequiredTestClass().getSimpleName(),
                        why);
            }
        }

        @Override
        public void testSuccessful(ExtensionContext context) {
            recordMethod(context, Outcome.OK, null);
        }

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            recordMethod(context, Outcome.FAILED, String.valueOf(cause));
        }

        @Override
        public void testAborted(ExtensionContext context, Throwable cause) {
            recordMethod(context, Outcome.SKIPPED, cause == null ? "" : String.valueOf(cause.getMessage()));
        }

        @Override
        public void testDisabled(ExtensionContext context, Optional<String> reason) {
            recordMethod(context, Outcome.SKIPPED, reason.orElse("disabled"));
        }

        @Override
        public void afterAll(ExtensionContext context) {
            Row row = row(context).orElse(null);
            if (row == null) {
                return;
            }
            Throwable failure = context.getExecutionException().orElse(null);
            Outcome outcome = failure == null || failure instanceof TestAbortedException ? Outcome.SKIPPED
                    : Outcome.FAILED;
            String why = failure == null ? "did not run" : String.valueOf(failure.getMessage());
            for (Method m : methods(context.getRequiredTestClass())) {
                Cells cells = m.getAnnotation(Cells.class);
                String test = name(context.getRequiredTestClass(), m);
                if (cells != null && !done.contains(test)) {
                    for (String f : cells.value()) {
                        record(row.value(), f, outcome, test, why);
                    }
                }
            }
        }

        private void recordMethod(ExtensionContext context, Outcome outcome, String note) {
            Row row = row(context).orElse(null);
            Method m = context.getTestMethod().orElse(null);
            Cells cells = m == null ? null : m.getAnnotation(Cells.class);
            if (row == null || cells == null) {
                return;
            }
            String test = name(context.getRequiredTestClass(), m);
            done.add(test);
            for (String f : cells.value()) {
                record(row.value(), f, outcome, test, note == null ? cells.note() : note);
            }
        }

        private static Optional<Row> row(ExtensionContext context) {
            for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getSuperclass()) {
                Row r = c.getAnnotation(Row.class);
                if (r != null) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }

        private static List<Method> methods(Class<?> type) {
            List<Method> all = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                all.addAll(List.of(c.getDeclaredMethods()));
            }
            return all;
        }

        private static String name(Class<?> type, Method m) {
            return type.getSimpleName() + "." + m.getName();
        }
    }

    // ---------------------------------------------------------------------------------------------- the table

    private record Entry(String run, String feature, Outcome outcome, String test, String note, long time,
                         String commit) {
    }

    private record RowFile(String row, List<Entry> entries) {
    }

    private static RowFile read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String row = lines.isEmpty() ? file.getFileName().toString() : lines.get(0).substring(HEADER_PREFIX.length());
        List<Entry> entries = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.split("\t", -1);
            if (f.length == 7) {
                entries.add(new Entry(f[0], f[1], Outcome.valueOf(f[2]), f[3], f[4], Long.parseLong(f[5]), f[6]));
            }
        }
        return new RowFile(row, entries);
    }

    private static void writeMatrix() throws IOException {
        Map<String, RowFile> rows = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(outDir().resolve("cells"))) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                if (f.toString().endsWith(".tsv")) {
                    RowFile r = read(f);
                    rows.put(r.row, r);
                }
            }
        }
        List<String> order = new ArrayList<>();
        ROWS.stream().filter(rows::containsKey).forEach(order::add);
        rows.keySet().stream().filter(r -> !order.contains(r)).sorted().forEach(order::add);
        Set<String> features = new LinkedHashSet<>(FEATURES);
        rows.values().forEach(r -> r.entries.forEach(e -> features.add(e.feature)));

        Set<String> commits = new LinkedHashSet<>();
        long first = Long.MAX_VALUE;
        long last = 0;
        for (RowFile r : rows.values()) {
            for (Entry e : r.entries) {
                commits.add(e.commit);
                first = Math.min(first, e.time);
                last = Math.max(last, e.time);
            }
        }
        StringBuilder b = new StringBuilder("# Interop matrix\n\n");
        b.append("Recorded by the interop tests of `itest` from ")
                .append(first == Long.MAX_VALUE ? "-" : TIME.format(Instant.ofEpochMilli(first))).append(" to ")
                .append(last == 0 ? "-" : TIME.format(Instant.ofEpochMilli(last))).append(", commit ")
                .append(String.join(", ", commits)).append(".\n")
                .append("A cell is OK when every check of that feature passed, FAILED when one failed, skipped ")
                .append("when the peer was not available, n/a when the peer or protocol has no such thing; ")
                .append("numbers refer to the notes below.\n\n");
        b.append("| peer | version | ").append(String.join(" | ", features)).append(" |\n|---|---|");
        b.append("---|".repeat(features.size())).append('\n');
        List<String> notes = new ArrayList<>();
        for (String row : order) {
            Path version = outDir().resolve("cells").resolve(slug(row) + ".version");
            b.append("| ").append(row).append(" | ")
                    .append(Files.isRegularFile(version) ? Files.readString(version, StandardCharsets.UTF_8) : "")
                    .append(" |");
            for (String feature : features) {
                b.append(' ').append(cell(rows.get(row), feature, notes)).append(" |");
            }
            b.append('\n');
        }
        if (!notes.isEmpty()) {
            b.append("\nNotes:\n\n");
            for (int i = 0; i < notes.size(); i++) {
                b.append(i + 1).append(". ").append(notes.get(i)).append('\n');
            }
        }
        Files.writeString(outDir().resolve("matrix.md"), b.toString(), StandardCharsets.UTF_8);
    }

    /** A cell: FAILED if any test failed, else OK if any passed, else skipped or n/a; with note numbers. */
    private static String cell(RowFile row, String feature, List<String> notes) {
        List<Entry> es = row.entries.stream().filter(e -> e.feature.equals(feature))
                .sorted(Comparator.comparing(Entry::test)).toList();
        if (es.isEmpty()) {
            return "not run";
        }
        Outcome o = es.stream().anyMatch(e -> e.outcome == Outcome.FAILED) ? Outcome.FAILED
                : es.stream().anyMatch(e -> e.outcome == Outcome.OK) ? Outcome.OK
                : es.stream().anyMatch(e -> e.outcome == Outcome.SKIPPED) ? Outcome.SKIPPED : Outcome.NOT_APPLICABLE;
        List<Integer> refs = new ArrayList<>();
        for (Entry e : es) {
            boolean relevant = e.outcome == o || e.outcome == Outcome.FAILED;
            if (!e.note.isEmpty() && relevant) {
                String note = (o == Outcome.FAILED ? e.test + ": " : "") + e.note;
                int i = notes.indexOf(note);
                if (i < 0) {
                    notes.add(note);
                    i = notes.size() - 1;
                }
                if (!refs.contains(i + 1)) {
                    refs.add(i + 1);
                }
            }
        }
        return o.label + (refs.isEmpty() ? ""
                : " (" + String.join(", ", refs.stream().map(String::valueOf).toList()) + ")");
    }

    private static String slug(String row) {
        return row.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "").toLowerCase();
    }

    private static String clean(String note) {
        String s = note == null ? "" : note.replaceAll("\\s+", " ").replace("|", "\\|").trim();
        return s.length() <= MAX_NOTE ? s : s.substring(0, MAX_NOTE) + "...";
    }

    /** The commit checked out ({@code git describe --always --dirty}), or "unknown". */
    private static synchronized String commit() {
        if (commit == null) {
            try {
                ExternalPeer.Result r = ExternalPeer.run(List.of("git", "describe", "--always", "--dirty"),
                        Duration.ofSeconds(20));
                commit = r.exitCode() == 0 && !r.output().isBlank() ? r.output().trim() : "unknown";
            } catch (IOException e) {
                commit = "unknown";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                commit = "unknown";
            }
        }
        return commit;
    }
}
