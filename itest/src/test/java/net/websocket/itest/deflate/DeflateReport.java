package net.websocket.itest.deflate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcomes of one part of the permessage-deflate conformance set (one peer, one side) and the summary of every
 * part there is, in the form of the Autobahn one: {@code target/deflate/summary.md} (directory: system property
 * {@code itest.deflate.outdir}), each part also in {@code PART.md}.
 */
final class DeflateReport {

    /** The parts, in the order of the summary. */
    static final List<String> PARTS = List.of("server-node", "server-python", "client-node", "client-python");

    enum Result {
        OK, FAILED
    }

    /** A case as it ran. */
    record Outcome(DeflateCase c, Result result, String expected, String observed) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_CELL = 300;

    private final String part;
    private final String title;
    private final String intro;
    private final List<Outcome> outcomes = new ArrayList<>();

    /**
     * @param part  one of {@link #PARTS}
     * @param title the heading of the part
     * @param intro what ran, under the heading
     */
    DeflateReport(String part, String title, String intro) {
        this.part = part;
        this.title = title;
        this.intro = intro;
    }

    void add(DeflateCase c, Result result, String expected, String observed) {
        outcomes.add(new Outcome(c, result, expected, observed));
    }

    List<Outcome> failures() {
        return outcomes.stream().filter(o -> o.result() == Result.FAILED).toList();
    }

    static Path outDir() {
        return Path.of(System.getProperty("itest.deflate.outdir", "target/deflate")).toAbsolutePath();
    }

    /** Writes this part and the summary of every part there is. */
    void write() throws IOException {
        Path dir = outDir();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(part + ".md"), part(), StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder("# permessage-deflate conformance\n\n")
                .append("Cases in the spirit of Autobahn's sections 12 and 13 (the wstest the build runs has ")
                .append("neither), run by `net.websocket.itest.deflate` with independent compressors: Node's `ws` ")
                .append("and python-websockets as clients against our server, and as servers against our client. ")
                .append("12.x: text and binary messages of 16 bytes to 256 KiB, whole and fragmented, many in a ")
                .append("row, with the client's default offer. 13.x: every combination of `server_max_window_bits` ")
                .append("and `client_max_window_bits` (none, 9 to 15) under each combination of the two ")
                .append("`no_context_takeover` parameters. A case is OK when permessage-deflate was agreed as ")
                .append("expected, both sides saw the same agreement, and every message came back intact; FAILED ")
                .append("otherwise.\n");
        for (String p : PARTS) {
            Path f = dir.resolve(p + ".md");
            if (Files.isRegularFile(f)) {
                b.append('\n').append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        Files.writeString(dir.resolve("summary.md"), b.toString(), StandardCharsets.UTF_8);
    }

    private String part() {
        StringBuilder b = new StringBuilder("## ").append(title).append("\n\n").append(intro).append("\n\n")
                .append("Run ").append(TIME.format(Instant.now())).append(".\n\n")
                .append("| section | cases | OK | FAILED | messages | bytes |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        int allCases = 0;
        int allOk = 0;
        long allMessages = 0;
        long allBytes = 0;
        for (Map.Entry<String, String> s : DeflateCases.SECTIONS.entrySet()) {
            List<Outcome> in = outcomes.stream().filter(o -> o.c().section().equals(s.getKey())).toList();
            if (in.isEmpty()) {
                continue;
            }
            int ok = (int) in.stream().filter(o -> o.result() == Result.OK).count();
            long messages = in.stream().mapToLong(o -> o.c().messageCount()).sum();
            long bytes = in.stream().mapToLong(o -> o.c().bytes()).sum();
            b.append(String.format(Locale.ROOT, "| %s %s | %d | %d | %d | %,d | %,d |%n", s.getKey(), s.getValue(),
                    in.size(), ok, in.size() - ok, messages, bytes));
            allCases += in.size();
            allOk += ok;
            allMessages += messages;
            allBytes += bytes;
        }
        b.append(String.format(Locale.ROOT, "| **all** | %d | %d | %d | %,d | %,d |%n", allCases, allOk,
                allCases - allOk, allMessages, allBytes));
        List<Outcome> failed = failures();
        if (failed.isEmpty()) {
            b.append("\nNo failing cases.\n");
        }
        b.append("\n<details><summary>Every case</summary>\n\n")
                .append("| case | offer | messages | expected | result | observed |\n")
                .append("| --- | --- | --- | --- | --- | --- |\n");
        for (Outcome o : outcomes) {
            b.append("| ").append(o.c().id()).append(" | ")
                    .append(cell(o.c().offer() == null ? "the client's default" : o.c().offer().describe()))
                    .append(" | ").append(cell(o.c().describeMessages())).append(" | ").append(cell(o.expected()))
                    .append(" | ").append(o.result()).append(" | ").append(cell(o.observed())).append(" |\n");
        }
        b.append("\n</details>\n");
        if (!failed.isEmpty()) {
            b.append("\nFailing cases:\n\n| case | observed |\n| --- | --- |\n");
            for (Outcome o : failed) {
                b.append("| ").append(o.c().id()).append(" | ").append(cell(o.observed())).append(" |\n");
            }
        }
        return b.toString();
    }

    private static String cell(String s) {
        String t = s == null ? "" : s.replaceAll("[\\r\\n\\t]+", " ").replace("|", "\\|").trim();
        return t.length() <= MAX_CELL ? t : t.substring(0, MAX_CELL) + "...";
    }
}
