package net.websocket.itest.interop;

import net.websocket.api.Connection;
import net.websocket.api.Message;
import net.websocket.api.PayloadType;
import net.websocket.api.WebSocketClient;
import net.websocket.deflate.DeflateOptions;
import net.websocket.deflate.PerMessageDeflate;
import net.websocket.itest.support.EchoServers;
import net.websocket.itest.support.InteropCommands;
import net.websocket.itest.support.InteropMatrix.Cells;
import net.websocket.itest.support.InteropMatrix;
import net.websocket.itest.support.Payloads;
import net.websocket.itest.support.WireCounter;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ClientOptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OurClientContract} against a peer server that accepts permessage-deflate: every check of the contract runs
 * with compressed messages, and the {@link InteropMatrix#DEFLATE} checks look at the agreement as both sides see it
 * (our client's handshake response; the server's answer to {@link InteropCommands#EXTENSIONS}), at offers with each
 * RFC 7692 parameter, and at the bytes on the wire.
 */
abstract class OurClientDeflateContract extends OurClientContract {

    /** The wire check: 20 messages of 50,000 bytes of JSON-like text each way. */
    static final int WIRE_MESSAGES = 20;
    static final int WIRE_SIZE = 50_000;

    /** Compressed, such text must take less than this share of its size on the wire (it takes about 5-15%). */
    static final double WIRE_SHARE = 0.25;

    /** The same with Huffman coding only (no back-references), as our side compresses for windows below 15 bits. */
    static final double HUFFMAN_SHARE = 0.70;

    /** Offers with each parameter: no context takeover both ways, window limits, everything at once. */
    static final List<DeflateOptions> VARIANTS = List.of(
            DeflateOptions.builder().serverNoContextTakeover(true).clientNoContextTakeover(true).build(),
            DeflateOptions.builder().serverMaxWindowBits(10).clientMaxWindowBits(9).build(),
            DeflateOptions.builder().serverNoContextTakeover(true).clientNoContextTakeover(true)
                    .serverMaxWindowBits(9).clientMaxWindowBits(12).build());

    @Override
    boolean compressed() {
        return true;
    }

    /**
     * Whether the peer server accepts an offer with {@code server_max_window_bits}; one that does not takes our
     * client's fallback offer (plain {@code permessage-deflate}) instead, as RFC 7692 allows.
     */
    boolean acceptsServerMaxWindowBits() {
        return true;
    }

    /** The port of the peer server. */
    int port() {
        return uri("/echo").getPort();
    }

    @Test
    @Cells(InteropMatrix.DEFLATE)
    void deflateAgreedBothSides() throws Exception {
        try (Connection c = CLIENT.connect(uri("/echo"))) {
            agreement(c); // its parameters are the server's own choice here
            exchange(c);
        }
    }

    @Test
    @Cells(InteropMatrix.DEFLATE)
    void deflateVariants() throws Exception {
        for (DeflateOptions o : VARIANTS) {
            WebSocketClient client = WebSockets.client(ClientOptions.builder().maxFrameSize(EchoServers.MAX_MESSAGE)
                    .maxMessageSize(EchoServers.MAX_MESSAGE).extensions(new PerMessageDeflate(o)).build());
            try (Connection c = client.connect(uri("/echo"))) {
                Map<String, String> p = agreement(c);
                String what = o + " agreed as " + p;
                boolean limited = o.serverMaxWindowBits() < DeflateOptions.MAX_WINDOW_BITS;
                // our offers: first everything asked, then plain permessage-deflate; the server picks one
                boolean fallback = limited && !acceptsServerMaxWindowBits();
                if (fallback) {
                    assertTrue(!p.containsKey("server_max_window_bits") && !p.containsKey("client_max_window_bits"),
                            "the fallback offer answered: " + what);
                }
                if (o.serverNoContextTakeover() && !fallback) {
                    assertTrue(p.containsKey("server_no_context_takeover"), what);
                }
                if (limited && !fallback) {
                    assertTrue(Integer.parseInt(p.get("server_max_window_bits")) <= o.serverMaxWindowBits(), what);
                }
                if (p.containsKey("client_max_window_bits")) {
                    assertTrue(Integer.parseInt(p.get("client_max_window_bits")) <= o.clientMaxWindowBits(), what);
                }
                exchange(c);
            }
        }
    }

    @Test
    @Cells(InteropMatrix.DEFLATE)
    void compressedOnTheWire() throws Exception {
        try (WireCounter wire = WireCounter.to(port());
                Connection c = CLIENT.connect(URI.create("ws://127.0.0.1:" + wire.port() + "/echo"))) {
            Map<String, String> p = agreement(c);
            wire.reset();
            for (int i = 0; i < WIRE_MESSAGES; i++) {
                String t = Payloads.json(WIRE_SIZE, 100 + i);
                c.sendText(t);
                assertEquals(Message.text(t), receive(c));
            }
            long text = (long) WIRE_MESSAGES * WIRE_SIZE;
            // a window below 15 bits for our client: Deflater cannot honour it but by Huffman coding only
            String clientWindow = p.getOrDefault("client_max_window_bits", "");
            boolean huffmanOnly = !clientWindow.isEmpty()
                    && Integer.parseInt(clientWindow) < DeflateOptions.MAX_WINDOW_BITS;
            String figures = String.format("%,d bytes of JSON-like text each way crossed as %,d (to the server) and "
                    + "%,d (back)", text, wire.toServer(), wire.toClient())
                    + (huffmanOnly ? "; the server asked for client_max_window_bits=" + clientWindow
                            + ", so our client compressed with Huffman coding only" : "");
            System.out.println(getClass().getSimpleName() + ": " + figures);
            assertTrue(wire.toServer() < text * (huffmanOnly ? HUFFMAN_SHARE : WIRE_SHARE), figures);
            assertTrue(wire.toClient() < text * WIRE_SHARE, figures);
            InteropMatrix.record(row(), InteropMatrix.DEFLATE, InteropMatrix.Outcome.OK,
                    getClass().getSimpleName() + ".compressedOnTheWire bytes", figures);
        }
    }

    private String row() {
        return getClass().getAnnotation(InteropMatrix.Row.class).value();
    }

    /**
     * Checks that permessage-deflate was agreed and that the server sees the same agreement; returns its
     * parameters (name to value, "" when bare).
     */
    static Map<String, String> agreement(Connection c) throws Exception {
        String agreed = c.responseHeaders().get("Sec-WebSocket-Extensions");
        assertNotNull(agreed, "no extension agreed");
        c.sendText(InteropCommands.EXTENSIONS);
        assertEquals(Message.text(InteropCommands.extensionsAnswer(agreed)), receive(c), "the server's view");
        String[] parts = agreed.split(";");
        assertEquals("permessage-deflate", parts[0].trim(), agreed);
        Map<String, String> p = new LinkedHashMap<>();
        for (String part : Arrays.asList(parts).subList(1, parts.length)) {
            String[] kv = part.trim().split("=", 2);
            p.put(kv[0].trim(), kv.length == 1 ? "" : kv[1].trim().replace("\"", ""));
        }
        return p;
    }

    /** Compressible and incompressible messages, whole and in fragments, several in a row (context takeover). */
    static void exchange(Connection c) throws Exception {
        for (int i = 0; i < 5; i++) {
            String t = Payloads.json(8000, i);
            c.sendText(t);
            assertEquals(Message.text(t), receive(c), "text " + i);
        }
        byte[] b = Payloads.mixed(65536, 9);
        c.sendBinary(b);
        assertArrayEquals(b, receive(c).bytes(), "binary");
        String t = Payloads.json(20000, 11) + " naïve ☕";
        byte[] u = t.getBytes(StandardCharsets.UTF_8);
        c.sendFragment(PayloadType.TEXT, ByteBuffer.wrap(u, 0, 7000), false);
        c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.wrap(u, 7000, 7000), false);
        c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.wrap(u, 14000, u.length - 14000), true);
        assertEquals(Message.text(t), receive(c), "fragmented text");
        c.sendText("hi");
        assertEquals(Message.text("hi"), receive(c), "short text");
    }
}
