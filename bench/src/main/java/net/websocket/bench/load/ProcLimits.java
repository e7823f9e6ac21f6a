package net.websocket.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the system allows and has left, from {@code /proc}: descriptors and memory (Linux). */
final class ProcLimits {

    private ProcLimits() {
    }

    /** This process's soft limit of open files ({@code Max open files} in {@code /proc/self/limits}). */
    static long openFiles() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"), StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        throw new IOException("no open file limit in /proc/self/limits");
    }

    /** Descriptors the whole system has left: {@code fs.file-max} less those allocated ({@code fs.file-nr}). */
    static long fileMaxFree() throws IOException {
        // readAllLines, not readString: a /proc file reports size 0, and readString then reads a first chunk only
        long max = Long.parseLong(firstLine("/proc/sys/fs/file-max").split("\\s+")[0]);
        long used = Long.parseLong(firstLine("/proc/sys/fs/file-nr").split("\\s+")[0]);
        return max - used;
    }

    private static String firstLine(String path) throws IOException {
        return Files.readAllLines(Path.of(path), StandardCharsets.ISO_8859_1).get(0).trim();
    }

    /** {@code MemAvailable}, in bytes. */
    static long memAvailable() throws IOException {
        return meminfo("MemAvailable");
    }

    /** A line of {@code /proc/meminfo}, in bytes. */
    static long meminfo(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.ISO_8859_1)) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]) * 1024;
            }
        }
        throw new IOException("no " + key + " in /proc/meminfo");
    }
}
