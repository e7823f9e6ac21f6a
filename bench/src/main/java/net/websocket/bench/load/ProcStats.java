package net.websocket.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the server processes cost, read from outside them: CPU time and resident memory from Linux's {@code /proc},
 * live heap through {@code jcmd}.
 */
public final class ProcStats {

    /** Clock ticks per second of {@code /proc/<pid>/stat}'s times ({@code getconf CLK_TCK}; 100 on Linux). */
    private static final long TICKS_PER_SECOND = clockTicks();

    /** How long one {@code jcmd} may take (a heap histogram of a large heap takes a few seconds). */
    private static final long JCMD_TIMEOUT_SECONDS = 120;

    private ProcStats() {
    }

    /** User plus system CPU time of a process so far, in nanoseconds (resolution: one clock tick). */
    public static long cpuNanos(long pid) throws IOException {
        long[] t = cpuSplitNanos(pid);
        return t[0] + t[1];
    }

    /** User and system (kernel) CPU time of a process so far, in nanoseconds. */
    public static long[] cpuSplitNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
        // fields after the command name (which may hold spaces) start at field 3 (state); utime and stime are 14, 15
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return new long[] {Long.parseLong(f[11]) * 1_000_000_000L / TICKS_PER_SECOND,
                Long.parseLong(f[12]) * 1_000_000_000L / TICKS_PER_SECOND};
    }

    /**
     * Context switches of all the threads of a process so far, voluntary (a thread blocked: waiting for work, a lock,
     * the selector) and involuntary (preempted). Threads that ended are not counted.
     */
    public static long contextSwitches(long pid) throws IOException {
        long n = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                List<String> lines;
                try {
                    lines = Files.readAllLines(task.resolve("status"), StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                for (String line : lines) {
                    if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                        n += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                    }
                }
            }
        }
        return n;
    }

    /** The resident set size of a process ({@code VmRSS}), in bytes. */
    public static long residentBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"),
                StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("VmRSS:")) {
                String[] f = line.substring(6).trim().split("\\s+");
                return Long.parseLong(f[0]) * 1024;
            }
        }
        throw new IOException("no VmRSS for process " + pid);
    }

    /** A class histogram of live objects: the total and the bytes of each class. */
    public record Histogram(long totalBytes, Map<String, Long> bytesByClass) {
    }

    /**
     * The live heap of a JVM: {@code jcmd <pid> GC.class_histogram} runs a full collection and then counts the
     * objects still reachable; its {@code Total} line is their size in bytes. Works the same whatever the collector.
     */
    public static Histogram liveHeap(long pid) throws IOException {
        List<String> out = run(List.of(jcmd(), Long.toString(pid), "GC.class_histogram"));
        Map<String, Long> byClass = new HashMap<>();
        for (String raw : out) {
            String line = raw.trim();
            if (line.startsWith("Total")) {
                String[] f = line.split("\\s+");
                return new Histogram(Long.parseLong(f[2]), byClass);
            }
            // "   1:         12345        678900  [B (java.base@17)"
            String[] f = line.split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                try {
                    byClass.merge(f[3], Long.parseLong(f[2]), Long::sum);
                } catch (NumberFormatException e) {
                    // a header line
                }
            }
        }
        throw new IOException("no Total line in the class histogram of " + pid + ": " + tail(out));
    }

    /** The {@code jcmd} next to the running JVM, or the one on the PATH. */
    static String jcmd() {
        Path p = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return Files.isExecutable(p) ? p.toString() : "jcmd";
    }

    static List<String> run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (var r = p.inputReader()) {
            for (String line; (line = r.readLine()) != null;) {
                lines.add(line);
            }
            if (!p.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command + " did not finish in " + JCMD_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(command + " failed: " + tail(lines));
        }
        return lines;
    }

    private static String tail(List<String> lines) {
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    private static long clockTicks() {
        try {
            List<String> out = run(List.of("getconf", "CLK_TCK"));
            return Long.parseLong(out.get(0).trim());
        } catch (IOException | RuntimeException e) {
            return 100;
        }
    }
}
