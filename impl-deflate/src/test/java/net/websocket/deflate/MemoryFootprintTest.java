package net.websocket.deflate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.Test;

/**
 * Native memory per connection side, with and without context takeover, measured by {@link MemoryProbe} in a JVM
 * of its own (the figures are printed; docs/COMPRESSION.md records them). The bounds asserted are loose: they tell
 * the cases apart, not the exact cost.
 */
@EnabledOnOs(OS.LINUX)
class MemoryFootprintTest {

    /** Connections per measurement: enough to drown the noise, few enough for a shared machine. */
    private static final int CONNECTIONS = 100;

    /** The message each side sends: large enough for zlib to touch all of its buffers. */
    private static final int MESSAGE_SIZE = 64 * 1024;

    private static double perSideKiB(String mode) throws Exception {
        String sep = File.pathSeparator;
        List<String> cp = new ArrayList<>();
        for (String prop : new String[] {"jdk.module.path", "java.class.path"}) {
            String v = System.getProperty(prop);
            if (v != null && !v.isEmpty()) {
                cp.add(v);
            }
        }
        cp.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        cp.add(Path.of("target", "classes").toAbsolutePath().toString());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xms128m", "-Xmx128m", "-XX:+AlwaysPreTouch",
                "-XX:+UseSerialGC", "-cp", String.join(sep, cp), MemoryProbe.class.getName(), mode,
                Integer.toString(CONNECTIONS), Integer.toString(MESSAGE_SIZE)).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), out);
        String[] lines = out.split("\n");
        String[] f = lines[lines.length - 1].trim().split(" ");
        System.out.println("memory per connection side, " + mode + ": " + f[3] + " KiB (RSS growth " + f[2]
                + " KiB for " + f[1] + " connections, heap growth " + f[4] + " KiB)");
        return Double.parseDouble(f[3]);
    }

    @Test
    void contextTakeoverHoldsZlibStateAndNoContextTakeoverDoesNot() throws Exception {
        assertTrue(Files.isDirectory(Path.of("target", "test-classes")), "run from the module directory");
        double off = perSideKiB("off");
        double takeover = perSideKiB("takeover");
        double none = perSideKiB("none");
        assertTrue(takeover > 100, "a Deflater and an Inflater with their windows: " + takeover + " KiB");
        assertTrue(none < takeover / 4, "released after each message: " + none + " KiB");
        assertTrue(off < takeover / 4, "without the extension: " + off + " KiB");
    }
}
