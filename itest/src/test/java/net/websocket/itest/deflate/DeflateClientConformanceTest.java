package net.websocket.itest.deflate;

import net.websocket.api.Connection;
import net.websocket.api.Message;
import net.websocket.api.PayloadType;
import net.websocket.api.WebSocketClient;
import net.websocket.deflate.DeflateOptions;
import net.websocket.deflate.PerMessageDeflate;
import net.websocket.itest.deflate.DeflateCase.Messages;
import net.websocket.itest.deflate.DeflateCase.Offer;
import net.websocket.itest.deflate.DeflateReport.Result;
import net.websocket.itest.support.EchoServers;
import net.websocket.itest.support.ExternalPeer;
import net.websocket.itest.support.InteropCommands;
import net.websocket.itest.support.NodePeer;
import net.websocket.itest.support.Payloads;
import net.websocket.itest.support.PythonPeer;
import net.websocket.itest.support.WireCounter;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ClientOptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The permessage-deflate conformance set ({@link DeflateCases}) with our client against independent compressing
 * servers: Node's {@code ws} ({@code ws_server.js deflate}) and python-websockets ({@code ws_server.py deflate-any},
 * which takes offers as they are). Our client makes each offer through {@link DeflateOptions}: in 13.x a window of 15
 * is what it never asks for, so the grid is "not asked" and 9 to 14. A case is OK when the server accepted our first
 * offer as RFC 7692 requires (the asked {@code server_no_context_takeover}, {@code server_max_window_bits} no larger
 * than asked, {@code client_max_window_bits} no larger than offered), the server's own record of its answer (its
 * reply to {@code extensions?}) is what our client got, and every echo was intact. Skipped where the peer is missing.
 */
class DeflateClientConformanceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void againstNodeWsServer() throws Exception {
        String why = NodePeer.unavailableReason();
        assumeTrue(why == null, () -> "Node ws peer skipped: " + why);
        try (ExternalPeer peer = ExternalPeer.start(NodePeer.command("ws_server.js", "deflate"))) {
            run("client-node", "Client: our client against a Node `ws` " + NodePeer.version("ws") + " server",
                    peer.awaitPort(WAIT));
        }
    }

    @Test
    void againstPythonWebsocketsServer() throws Exception {
        String why = PythonPeer.unavailableReason();
        assumeTrue(why == null, () -> "python-websockets peer skipped: " + why);
        try (ExternalPeer peer = ExternalPeer.start(PythonPeer.command("ws_server.py", "deflate-any"))) {
            run("client-python", "Client: our client against a python-websockets " + PythonPeer.version()
                    + " server", peer.awaitPort(WAIT));
        }
    }

    private static void run(String part, String title, int port) throws Exception {
        List<Integer> windows = new ArrayList<>();
        windows.add(null);
        for (int b = DeflateCases.MIN_WINDOW; b < DeflateCases.MAX_WINDOW; b++) {
            windows.add(b);
        }
        List<DeflateCase> cases = DeflateCases.all(windows);
        long bytes = cases.stream().mapToLong(DeflateCase::bytes).sum();
        long toServer = 0;
        long toClient = 0;
        List<Object[]> results = new ArrayList<>();
        try (WireCounter wire = WireCounter.to(port)) {
            URI uri = URI.create("ws://127.0.0.1:" + wire.port() + "/echo");
            for (DeflateCase c : cases) {
                wire.reset();
                long start = System.nanoTime();
                String observed;
                Result result;
                try {
                    String agreed = runCase(c, uri);
                    result = Result.OK;
                    observed = "agreed '" + agreed + "'";
                } catch (Exception | AssertionError e) {
                    result = Result.FAILED;
                    observed = String.valueOf(e.getMessage() == null ? e : e.getMessage());
                }
                observed += String.format(", %,d / %,d bytes on the wire, %d ms", wire.toServer(), wire.toClient(),
                        (System.nanoTime() - start) / 1_000_000);
                toServer += wire.toServer();
                toClient += wire.toClient();
                results.add(new Object[] {c, result, observed});
            }
        }
        DeflateReport report = new DeflateReport(part, title, String.format(
                "Our client compresses and makes the offers; the server answers, decompresses, echoes and "
                        + "compresses. On the wire: %,d bytes of messages each way crossed as %,d bytes to the "
                        + "server and %,d back (handshakes and frame headers included). Bytes on the wire per case: "
                        + "to the server / back.", bytes, toServer, toClient));
        for (Object[] r : results) {
            DeflateCase c = (DeflateCase) r[0];
            report.add(c, (Result) r[1], expectation(c), (String) r[2]);
        }
        report.write();
        System.out.println(title + ": " + (cases.size() - report.failures().size()) + " of " + cases.size()
                + " cases OK; wire " + toServer + " / " + toClient + " bytes for " + bytes);
        assertTrue(report.failures().isEmpty(), () -> report.failures().size() + " cases failed: "
                + report.failures().stream().limit(20).map(o -> o.c().id() + " " + o.observed()).toList());
    }

    private static String expectation(DeflateCase c) {
        Offer o = c.offer();
        List<String> e = new ArrayList<>();
        e.add("permessage-deflate");
        if (o != null && o.serverNoContextTakeover()) {
            e.add("server_no_context_takeover");
        }
        if (o != null && o.serverMaxWindowBits() != null) {
            e.add("server_max_window_bits ≤ " + o.serverMaxWindowBits());
        }
        if (o != null && o.clientMaxWindowBits() != null) {
            e.add("client_max_window_bits, if any, ≤ " + o.clientMaxWindowBits());
        }
        return String.join("; ", e) + ", " + c.messageCount() + " echoes";
    }

    /** Runs one case; returns the agreement. */
    private static String runCase(DeflateCase c, URI uri) throws Exception {
        Offer o = c.offer();
        DeflateOptions options = o == null ? DeflateOptions.defaults() : DeflateOptions.builder()
                .serverNoContextTakeover(o.serverNoContextTakeover())
                .clientNoContextTakeover(o.clientNoContextTakeover())
                .serverMaxWindowBits(o.serverMaxWindowBits() == null ? 15 : o.serverMaxWindowBits())
                .clientMaxWindowBits(o.clientMaxWindowBits() == null ? 15 : o.clientMaxWindowBits()).build();
        WebSocketClient client = WebSockets.client(ClientOptions.builder().ioThreads(1)
                .maxFrameSize(EchoServers.MAX_MESSAGE).maxMessageSize(EchoServers.MAX_MESSAGE)
                .extensions(new PerMessageDeflate(options)).build());
        try (Connection conn = client.connect(uri)) {
            String agreed = conn.responseHeaders().get("Sec-WebSocket-Extensions");
            String offered = conn.requestHeaders().get("Sec-WebSocket-Extensions");
            String what = "offered '" + offered + "', agreed '" + agreed + "'";
            check(DeflateCase.extensionName(agreed).equals("permessage-deflate"), "not agreed: " + what);
            Map<String, String> p = DeflateCase.params(agreed);
            if (o != null && o.serverNoContextTakeover()) {
                check(p.containsKey("server_no_context_takeover"), "server_no_context_takeover missing: " + what);
            }
            if (o != null && o.serverMaxWindowBits() != null) {
                check(p.containsKey("server_max_window_bits")
                        && Integer.parseInt(p.get("server_max_window_bits")) <= o.serverMaxWindowBits(),
                        "server_max_window_bits: " + what);
            }
            if (o != null && o.clientMaxWindowBits() != null && p.containsKey("client_max_window_bits")) {
                check(Integer.parseInt(p.get("client_max_window_bits")) <= o.clientMaxWindowBits(),
                        "client_max_window_bits: " + what);
            }
            conn.sendText(InteropCommands.EXTENSIONS);
            String view = receive(conn).text();
            check(view.equals(InteropCommands.extensionsAnswer(agreed)), "the server says '" + view + "': " + what);
            int seed = 0;
            for (Messages m : c.messages()) {
                for (int i = 0; i < m.count(); i++) {
                    byte[] payload = m.binary() ? Payloads.mixed(m.size(), seed)
                            : Payloads.json(m.size(), seed).getBytes(StandardCharsets.US_ASCII);
                    seed++;
                    send(conn, m, payload);
                    Message echo = receive(conn);
                    check(echo.isBinary() == m.binary() && Arrays.equals(echo.bytes(), payload),
                            "echo of " + (m.binary() ? "binary" : "text") + " message " + i + " of " + m.size()
                                    + " bytes differs");
                }
            }
            return agreed;
        }
    }

    private static void send(Connection c, Messages m, byte[] payload) throws Exception {
        if (m.fragment() <= 0 || m.fragment() >= payload.length) {
            if (m.binary()) {
                c.sendBinary(payload);
            } else {
                c.sendText(new String(payload, StandardCharsets.US_ASCII));
            }
            return;
        }
        for (int off = 0; off < payload.length; off += m.fragment()) {
            int n = Math.min(m.fragment(), payload.length - off);
            PayloadType type = off > 0 ? PayloadType.CONTINUATION : m.binary() ? PayloadType.BINARY : PayloadType.TEXT;
            c.sendFragment(type, ByteBuffer.wrap(payload, off, n), off + n == payload.length);
        }
    }

    private static Message receive(Connection c) throws Exception {
        Message m = c.receive(WAIT);
        if (m == null) {
            throw new AssertionError("the connection ended instead of an echo: " + c.closeStatus());
        }
        return m;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
