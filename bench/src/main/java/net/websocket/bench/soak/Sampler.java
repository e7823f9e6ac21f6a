package net.websocket.bench.soak;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import net.websocket.bench.load.ProcStats;

/**
 * The server process seen over time, one {@link Sample} a second: resident memory, descriptors and threads from
 * Linux's {@code /proc}, heap from the lines the server's own reporter prints ({@link SoakServer}).
 */
final class Sampler {

    /**
     * One second of the run.
     *
     * @param seconds      since the loads started
     * @param rss          resident set size, bytes
     * @param heapUsed     heap in use (garbage included), bytes
     * @param heapLive     heap in use right after a full collection, bytes, or -1 if none this second
     * @param fds          open file descriptors
     * @param threads      threads
     * @param echoes       bystander echoes checked so far
     * @param attacks      misbehaving connections ended so far (closed or refused)
     */
    record Sample(double seconds, long rss, long heapUsed, long heapCommitted, long heapLive, int fds, int threads,
            long echoes, long attacks) {
    }

    private final long pid;
    private final Path log;
    private long logOffset;
    private long lastHeapUsed;
    private long lastHeapCommitted;
    private final List<Sample> samples = new ArrayList<>();

    Sampler(long pid, Path log) {
        this.pid = pid;
        this.log = log;
    }

    static int fds(long pid) throws IOException {
        try (var s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) s.count();
        }
    }

    static int threads(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"),
                StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring(8).trim());
            }
        }
        throw new IOException("no Threads line for process " + pid);
    }

    /** The process's threads by name, numbers left out ({@code ws-handler-#: 3, C2 CompilerThread#: 2, ...}). */
    static String threadNames(long pid) throws IOException {
        Map<String, Integer> names = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    names.merge(Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "#"), 1,
                            Integer::sum);
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return names.toString();
    }

    /**
     * The process's handler threads ({@code ws-handler-N}) as {@code [idle, busy]}: idle ones wait in their pool
     * for a task ({@code ThreadPoolExecutor.getTask} on their stack), busy ones run a handler. Read with
     * {@code jcmd <pid> Thread.print}.
     */
    static int[] handlerThreads(long pid) throws IOException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid),
                "Thread.print").redirectErrorStream(true).start();
        String out;
        try (var in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("jcmd Thread.print failed: " + out.lines().findFirst().orElse(""));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            p.destroy();
        }
        int idle = 0;
        int busy = 0;
        for (String block : out.split("\\n\\s*\\n")) {
            if (block.startsWith("\"ws-handler-")) {
                if (block.contains("ThreadPoolExecutor.getTask")) {
                    idle++;
                } else {
                    busy++;
                }
            }
        }
        return new int[] {idle, busy};
    }

    /** Takes one sample; throws if the process is gone. */
    Sample sample(double seconds, long echoes, long attacks) throws IOException {
        long live = -1;
        for (String line : newLogLines()) {
            String[] f = line.trim().split(" ");
            if (f[0].equals("HEAP") && f.length == 3) {
                lastHeapUsed = Long.parseLong(f[1]);
                lastHeapCommitted = Long.parseLong(f[2]);
            } else if (f[0].equals("LIVE") && f.length == 2) {
                live = Long.parseLong(f[1]);
            }
        }
        Sample s = new Sample(seconds, ProcStats.residentBytes(pid), lastHeapUsed, lastHeapCommitted, live, fds(pid),
                threads(pid), echoes, attacks);
        samples.add(s);
        return s;
    }

    /** The lines the server printed since the last call (complete lines only). */
    private List<String> newLogLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            if (f.length() <= logOffset) {
                return lines;
            }
            byte[] b = new byte[(int) Math.min(f.length() - logOffset, 1 << 20)];
            f.seek(logOffset);
            f.readFully(b);
            int start = 0;
            for (int i = 0; i < b.length; i++) {
                if (b[i] == '\n') {
                    lines.add(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
                    start = i + 1;
                }
            }
            logOffset += start;
        }
        return lines;
    }

    List<Sample> samples() {
        return samples;
    }

    /** Writes every sample as CSV, sizes in bytes. */
    void writeCsv(Path file) throws IOException {
        StringBuilder b = new StringBuilder(
                "seconds,rss_bytes,heap_used_bytes,heap_committed_bytes,heap_live_bytes,fds,threads,"
                        + "bystander_echoes,attacks\n");
        for (Sample s : samples) {
            b.append(String.format("%.1f,%d,%d,%d,%d,%d,%d,%d,%d%n", s.seconds(), s.rss(), s.heapUsed(),
                    s.heapCommitted(), s.heapLive(), s.fds(), s.threads(), s.echoes(), s.attacks()));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, b, StandardCharsets.US_ASCII);
    }
}
