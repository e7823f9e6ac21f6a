package net.websocket.itest.deflate;

import net.websocket.api.Connection;
import net.websocket.api.Handler;
import net.websocket.api.Message;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketServer;
import net.websocket.itest.deflate.DeflateReport.Result;
import net.websocket.itest.support.EchoServers;
import net.websocket.itest.support.ExternalPeer;
import net.websocket.itest.support.NodePeer;
import net.websocket.itest.support.PythonPeer;
import net.websocket.itest.support.WireCounter;
import net.websocket.nio.WebSockets;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The permessage-deflate conformance set ({@link DeflateCases}) against our server, with independent compressing
 * clients: Node's {@code ws} ({@code deflate_client.js}) and python-websockets ({@code deflate_client.py}). Our
 * server runs with the default {@code DeflateOptions}, so its answer to each offer is known: the offer's
 * {@code server_no_context_takeover}, {@code client_no_context_takeover} and {@code server_max_window_bits}, no
 * {@code client_max_window_bits} (its 32 KiB inflater decodes any window). A case is OK when the client got that
 * answer, the server's own record of its answer is the same, every echo was intact and the server echoed every
 * message. Skipped where the peer is missing.
 */
class DeflateServerConformanceTest {

    /** A run of every case through a busy machine's Python: generous. */
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(9);

    private static final Pattern CASE_LINE = Pattern.compile("^case (\\S+) (ok|FAIL) (\\d+) ?(.*)$");

    @Test
    void nodeWsClient() throws Exception {
        String why = NodePeer.unavailableReason();
        assumeTrue(why == null, () -> "Node ws peer skipped: " + why);
        run("server-node", "Server: Node `ws` " + NodePeer.version("ws") + " client against our server",
                args -> NodePeer.command("deflate_client.js", args));
    }

    @Test
    void pythonWebsocketsClient() throws Exception {
        String why = PythonPeer.unavailableReason();
        assumeTrue(why == null, () -> "python-websockets peer skipped: " + why);
        run("server-python", "Server: python-websockets " + PythonPeer.version() + " client against our server",
                args -> PythonPeer.command("deflate_client.py", args));
    }

    /** What our server saw of one case's connection. */
    private record Seen(String answer, AtomicInteger messages) {
    }

    private static void run(String part, String title, Function<String[], List<String>> command) throws Exception {
        List<DeflateCase> cases = DeflateCases.all(DeflateCases.windowsWithNone());
        Map<String, Seen> seen = new ConcurrentHashMap<>();
        Handler echo = c -> {
            Seen s = new Seen(c.responseHeaders().get("Sec-WebSocket-Extensions"), new AtomicInteger());
            seen.put(caseId(c), s);
            for (Message m; (m = c.receive()) != null;) {
                c.send(m);
                s.messages().incrementAndGet();
            }
        };
        Path json = DeflateReport.outDir().resolve(part + "-cases.json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, "[\n" + String.join(",\n", cases.stream().map(DeflateCase::toJson).toList())
                + "\n]\n", StandardCharsets.UTF_8);
        ExternalPeer.Result r;
        long toServer;
        long toClient;
        try (WebSocketServer server = WebSockets.serve(EchoServers.options().build(),
                ServiceMapper.builder().route("/echo", ServiceMapper.none(echo)).build());
                WireCounter wire = WireCounter.to(server.port())) {
            r = ExternalPeer.run(command.apply(new String[] {json.toString(),
                    "ws://127.0.0.1:" + wire.port() + "/echo"}), RUN_TIMEOUT);
            toServer = wire.toServer();
            toClient = wire.toClient();
        }
        Map<String, Matcher> lines = new TreeMap<>();
        for (String l : r.output().lines().toList()) {
            Matcher m = CASE_LINE.matcher(l.trim());
            if (m.matches()) {
                lines.put(m.group(1), m);
            }
        }
        long bytes = cases.stream().mapToLong(DeflateCase::bytes).sum();
        DeflateReport report = new DeflateReport(part, title, String.format(
                "The client compresses; our server (default options) answers, decompresses, echoes and compresses. "
                        + "On the wire: %,d bytes of messages each way crossed as %,d bytes to the server and %,d "
                        + "back (handshakes and frame headers included).", bytes, toServer, toClient));
        for (DeflateCase c : cases) {
            String expected = "permessage-deflate" + expected(c).entrySet().stream()
                    .map(e -> "; " + e.getKey() + (e.getValue().isEmpty() ? "" : "=" + e.getValue()))
                    .reduce("", String::concat) + ", " + c.messageCount() + " echoes";
            Matcher m = lines.get(c.id());
            Seen s = seen.get(c.id());
            String observed;
            Result result;
            if (m == null) {
                result = Result.FAILED;
                observed = "the client did not report the case";
            } else if (!m.group(2).equals("ok")) {
                result = Result.FAILED;
                observed = m.group(4) + " (" + m.group(3) + " ms)";
            } else {
                String agreed = m.group(4);
                observed = "agreed '" + agreed + "', " + (s == null ? 0 : s.messages().get()) + " echoes, "
                        + m.group(3) + " ms";
                boolean right = DeflateCase.extensionName(agreed).equals("permessage-deflate")
                        && DeflateCase.params(agreed).equals(expected(c))
                        && s != null && agreed.equals(s.answer()) && s.messages().get() == c.messageCount();
                result = right ? Result.OK : Result.FAILED;
                if (!right && s != null && !agreed.equals(s.answer())) {
                    observed += "; the server answered '" + s.answer() + "'";
                }
            }
            report.add(c, result, expected, observed);
        }
        report.write();
        System.out.println(title + ": " + (cases.size() - report.failures().size()) + " of " + cases.size()
                + " cases OK; wire " + toServer + " / " + toClient + " bytes for " + bytes);
        assertTrue(report.failures().isEmpty(), () -> report.failures().size() + " cases failed: "
                + report.failures().stream().limit(20).map(o -> o.c().id() + " " + o.observed()).toList()
                + "\n" + tail(r.output()));
    }

    /** Our server's answer to a case's offer (default options): name to value. */
    private static Map<String, String> expected(DeflateCase c) {
        Map<String, String> p = new TreeMap<>();
        if (c.offer() != null) {
            if (c.offer().serverNoContextTakeover()) {
                p.put("server_no_context_takeover", "");
            }
            if (c.offer().clientNoContextTakeover()) {
                p.put("client_no_context_takeover", "");
            }
            if (c.offer().serverMaxWindowBits() != null) {
                p.put("server_max_window_bits", c.offer().serverMaxWindowBits().toString());
            }
        }
        return p;
    }

    private static String caseId(Connection c) throws IOException {
        String q = c.query().orElse("");
        return q.startsWith("case=") ? URLDecoder.decode(q.substring("case=".length()), StandardCharsets.UTF_8) : q;
    }

    private static String tail(String output) {
        List<String> l = output.lines().toList();
        return String.join("\n", l.subList(Math.max(0, l.size() - 30), l.size()));
    }
}
