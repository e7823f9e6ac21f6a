package net.websocket.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One echo server in a JVM of its own, started with the same flags as every other, pinned to a CPU when
 * {@code taskset} exists. The server prints {@code READY <port>} when it accepts connections.
 */
public final class ServerProcess implements AutoCloseable {

    /** How long a server may take to start. */
    private static final long START_TIMEOUT_MILLIS = 60_000;

    /** How long a server may take to exit after SIGTERM before it is killed. */
    private static final long STOP_TIMEOUT_SECONDS = 20;

    private final Process process;
    private final Target target;
    private final Path log;

    private ServerProcess(Process process, Target target, Path log) {
        this.process = process;
        this.target = target;
        this.log = log;
    }

    /**
     * Starts a server and waits until it is ready.
     *
     * @param mainClass the server's main class
     * @param classPath the server JVM's class path (this JVM's, or a baseline build's)
     * @param cpu       the CPU to pin it to, or -1 for none
     * @param jvmFlags  the JVM flags (the same for every server)
     * @param log       where its output goes
     */
    public static ServerProcess start(String name, String mainClass, String classPath, String path,
            boolean websocket, int cpu, List<String> jvmFlags, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (cpu >= 0) {
            cmd.addAll(List.of("taskset", "-c", Integer.toString(cpu)));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", classPath, mainClass, "0"));
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long end = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < end) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith("READY ")) {
                    int port = Integer.parseInt(line.split(" ")[1]);
                    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
                    return new ServerProcess(p, new Target(name, address, path, websocket), log);
                }
            }
            if (!p.isAlive()) {
                throw new IOException(name + " exited with " + p.exitValue() + " before it was ready; see " + log);
            }
            sleep(50);
        }
        p.destroyForcibly();
        throw new IOException(name + " was not ready in " + START_TIMEOUT_MILLIS + " ms; see " + log);
    }

    public Target target() {
        return target;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the server (SIGTERM, then SIGKILL if it lingers). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
