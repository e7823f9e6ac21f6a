package net.websocket.itest.autobahn;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Drives the Autobahn TestSuite's {@code wstest} 0.5.6 in a separate JVM on Jython: the Python sources come from
 * the {@code autobahntestsuite-maven-plugin} jar, the interpreter from {@code jython-standalone}; the build copies
 * both into the directory named by the {@code wstest.lib} system property. Every socket wstest opens is on
 * 127.0.0.1. Every run is bounded by a timeout after which the process tree is killed.
 */
public final class Wstest {

    /** The agent name our implementation reports under. */
    public static final String AGENT = "net.websocket";

    /** Sections 1-7, 9 and 10; 12 and 13 need permessage-deflate, which the project does not implement. */
    public static final List<String> DEFAULT_CASES =
            List.of("1.*", "2.*", "3.*", "4.*", "5.*", "6.*", "7.*", "9.*", "10.*");

    /** Heap for the Jython JVM: the 9.x cases build messages of up to 16 MiB, as Python strings. */
    private static final String WSTEST_HEAP = "-Xmx1g";

    /**
     * How long a fuzzing server may take to start listening (Jython compiles Twisted at start): 120 s, or
     * {@code -Dautobahn.startup.seconds=N} on a machine busy enough to need more.
     */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(Long.getLong("autobahn.startup.seconds", 120));

    private static final String JYTHON_JAR = "jython-standalone.jar";
    private static final String SUITE_JAR = "autobahntestsuite-maven-plugin.jar";

    private Wstest() {
    }

    /** The directory holding the two jars. */
    public static Path libDir() {
        String dir = System.getProperty("wstest.lib");
        return dir == null || dir.isBlank() ? Path.of("target", "wstest-lib") : Path.of(dir);
    }

    /** Whether wstest can run here. */
    public static boolean available() {
        return Files.isRegularFile(libDir().resolve(JYTHON_JAR)) && Files.isRegularFile(libDir().resolve(SUITE_JAR));
    }

    /** The directory reports go under: {@code autobahn.outdir}, or {@code target/autobahn}. */
    public static Path outputRoot() {
        String dir = System.getProperty("autobahn.outdir");
        return dir == null || dir.isBlank() ? Path.of("target", "autobahn") : Path.of(dir);
    }

    /** The case patterns to run: the {@code autobahn.cases} system property (comma separated) or the default. */
    public static List<String> cases() {
        String prop = System.getProperty("autobahn.cases");
        if (prop == null || prop.isBlank()) {
            return DEFAULT_CASES;
        }
        return Arrays.stream(prop.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Runs {@code fuzzingclient}: wstest connects to the echo server at {@code url} once per case. Returns when wstest
     * has finished and written its reports to {@code outdir}.
     */
    public static void fuzzingClient(Path outdir, String agent, URI url, List<String> cases, Duration timeout)
            throws IOException, InterruptedException {
        String spec = "{\"outdir\": " + Json.quote(outdir.toAbsolutePath().toString()) + ",\n"
                + " \"servers\": [{\"agent\": " + Json.quote(agent) + ", \"url\": " + Json.quote(url.toString())
                + "}],\n"
                + " \"cases\": " + jsonList(cases) + ",\n"
                + " \"exclude-cases\": [],\n"
                + " \"exclude-agent-cases\": {}}\n";
        Process p = launch(outdir, "fuzzingclient", spec);
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("wstest fuzzingclient did not finish within " + timeout + "; see "
                        + outdir.resolve("wstest.log"));
            }
            if (p.exitValue() != 0) {
                throw new IOException("wstest fuzzingclient exited with " + p.exitValue() + "; see "
                        + outdir.resolve("wstest.log"));
            }
        } finally {
            kill(p);
        }
    }

    /**
     * Starts {@code fuzzingserver} on 127.0.0.1 at a free port and waits until it listens. Close the handle to stop
     * it; reports are written each time a client calls {@code /updateReports}.
     */
    public static FuzzingServer fuzzingServer(Path outdir, List<String> cases) throws IOException,
            InterruptedException {
        int port = freePort();
        String spec = "{\"url\": " + Json.quote("ws://127.0.0.1:" + port) + ",\n"
                + " \"outdir\": " + Json.quote(outdir.toAbsolutePath().toString()) + ",\n"
                + " \"webport\": 0,\n"
                + " \"cases\": " + jsonList(cases) + ",\n"
                + " \"exclude-cases\": [],\n"
                + " \"exclude-agent-cases\": {}}\n";
        Process p = launch(outdir, "fuzzingserver", spec);
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (true) {
            if (!p.isAlive()) {
                throw new IOException("wstest fuzzingserver exited with " + p.exitValue() + "; see "
                        + outdir.resolve("wstest.log"));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return new FuzzingServer(p, URI.create("ws://127.0.0.1:" + port));
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    kill(p);
                    throw new IOException("wstest fuzzingserver did not listen within " + STARTUP_TIMEOUT);
                }
                Thread.sleep(250);
            }
        }
    }

    /** A running {@code fuzzingserver}. */
    public static final class FuzzingServer implements AutoCloseable {
        private final Process process;
        private final URI url;

        private FuzzingServer(Process process, URI url) {
            this.process = process;
            this.url = url;
        }

        /** {@code ws://127.0.0.1:PORT} */
        public URI url() {
            return url;
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public void close() {
            kill(process);
        }
    }

    /**
     * The case ids a finished (or running) wstest said it would run, from the {@code Cases = [...]} line of its log
     * in {@code outdir}; empty if the log has no such line.
     */
    public static List<String> plannedCases(Path outdir) throws IOException {
        Path log = outdir.resolve("wstest.log");
        if (!Files.isRegularFile(log)) {
            return List.of();
        }
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = CASES_LINE.matcher(line);
            if (m.find()) {
                List<String> ids = new ArrayList<>();
                Matcher id = QUOTED.matcher(m.group(1));
                while (id.find()) {
                    ids.add(id.group(1));
                }
                return ids;
            }
        }
        return List.of();
    }

    private static final Pattern CASES_LINE = Pattern.compile("Cases = \\[(.*)\\]");
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private static Process launch(Path outdir, String mode, String spec) throws IOException {
        if (!available()) {
            throw new IOException("wstest jars not found in " + libDir().toAbsolutePath()
                    + " (the build copies them there in generate-test-resources)");
        }
        Files.createDirectories(outdir);
        Path specFile = outdir.resolve(mode + "-spec.json");
        Files.writeString(specFile, spec);
        Path script = outdir.resolve("wstest_launch.py");
        try (InputStream in = Wstest.class.getResourceAsStream("wstest_launch.py")) {
            if (in == null) {
                throw new IOException("wstest_launch.py resource missing");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path javaExe = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = libDir().resolve(JYTHON_JAR).toAbsolutePath() + File.pathSeparator
                + libDir().resolve(SUITE_JAR).toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(javaExe.toString(), WSTEST_HEAP,
                "-Dpython.cachedir.skip=true", "-Dpython.console.encoding=UTF-8",
                "-cp", classPath, "org.python.util.jython",
                script.toAbsolutePath().toString(), mode, specFile.toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(outdir.toFile()).redirectErrorStream(true)
                .redirectOutput(outdir.resolve("wstest.log").toFile());
        Process p = pb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> kill(p)));
        return p;
    }

    /** Kills the process and whatever it started. */
    static void kill(Process p) {
        if (!p.isAlive()) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jsonList(List<String> items) {
        return items.stream().map(Json::quote).collect(Collectors.joining(", ", "[", "]"));
    }
}
