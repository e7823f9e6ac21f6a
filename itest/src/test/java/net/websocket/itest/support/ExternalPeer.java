package net.websocket.itest.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A peer implementation running as a separate process (a Python or Node script). Its output (stdout and stderr
 * together) is collected line by line. A server announces its port with a line {@code PORT <n>}; closing the
 * handle closes the process's stdin and then kills it and whatever it started.
 */
public final class ExternalPeer implements AutoCloseable {

    private static final Pattern PORT_LINE = Pattern.compile("^PORT (\\d+)$");

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    private ExternalPeer(Process process) {
        this.process = process;
        this.reader = new Thread(this::pump, "peer-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code command}. */
    public static ExternalPeer start(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Process p = pb.start();
        ExternalPeer peer = new ExternalPeer(p);
        Runtime.getRuntime().addShutdownHook(new Thread(peer::kill));
        return peer;
    }

    /** Runs {@code command} to its end, at most {@code timeout}; returns its exit code and output. */
    public static Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        try (ExternalPeer peer = start(command)) {
            if (!peer.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                peer.kill();
                peer.reader.join(5000);
                return new Result(-1, peer.output() + "\n(killed after " + timeout + ")");
            }
            peer.reader.join(5000);
            return new Result(peer.process.exitValue(), peer.output());
        }
    }

    /** A finished run. */
    public record Result(int exitCode, String output) {
    }

    /** Waits for the {@code PORT <n>} line and returns n. */
    public int awaitPort(Duration timeout) throws IOException, InterruptedException {
        return Integer.parseInt(awaitLine(PORT_LINE, timeout).group(1));
    }

    /**
     * Waits for an output line (trimmed) that {@code pattern} finds something in, skipping the others, and returns the
     * match.
     *
     * @throws IOException if no such line came within {@code timeout}
     */
    public Matcher awaitLine(Pattern pattern, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IOException("peer printed no line matching " + pattern + " within " + timeout
                        + "; output:\n" + output());
            }
            Matcher m = pattern.matcher(line.trim());
            if (m.find()) {
                return m;
            }
        }
    }

    /** Everything the process printed so far. */
    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // it may have exited already
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (output) {
                    output.add(line);
                }
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the process is gone
        }
    }

    /** The file of a script shipped as a test resource under {@code net/websocket/itest/peers}. */
    public static Path script(String name) {
        URL url = ExternalPeer.class.getResource("/net/websocket/itest/peers/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
