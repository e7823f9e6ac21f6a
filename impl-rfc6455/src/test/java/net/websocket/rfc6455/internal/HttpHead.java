package net.websocket.rfc6455.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import net.websocket.api.HandshakeRequest;
import net.websocket.api.HandshakeResponse;
import net.websocket.api.Headers;

/** Parses a handshake head written by the engine back into its start line and headers, strictly. */
record HttpHead(String startLine, Headers headers) {

    static HttpHead parse(ByteBuffer bytes) {
        String text = new String(Wire.bytes(bytes), StandardCharsets.ISO_8859_1);
        assertTrue(text.endsWith("\r\n\r\n"), "ends with an empty line");
        String[] lines = text.substring(0, text.length() - 4).split("\r\n", -1);
        Headers.Builder h = Headers.builder();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(": ");
            assertTrue(colon > 0, "header line: " + lines[i]);
            h.add(lines[i].substring(0, colon), lines[i].substring(colon + 2));
        }
        return new HttpHead(lines[0], h.build());
    }

    HandshakeRequest asRequest() {
        String[] parts = startLine.split(" ");
        return new HandshakeRequest(parts[0], parts[1], parts[2], headers, null, null, false);
    }

    HandshakeResponse asResponse() {
        String[] parts = startLine.split(" ", 3);
        return new HandshakeResponse(parts[0], Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "",
                headers);
    }
}
