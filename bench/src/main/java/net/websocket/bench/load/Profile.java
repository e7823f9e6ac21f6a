package net.websocket.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a server spends its CPU under scenario (a), or (c) or (d) when the suite is asked for that scenario alone
 * ({@code bench/run --profile ours --scenarios c}): a Flight Recorder recording (settings {@code profile}) taken
 * through {@code jcmd} after the warm-up, then its {@code jdk.ExecutionSample} events summed by top frame (self), by
 * method anywhere on the stack (inclusive) and by thread. Samples are of threads running Java code; time in the
 * kernel's socket calls shows only as the Java frames that made them.
 */
final class Profile {

    /** Rows shown in each table. */
    private static final int TOP = 30;

    private Profile() {
    }

    static void run(Suite suite, String server, String profiler) throws IOException {
        Settings s = suite.settings();
        if (profiler.equals("async")) {
            runAsync(suite, server);
            return;
        }
        if (!profiler.equals("jfr")) {
            throw new IllegalArgumentException("--profiler jfr or async, not " + profiler);
        }
        Path jfr = s.outDir().resolve("profile-" + server + ".jfr").toAbsolutePath();
        Files.deleteIfExists(jfr);
        boolean big = s.scenarios().equals("c");
        String scenario = big ? "(c)" : s.scenarios().equals("d") ? "(d)" : "(a)";
        try (ServerProcess p = suite.start(server, 0, List.of())) {
            if (scenario.equals("(d)")) {
                handshakes(server, p, s, jfr);
            } else {
                echoes(server, p, s, jfr, big, scenario);
            }
        }
        String report = summarize(server, scenario, jfr);
        System.out.println(report);
        Path out = s.outDir().resolve("profile-" + server + ".md");
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println("written to " + out + " (recording: " + jfr + ")");
    }

    /**
     * Scenario (a), or (c) or (d) with {@code --scenarios c} or {@code d}, under async-profiler
     * ({@link AsyncProfile}; per MB echoed in (c), per handshake in (d)): collapsed stacks in
     * {@code profile-SERVER.collapsed}, a flame graph in {@code profile-SERVER.html}, the summary in
     * {@code profile-SERVER.md}.
     */
    private static void runAsync(Suite suite, String server) throws IOException {
        Settings s = suite.settings();
        boolean big = s.scenarios().equals("c");
        boolean handshakes = s.scenarios().equals("d");
        String scenario = big ? "(c)" : handshakes ? "(d)" : "(a)";
        Path collapsed = s.outDir().resolve("profile-" + server + ".collapsed");
        Path html = s.outDir().resolve("profile-" + server + ".html");
        double cpuSeconds;
        double units;
        try (ServerProcess p = suite.start(server, 0, List.of())) {
            AsyncProfile profiler = AsyncProfile.of(s.outDir(), p.pid());
            long[] cpu0;
            long[] cpu1;
            if (handshakes) {
                HandshakeRate.run(p.target(), Suite.D_WORKERS, s.warmupNanos(), 1);
                profiler.start();
                cpu0 = ProcStats.cpuSplitNanos(p.pid());
                HandshakeRate.Result r = HandshakeRate.run(p.target(), Suite.D_WORKERS, 2 * s.measureNanos(), 2);
                cpu1 = ProcStats.cpuSplitNanos(p.pid());
                profiler.stop(collapsed, html);
                units = r.connections();
                Suite.log("%s under (d): %.0f handshakes/s, %.0f per CPU-second, kernel share %.2f", server,
                        r.perSecond(), r.connections() * 1e9 / Math.max(1, total(cpu0, cpu1)),
                        (cpu1[1] - cpu0[1]) / (double) Math.max(1, total(cpu0, cpu1)));
            } else {
                byte[] payload = big ? Frames.binaryPayload(Suite.C_PAYLOAD) : Frames.asciiPayload(Suite.A_PAYLOAD);
                try (EchoLoad load = big
                        ? EchoLoad.open(p.target(), Suite.C_CONNECTIONS, 1, Frames.OP_BINARY, payload, 1,
                                System.nanoTime() + Suite.OPEN_TIMEOUT_NANOS)
                        : EchoLoad.open(p.target(), Suite.A_CONNECTIONS, Suite.A_IN_FLIGHT, Frames.OP_TEXT, payload,
                                1, System.nanoTime() + Suite.OPEN_TIMEOUT_NANOS)) {
                    load.runFor(s.warmupNanos());
                    profiler.start();
                    cpu0 = ProcStats.cpuSplitNanos(p.pid());
                    EchoLoad.Result r = load.runFor(2 * s.measureNanos());
                    cpu1 = ProcStats.cpuSplitNanos(p.pid());
                    profiler.stop(collapsed, html);
                    load.close(Suite.CLOSE_TIMEOUT_NANOS);
                    units = big ? r.payloadBytes() / 1e6 : 0;
                    Suite.log("%s under %s: %.0f msgs/s, %.1f MB/s, %.0f msgs per CPU-second, kernel share %.2f",
                            server, scenario, r.messagesPerSecond(), r.megabytesPerSecond(),
                            r.messages() * 1e9 / Math.max(1, total(cpu0, cpu1)),
                            (cpu1[1] - cpu0[1]) / (double) Math.max(1, total(cpu0, cpu1)));
                }
            }
            cpuSeconds = total(cpu0, cpu1) / 1e9;
        }
        String report = AsyncProfile.summarize(server, scenario, collapsed, cpuSeconds, units,
                handshakes ? "handshake" : "MB");
        System.out.println(report);
        Path out = s.outDir().resolve("profile-" + server + ".md");
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println("written to " + out + " (collapsed stacks: " + collapsed + ", flame graph: " + html + ")");
    }

    /** User and kernel nanoseconds between two {@link ProcStats#cpuSplitNanos} readings. */
    private static long total(long[] before, long[] after) {
        return after[0] - before[0] + after[1] - before[1];
    }

    /** Records scenario (d): whole connections from {@link Suite#D_WORKERS} client threads. */
    private static void handshakes(String server, ServerProcess p, Settings s, Path jfr) throws IOException {
        HandshakeRate.run(p.target(), Suite.D_WORKERS, s.warmupNanos(), 1);
        String pid = Long.toString(p.pid());
        ProcStats.run(List.of(ProcStats.jcmd(), pid, "JFR.start", "name=bench", "settings=profile"));
        long cpu0 = ProcStats.cpuNanos(p.pid());
        HandshakeRate.Result r = HandshakeRate.run(p.target(), Suite.D_WORKERS, 2 * s.measureNanos(), 2);
        long cpu1 = ProcStats.cpuNanos(p.pid());
        ProcStats.run(List.of(ProcStats.jcmd(), pid, "JFR.stop", "name=bench", "filename=" + jfr));
        Suite.log("%s under (d): %.0f handshakes/s, %.0f per CPU-second", server, r.perSecond(),
                r.connections() * 1e9 / Math.max(1, cpu1 - cpu0));
    }

    /** Records scenario (a), or (c) when {@code big}. */
    private static void echoes(String server, ServerProcess p, Settings s, Path jfr, boolean big,
            String scenario) throws IOException {
        byte[] payload = big ? Frames.binaryPayload(Suite.C_PAYLOAD) : Frames.asciiPayload(Suite.A_PAYLOAD);
        try (EchoLoad load = big
                ? EchoLoad.open(p.target(), Suite.C_CONNECTIONS, 1, Frames.OP_BINARY, payload, 1,
                        System.nanoTime() + Suite.OPEN_TIMEOUT_NANOS)
                : EchoLoad.open(p.target(), Suite.A_CONNECTIONS, Suite.A_IN_FLIGHT, Frames.OP_TEXT, payload, 1,
                        System.nanoTime() + Suite.OPEN_TIMEOUT_NANOS)) {
            load.runFor(s.warmupNanos());
            String pid = Long.toString(p.pid());
            ProcStats.run(List.of(ProcStats.jcmd(), pid, "JFR.start", "name=bench", "settings=profile"));
            long cpu0 = ProcStats.cpuNanos(p.pid());
            EchoLoad.Result r = load.runFor(2 * s.measureNanos());
            long cpu1 = ProcStats.cpuNanos(p.pid());
            ProcStats.run(List.of(ProcStats.jcmd(), pid, "JFR.stop", "name=bench", "filename=" + jfr));
            load.close(Suite.CLOSE_TIMEOUT_NANOS);
            Suite.log("%s under %s: %.0f msgs/s, %.1f MB/s, %.0f msgs per CPU-second", server, scenario,
                    r.messagesPerSecond(), r.megabytesPerSecond(), r.messages() * 1e9 / Math.max(1, cpu1 - cpu0));
        }
    }

    static String summarize(String server, String scenario, Path jfr) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> nativeTop = new HashMap<>();
        int total = 0;
        int nativeTotal = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.NativeMethodSample") && e.getStackTrace() != null) {
                List<RecordedFrame> frames = e.getStackTrace().getFrames();
                if (!frames.isEmpty()) {
                    nativeTotal++;
                    String where = name(frames.get(0));
                    if (frames.size() > 1) {
                        where += " <- " + name(frames.get(1));
                    }
                    nativeTop.merge(where, 1, Integer::sum);
                }
                continue;
            }
            if (!type.equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            total++;
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                self.merge(name(frames.get(0)), 1, Integer::sum);
            }
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (seen.add(n)) {
                    inclusive.merge(n, 1, Integer::sum);
                }
            }
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("\\d+", "N"), 1, Integer::sum);
        }
        StringBuilder b = new StringBuilder();
        b.append("# Profile of ").append(server).append(" under scenario ").append(scenario).append("\n\n")
                .append(total).append(" execution samples (jdk.ExecutionSample, settings=profile).\n");
        table(b, "Threads (digits folded)", threads, total);
        table(b, "Top frames (self)", self, total);
        table(b, "Methods anywhere on the stack (inclusive)", inclusive, total);
        b.append("\n").append(nativeTotal).append(" native-method samples (jdk.NativeMethodSample: threads in native ")
                .append("code, whether working in a system call or waiting in one, such as a selector with nothing ")
                .append("to do).\n");
        table(b, "Native frames and their callers", nativeTop, nativeTotal);
        return b.toString();
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void table(StringBuilder b, String title, Map<String, Integer> counts, int total) {
        b.append("\n## ").append(title).append("\n\n| samples | share | where |\n|---:|---:|---|\n");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(TOP)
                .forEach(e -> b.append(String.format(Locale.ROOT, "| %d | %.1f%% | %s |%n", e.getValue(),
                        100.0 * e.getValue() / Math.max(1, total), e.getKey())));
    }
}
