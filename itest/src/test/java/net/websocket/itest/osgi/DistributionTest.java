package net.websocket.itest.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.websocket.api.CloseCodes;
import net.websocket.api.Connection;
import net.websocket.itest.support.ExternalPeer;
import net.websocket.itest.support.NodePeer;

import org.junit.jupiter.api.Test;

/**
 * The executable distribution jar as {@code ./ws serve} runs it: starts, serves the examples with the shell on its
 * standard input, keeps serving once standard input is closed, agrees to permessage-deflate, and stops cleanly on
 * SIGTERM (connections get 1001).
 */
class DistributionTest {

    private static final Pattern LISTENING =
            Pattern.compile("net\\.websocket server default listening on ws://127\\.0\\.0\\.1:(\\d+)/");
    /** A fresh JVM starting Felix and every bundle on a busy 2-core machine: generous. */
    private static final long START_SECONDS = 60;

    @Test
    void startsServesAndStopsCleanly() throws Exception {
        Path jar = OsgiFramework.distributionJar();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Dwebsocket.port=0", "-jar", jar.toString())
                .redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null;) {
                    lines.add(l);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "distribution-output");
        reader.setDaemon(true);
        reader.start();
        try {
            int port = awaitPort(lines);

            // the Gogo shell reads standard input; then standard input ends and the server keeps serving
            try (OutputStream stdin = p.getOutputStream()) {
                stdin.write("ws:servers\n".getBytes(StandardCharsets.US_ASCII));
            }
            awaitLine(lines, "running");
            Thread.sleep(500);
            assertTrue(p.isAlive(), "exited when standard input closed: " + lines);

            try (Connection c = Clients.connect(port, "/echo")) {
                c.sendText("hello");
                assertEquals("hello", c.receiveText());
            }
            try (Connection c = Clients.connect(port, "/time")) {
                assertNotNull(c.receiveText());
            }
            compressedEchoes(port);
            Connection open = Clients.connect(port, "/echo");
            open.sendText("before stop");
            assertEquals("before stop", open.receiveText());

            p.destroy(); // SIGTERM
            assertEquals(CloseCodes.GOING_AWAY, Clients.closeStatus(open).code());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "did not stop: " + lines);
            reader.join(5000);
            assertFalse(lines.stream().anyMatch(l -> l.contains("Exception")), lines.toString());
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * The distribution has permessage-deflate: our client (it is on the test class path) and, where Node is, Node's
     * {@code ws} ({@code deflate_client.js}, one case of text and binary messages) agree to it on {@code /echo}.
     */
    private static void compressedEchoes(int port) throws Exception {
        String text = "compressible ".repeat(1000);
        try (Connection c = Clients.connect(port, "/echo")) {
            assertEquals("permessage-deflate", c.responseHeaders().get("Sec-WebSocket-Extensions"));
            c.sendText(text);
            assertEquals(text, c.receiveText());
        }
        if (NodePeer.unavailableReason() != null) {
            System.out.println("DistributionTest: Node ws check skipped: " + NodePeer.unavailableReason());
            return;
        }
        Path cases = Files.createTempFile("distribution-deflate", ".json");
        try {
            Files.writeString(cases, "[{\"id\":\"d.1\",\"offer\":null,\"messages\":["
                    + "{\"kind\":\"text\",\"size\":4096,\"count\":10,\"fragment\":0},"
                    + "{\"kind\":\"binary\",\"size\":65536,\"count\":2,\"fragment\":8192}]}]");
            ExternalPeer.Result r = ExternalPeer.run(NodePeer.command("deflate_client.js", cases.toString(),
                    "ws://127.0.0.1:" + port + "/echo"), Duration.ofMinutes(1));
            assertEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().lines().anyMatch(l -> l.matches("case d\\.1 ok \\d+ permessage-deflate")),
                    r.output());
        } finally {
            Files.deleteIfExists(cases);
        }
    }

    private static int awaitPort(List<String> lines) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            for (String l : lines) {
                Matcher m = LISTENING.matcher(l);
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the distribution did not start listening: " + lines);
    }

    private static void awaitLine(List<String> lines, String part) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            if (lines.stream().anyMatch(l -> l.contains(part))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line with '" + part + "': " + lines);
    }
}
