package net.websocket.itest.interop;

import net.websocket.itest.support.ExternalPeer;
import net.websocket.itest.support.InteropMatrix;
import net.websocket.itest.support.InteropServer;
import net.websocket.itest.support.WireCounter;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs a peer's client script (Node's {@code ws_client.js}, python's {@code ws_client.py}) against {@link InteropServer}
 * and records its checks in the interop matrix: once uncompressed (the script offers no extension and the server has
 * none), once with permessage-deflate (the script offers it, the server accepts it, and the script's wire check goes
 * through a {@link WireCounter} whose counts must show compressed messages).
 */
final class PeerClientScript {

    /** How long one run of a script may take. */
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);

    /** The wire check of the scripts: 20 messages of 50,000 bytes of JSON-like text each way. */
    private static final long WIRE_TEXT = 20 * 50_000L;

    private PeerClientScript() {
    }

    /**
     * Runs the script uncompressed.
     *
     * @param command the command for the script, given the server's base URI and further arguments
     * @param checks  the script's check names and the features each covers
     */
    static void runUncompressed(String row, String test, Function<String[], List<String>> command,
                                Map<String, List<String>> checks) throws Exception {
        InteropMatrix.record(row, InteropMatrix.DEFLATE, InteropMatrix.Outcome.NOT_APPLICABLE, test,
                InteropMatrix.DEFLATE_OFF.substring(InteropMatrix.DEFLATE.length() + 2));
        try (InteropServer server = InteropServer.uncompressed()) {
            ExternalPeer.Result r = ExternalPeer.run(command.apply(new String[] {base(server.port())}), RUN_TIMEOUT);
            System.out.println(r.output());
            InteropMatrix.recordChecks(row, test, r.output(), checks);
            assertEquals(0, r.exitCode(), () -> "client checks failed:\n" + r.output());
            assertTrue(r.output().contains("checks failed 0"), () -> "unexpected output:\n" + r.output());
        }
    }

    /**
     * Runs the script with permessage-deflate: its own checks, compressed, and its deflate checks ({@code agreed},
     * {@code variants}, {@code wire}, named as the script names them).
     */
    static void runCompressed(String row, String test, Function<String[], List<String>> command,
                              Map<String, List<String>> checks, List<String> deflateChecks) throws Exception {
        Map<String, List<String>> all = new HashMap<>(checks);
        deflateChecks.forEach(c -> all.put(c, List.of(InteropMatrix.DEFLATE)));
        try (InteropServer server = InteropServer.start(); WireCounter wire = WireCounter.to(server.port())) {
            ExternalPeer.Result r = ExternalPeer.run(
                    command.apply(new String[] {base(server.port()), "deflate", base(wire.port())}), RUN_TIMEOUT);
            System.out.println(r.output());
            InteropMatrix.recordChecks(row, test, r.output(), all);
            assertEquals(0, r.exitCode(), () -> "client checks failed:\n" + r.output());
            assertTrue(r.output().contains("checks failed 0"), () -> "unexpected output:\n" + r.output());
            String figures = String.format("%,d bytes of JSON-like text each way crossed as %,d (to the server) and "
                    + "%,d (back), handshake and frame headers included", WIRE_TEXT, wire.toServer(), wire.toClient());
            System.out.println(test + ": " + figures);
            boolean small = wire.toServer() < WIRE_TEXT * OurClientDeflateContract.WIRE_SHARE
                    && wire.toClient() < WIRE_TEXT * OurClientDeflateContract.WIRE_SHARE;
            InteropMatrix.record(row, InteropMatrix.DEFLATE,
                    small ? InteropMatrix.Outcome.OK : InteropMatrix.Outcome.FAILED, test + " wire bytes", figures);
            assertTrue(small, figures);
        }
    }

    private static String base(int port) {
        return "ws://127.0.0.1:" + port;
    }
}
