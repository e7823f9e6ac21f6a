package net.websocket.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A profile taken by async-profiler ({@code bench/run --profile ours --scenarios c --profiler async}): its native
 * library, taken from the async-profiler jar the bench build copies to {@code bench/target/profiler}, is loaded into
 * the running server through {@code jcmd JVMTI.agent_load} after the warm-up, samples every thread by CPU time
 * ({@code itimer}: user and kernel time, system calls included, which JFR's samples do not see), and writes collapsed
 * stacks per thread and a flame graph when stopped. {@link #summarize} sums the collapsed stacks by thread, by top
 * frame and by frame anywhere on the stack.
 */
final class AsyncProfile {

    /** Where the bench build puts the async-profiler jar, under the output directory. */
    static final String JAR = "profiler/async-profiler.jar";

    /** The sampling interval, nanoseconds of CPU time. */
    private static final long INTERVAL_NANOS = 1_000_000;

    /** Rows shown in each table. */
    private static final int TOP = 40;

    private final Path library;
    private final String pid;

    private AsyncProfile(Path library, long pid) {
        this.library = library;
        this.pid = Long.toString(pid);
    }

    /** The profiler for process {@code pid}, its library extracted into {@code outDir} when not there yet. */
    static AsyncProfile of(Path outDir, long pid) throws IOException {
        Path jar = outDir.resolve(JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no " + jar + ": build the bench module (bench/run builds it)");
        }
        String arch = System.getProperty("os.arch").equals("aarch64") ? "linux-arm64" : "linux-x64";
        Path lib = outDir.resolve("profiler").resolve(arch).resolve("libasyncProfiler.so").toAbsolutePath();
        if (!Files.isRegularFile(lib) || Files.getLastModifiedTime(lib).compareTo(Files.getLastModifiedTime(jar)) < 0) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry e = zip.getEntry(arch + "/libasyncProfiler.so");
                if (e == null) {
                    throw new IOException(jar + " has no " + arch + " library");
                }
                Files.createDirectories(lib.getParent());
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return new AsyncProfile(lib, pid);
    }

    /** Starts sampling every thread's CPU time. */
    void start() throws IOException {
        agent("start,event=itimer,interval=" + INTERVAL_NANOS + ",threads");
    }

    /** Stops, writing collapsed stacks to {@code collapsed} and a flame graph to {@code html}. */
    void stop(Path collapsed, Path html) throws IOException {
        agent("stop,file=" + collapsed.toAbsolutePath() + ",collapsed");
        agent("dump,file=" + html.toAbsolutePath() + ",flamegraph");
    }

    private void agent(String options) throws IOException {
        // quoted: jcmd would take the options' '=' for arguments of its own
        List<String> out = ProcStats.run(List.of(ProcStats.jcmd(), pid, "JVMTI.agent_load", library.toString(),
                '"' + options + '"'));
        for (String line : out) {
            if (line.contains("ERROR") || line.startsWith("return code:") && !line.equals("return code: 0")) {
                throw new IOException("async-profiler " + options + ": " + out);
            }
        }
    }

    /**
     * Sums collapsed stacks ({@code [thread];frame;...;frame count}, root first): by thread (digits folded), by top
     * frame, by frame anywhere on the stack, and per unit of work ({@code unit}: "MB" echoed, "handshake") when
     * {@code units} is positive.
     */
    static String summarize(String server, String scenario, Path collapsed, double cpuSeconds, double units,
            String unit) throws IOException {
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        long total = 0;
        for (String line : Files.readAllLines(collapsed, StandardCharsets.UTF_8)) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long n = Long.parseLong(line.substring(space + 1).trim());
            String[] frames = line.substring(0, space).split(";");
            total += n;
            int first = 0;
            if (frames[0].startsWith("[")) {
                threads.merge(frames[0].replaceAll("tid=\\d+", "").replaceAll("\\d+", "N"), n, Long::sum);
                first = 1;
            }
            if (frames.length > first) {
                self.merge(frames[frames.length - 1], n, Long::sum);
            }
            Set<String> seen = new HashSet<>();
            for (int i = first; i < frames.length; i++) {
                if (seen.add(frames[i])) {
                    inclusive.merge(frames[i], n, Long::sum);
                }
            }
        }
        double usPerSample = total == 0 ? 0 : cpuSeconds * 1e6 / total;
        StringBuilder b = new StringBuilder();
        b.append("# async-profiler profile of ").append(server).append(" under scenario ").append(scenario)
                .append("\n\n").append(total).append(" CPU samples (itimer, every ").append(INTERVAL_NANOS / 1000)
                .append(" us of CPU time, user and kernel); the process used ")
                .append(String.format(Locale.ROOT, "%.2f", cpuSeconds)).append(" CPU-seconds");
        if (units > 0) {
            b.append(String.format(Locale.ROOT, " for %.0f %s; the column us/%s spreads that time over the "
                    + "samples", units, unit.equals("MB") ? "MB echoed" : unit + "s", unit));
        }
        b.append(".\n");
        double perUnit = units > 0 ? usPerSample / units : 0;
        table(b, "Threads", threads, total, perUnit, unit);
        table(b, "Top frames (self)", self, total, perUnit, unit);
        table(b, "Frames anywhere on the stack (inclusive)", inclusive, total, perUnit, unit);
        return b.toString();
    }

    private static void table(StringBuilder b, String title, Map<String, Long> counts, long total, double perUnit,
            String unit) {
        b.append("\n## ").append(title).append("\n\n| samples | share | us/").append(unit)
                .append(" | where |\n|---:|---:|---:|---|\n");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(TOP)
                .forEach(e -> b.append(String.format(Locale.ROOT, "| %d | %.1f%% | %.1f | %s |%n", e.getValue(),
                        100.0 * e.getValue() / Math.max(1, total), e.getValue() * perUnit, e.getKey())));
    }
}
