package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.Connection;

/**
 * A hostile client against a server that runs out of file descriptors: the server runs in a child JVM started under
 * {@code ulimit -n} {@value #DESCRIPTOR_LIMIT}; the test opens raw sockets to it until the server says that accepting
 * failed (or {@value #MAX_SOCKETS} are open), closes them all, and then a new client must still be upgraded and
 * echoed. Before accepting learnt to pause and resume, the first failure closed the listening socket for good.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DescriptorExhaustionTest {

    /** The child's descriptor limit: room for the JVM, its jars and a few dozen sockets. */
    static final int DESCRIPTOR_LIMIT = 128;

    /** The most sockets the test opens: well past the limit, and bounded. */
    static final int MAX_SOCKETS = 400;

    private static final Pattern PORT = Pattern.compile("^PORT (\\d+)$");
    private static final Pattern WARNING = Pattern.compile("accepting on \\S+ failed");

    /** The lines one stream of the child prints, as they come. */
    private static final class Lines {
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        final List<String> all = new ArrayList<>();

        Lines(InputStream in, String name) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null;) {
                        synchronized (all) {
                            all.add(line);
                        }
                        queue.add(line);
                    }
                } catch (IOException e) {
                    // the child is gone
                }
            }, name);
            t.setDaemon(true);
            t.start();
        }

        /** The next line {@code p} finds something in, waiting at most {@code millis}; null if none came. */
        Matcher await(Pattern p, long millis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (true) {
                String line = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    return null;
                }
                Matcher m = p.matcher(line);
                if (m.find()) {
                    return m;
                }
            }
        }

        String text() {
            synchronized (all) {
                return String.join("\n", all);
            }
        }
    }

    @Test
    void aServerOutOfFileDescriptorsPausesAcceptingWarnsSparinglyAndServesTheNextClient() throws Exception {
        assumeTrue(File.separatorChar == '/' && new File("/bin/bash").canExecute(), "needs bash and ulimit");
        Process child = new ProcessBuilder("/bin/bash", "-c",
                "ulimit -n " + DESCRIPTOR_LIMIT + " && exec \"$0\" -cp \"$1\" " + DescriptorExhaustionServer.class
                        .getName(), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                childClassPath()).start();
        Lines out = new Lines(child.getInputStream(), "child-stdout");
        Lines err = new Lines(child.getErrorStream(), "child-stderr");
        List<Socket> flood = new ArrayList<>();
        try {
            Matcher port = out.await(PORT, 30_000);
            assertNotNull(port, () -> "the child printed no port; its output:\n" + out.text() + "\n" + err.text());
            int p = Integer.parseInt(port.group(1));

            Matcher warned = null;
            while (warned == null && flood.size() < MAX_SOCKETS) {
                Socket s = new Socket();
                flood.add(s);
                s.connect(new InetSocketAddress("127.0.0.1", p), 5000);
                warned = err.await(WARNING, 0);
            }
            if (warned == null) {
                warned = err.await(WARNING, 10_000);
            }
            assertNotNull(warned, () -> flood.size() + " sockets and no warning that accepting failed; stderr:\n"
                    + err.text());
            long warnedAt = System.nanoTime();
            for (Socket s : flood) {
                s.close();
            }
            flood.clear();

            try (Connection c = TestSupport.client().connect(
                    java.net.URI.create("ws://127.0.0.1:" + p + "/echo"))) {
                c.sendText("still accepting");
                assertEquals("still accepting", c.receiveText());
            }
            assertTrue(child.isAlive());
            String log = err.text();
            assertTrue(log.contains("Too many open files"), log);
            long warnings = log.lines().filter(l -> WARNING.matcher(l).find()).count();
            long allowed = 1 + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - warnedAt) / 10;
            assertTrue(warnings <= allowed, "at most one warning per 10 s, " + warnings + " in:\n" + log);
            assertFalse(log.contains("SEVERE") || log.contains("Exception in thread"), "no loop died:\n" + log);
        } finally {
            for (Socket s : flood) {
                s.close();
            }
            child.getOutputStream().close();
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    /** This JVM's class path and module path, with the test classes: the child runs everything on its class path. */
    private static String childClassPath() throws URISyntaxException {
        Set<String> entries = new LinkedHashSet<>();
        URL self = DescriptorExhaustionServer.class.getResource(
                DescriptorExhaustionServer.class.getSimpleName() + ".class");
        if (self != null && self.getProtocol().equals("file")) {
            Path p = Path.of(self.toURI());
            for (int i = 0; i < DescriptorExhaustionServer.class.getName().split("\\.").length; i++) {
                p = p.getParent();
            }
            entries.add(p.toString());
        }
        for (String prop : List.of("jdk.module.path", "java.class.path")) {
            String v = System.getProperty(prop);
            if (v != null) {
                for (String e : v.split(File.pathSeparator)) {
                    if (!e.isEmpty() && Files.exists(Path.of(e))) {
                        entries.add(e);
                    }
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
