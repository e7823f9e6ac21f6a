package net.websocket.itest.interop;

import net.websocket.itest.support.InteropCommands;
import net.websocket.itest.support.InteropMatrix.Cells;
import net.websocket.itest.support.InteropMatrix;
import net.websocket.itest.support.Payloads;
import net.websocket.itest.support.PeerClient.Binary;
import net.websocket.itest.support.PeerClient.Text;
import net.websocket.itest.support.PeerClient;
import net.websocket.itest.support.WireCounter;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PeerClientContract} with a peer client that offers permessage-deflate, which our server (the extension on
 * the class path) accepts: every check of the contract runs with compressed messages, and the
 * {@link InteropMatrix#DEFLATE} checks compare the peer's view of the agreement ({@link PeerClient#extensions()})
 * with the server's (its answer to {@link InteropCommands#EXTENSIONS}) and count the bytes on the wire.
 */
abstract class PeerClientDeflateContract extends PeerClientContract {

    @Test
    @Cells(InteropMatrix.DEFLATE)
    void deflateAgreedBothSides() throws Exception {
        try (PeerClient peer = connect(server.uri("/echo"))) {
            agreement(peer);
            exchange(peer);
        }
    }

    @Test
    @Cells(InteropMatrix.DEFLATE)
    void compressedOnTheWire() throws Exception {
        try (WireCounter wire = WireCounter.to(server.port());
                PeerClient peer = connect(URI.create("ws://127.0.0.1:" + wire.port() + "/echo"))) {
            agreement(peer);
            wire.reset();
            int messages = OurClientDeflateContract.WIRE_MESSAGES;
            int size = OurClientDeflateContract.WIRE_SIZE;
            for (int i = 0; i < messages; i++) {
                String t = Payloads.json(size, 100 + i);
                peer.sendText(t, true);
                assertEquals(t, peer.next(Text.class).text());
            }
            long text = (long) messages * size;
            String figures = String.format("%,d bytes of JSON-like text each way crossed as %,d (to the server) and "
                    + "%,d (back)", text, wire.toServer(), wire.toClient());
            System.out.println(getClass().getSimpleName() + ": " + figures);
            assertTrue(wire.toServer() < text * OurClientDeflateContract.WIRE_SHARE
                    && wire.toClient() < text * OurClientDeflateContract.WIRE_SHARE, figures);
            InteropMatrix.record(getClass().getAnnotation(InteropMatrix.Row.class).value(), InteropMatrix.DEFLATE,
                    InteropMatrix.Outcome.OK, getClass().getSimpleName() + ".compressedOnTheWire bytes", figures);
        }
    }

    /**
     * Checks that the peer sees permessage-deflate agreed and that the server answered the same; returns the
     * parameters (name to value, "" when bare).
     */
    static Map<String, String> agreement(PeerClient peer) throws Exception {
        String agreed = peer.extensions();
        assertNotNull(agreed, "the peer saw no extension agreed");
        peer.sendText(InteropCommands.EXTENSIONS, true);
        assertEquals(InteropCommands.extensionsAnswer(agreed), peer.next(Text.class).text(), "the server's view");
        String[] parts = agreed.split(";");
        assertEquals("permessage-deflate", parts[0].trim(), agreed);
        Map<String, String> p = new LinkedHashMap<>();
        for (String part : Arrays.asList(parts).subList(1, parts.length)) {
            String[] kv = part.trim().split("=", 2);
            p.put(kv[0].trim(), kv.length == 1 ? "" : kv[1].trim());
        }
        return p;
    }

    /** Compressible and incompressible messages, whole and in fragments, several in a row (context takeover). */
    static void exchange(PeerClient peer) throws Exception {
        for (int i = 0; i < 5; i++) {
            String t = Payloads.json(8000, i);
            peer.sendText(t, true);
            assertEquals(t, peer.next(Text.class).text(), "text " + i);
        }
        byte[] b = Payloads.mixed(65536, 9);
        peer.sendBinary(b, true);
        assertArrayEquals(b, peer.next(Binary.class).data(), "binary");
        String t = Payloads.json(20000, 11) + " naïve ☕";
        byte[] u = t.getBytes(StandardCharsets.UTF_8);
        peer.sendTextBytes(Arrays.copyOfRange(u, 0, 7000), true, false);
        peer.sendTextBytes(Arrays.copyOfRange(u, 7000, 14000), false, false);
        peer.sendTextBytes(Arrays.copyOfRange(u, 14000, u.length), false, true);
        assertEquals(t, peer.next(Text.class).text(), "fragmented text");
        peer.sendText("hi", true);
        assertEquals("hi", peer.next(Text.class).text(), "short text");
    }
}
