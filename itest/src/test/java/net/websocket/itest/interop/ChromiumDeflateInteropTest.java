package net.websocket.itest.interop;

import net.websocket.itest.support.InteropCommands;
import net.websocket.itest.support.InteropMatrix.Cells;
import net.websocket.itest.support.InteropMatrix;
import net.websocket.itest.support.Payloads;
import net.websocket.itest.support.WireCounter;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Headless Chromium against our servers with permessage-deflate, which the browser offers by itself
 * ({@code permessage-deflate; client_max_window_bits}): every check of {@link ChromiumContract} runs with compressed
 * messages, and the {@link InteropMatrix#DEFLATE} checks compare the agreement the page shows
 * ({@code WebSocket.extensions}) with the server's and count the bytes on the wire. The browser's offer cannot be
 * changed from the page, so there are no no_context_takeover or max_window_bits variants here.
 */
@InteropMatrix.Row(InteropMatrix.CHROMIUM_DEFLATE)
class ChromiumDeflateInteropTest extends ChromiumContract {

    /** The wire check: one message of 1,000,000 bytes of JSON-like text each way. */
    private static final int WIRE_SIZE = 1_000_000;

    /** How many characters of a long text the page shows at each end. */
    private static final int SHOWN_HALF = 100;

    @Override
    boolean compressed() {
        return true;
    }

    @Test
    @Cells(InteropMatrix.DEFLATE)
    void deflateAgreedBothSides() throws Exception {
        String opened = open(interop.uri("/echo"), "");
        String agreed = opened.substring(opened.indexOf(" extensions ") + " extensions ".length());
        send(InteropCommands.EXTENSIONS, false);
        expect("recv: " + InteropCommands.extensionsAnswer(agreed));
        for (int i = 0; i < 3; i++) {
            String t = Payloads.json(150, i); // short enough for the page to show whole
            send(t, false);
            expect("recv: " + t);
        }
        String t = Payloads.json(20_000, 7) + " naïve ☕";
        send(t, true);
        expect("recv: [binary " + t.getBytes(StandardCharsets.UTF_8).length + " bytes: "
                + hex(Arrays.copyOf(t.getBytes(StandardCharsets.UTF_8), 16)) + " ...]");
        assertArrayEquals(t.getBytes(StandardCharsets.UTF_8), (byte[]) interop.lastEchoed(),
                "what the server received from the browser");
        // the server's fragments, compressed as one message
        String fragmented = "fragments: naïve café ☕ end " + Payloads.json(150, 3);
        send(InteropCommands.fragmentMe(fragmented), false);
        expect("recv: " + describe(fragmented));
    }

    @Test
    @Cells(InteropMatrix.DEFLATE)
    void compressedOnTheWire() throws Exception {
        try (WireCounter wire = WireCounter.to(interop.port())) {
            open(URI.create("ws://127.0.0.1:" + wire.port() + "/echo"), "");
            wire.reset();
            String t = Payloads.json(WIRE_SIZE, 42);
            send(t, false);
            expect("recv: " + describe(t));
            assertEquals(t, interop.lastEchoed(), "what the server received from the browser");
            String figures = String.format("%,d bytes of JSON-like text each way crossed as %,d (to the server) and "
                    + "%,d (back)", WIRE_SIZE, wire.toServer(), wire.toClient());
            System.out.println("Chromium: " + figures);
            assertTrue(wire.toServer() < WIRE_SIZE * OurClientDeflateContract.WIRE_SHARE
                    && wire.toClient() < WIRE_SIZE * OurClientDeflateContract.WIRE_SHARE, figures);
            InteropMatrix.record(row(), InteropMatrix.DEFLATE, InteropMatrix.Outcome.OK,
                    "ChromiumDeflateInteropTest.compressedOnTheWire bytes", figures);
        }
    }

    /** A text as the page shows it: whole when short, else its length and both ends. */
    private static String describe(String text) {
        return text.length() <= 2 * SHOWN_HALF ? text
                : "[" + text.length() + " characters] " + text.substring(0, SHOWN_HALF) + "..."
                        + text.substring(text.length() - SHOWN_HALF);
    }
}
