package net.websocket.itest.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the Node peers ({@code ws}, and {@code websocket-driver} for hixie-76) come from: the scripts and the pinned {@code package.json}/{@code package-lock.json}
 * in {@code src/test/node} are copied to {@code target/node}, and {@code npm ci} installs the packages there whenever
 * the lock file changed (never into the source tree).
 */
public final class NodePeer {

    /** {@code npm ci} fetches one small package; this bounds a slow registry. */
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);

    /** The packages the scripts need (pinned in package.json). */
    private static final List<String> PACKAGES = List.of("ws", "websocket-driver");

    private static volatile String unavailable;
    private static volatile boolean prepared;

    private NodePeer() {
    }

    /** The scripts' source directory. */
    static Path sourceDir() {
        return Path.of(System.getProperty("itest.node.src", "src/test/node"));
    }

    /** Where the scripts run and {@code ws} is installed. */
    public static Path workDir() {
        return Path.of(System.getProperty("itest.node.dir", "target/node")).toAbsolutePath();
    }

    /** Why the peers cannot run here, or {@code null} if they can; installs the packages on first use. */
    public static synchronized String unavailableReason() {
        if (!prepared) {
            unavailable = prepare();
            prepared = true;
        }
        return unavailable;
    }

    private static String prepare() {
        try {
            ExternalPeer.Result node = ExternalPeer.run(List.of("node", "--version"), Duration.ofSeconds(30));
            if (node.exitCode() != 0) {
                return "node does not run: " + node.output();
            }
        } catch (IOException e) {
            return "node not found on the PATH";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        try {
            Path dir = workDir();
            Files.createDirectories(dir);
            Path lock = dir.resolve("package-lock.json");
            boolean installed = Files.isRegularFile(lock)
                    && Files.mismatch(lock, sourceDir().resolve("package-lock.json")) == -1
                    && PACKAGES.stream().allMatch(p -> Files.isRegularFile(
                            dir.resolve("node_modules").resolve(p).resolve("package.json")));
            try (Stream<Path> files = Files.list(sourceDir())) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(f)) {
                        Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            if (installed) {
                return null;
            }
            ExternalPeer.Result npm = ExternalPeer.run(List.of("npm", "ci", "--no-audit", "--no-fund",
                    "--prefix", dir.toString()), INSTALL_TIMEOUT);
            if (npm.exitCode() != 0 || !PACKAGES.stream().allMatch(p -> Files.isRegularFile(
                    dir.resolve("node_modules").resolve(p).resolve("package.json")))) {
                return "npm ci in " + dir + " failed (exit " + npm.exitCode() + "): " + npm.output();
            }
            return null;
        } catch (IOException e) {
            return "cannot prepare " + workDir() + ": " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The installed version of one of the packages (from its package.json), or "unknown". */
    public static String version(String pkg) {
        try {
            Object json = net.websocket.itest.autobahn.Json.parse(Files.readString(
                    workDir().resolve("node_modules").resolve(pkg).resolve("package.json")));
            return json instanceof java.util.Map<?, ?> m ? String.valueOf(m.get("version")) : "unknown";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The command that runs one of the scripts with {@code args}. */
    public static List<String> command(String script, String... args) {
        List<String> cmd = new ArrayList<>(List.of("node", workDir().resolve(script).toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
