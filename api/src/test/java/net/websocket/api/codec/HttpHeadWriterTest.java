package net.websocket.api.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import net.websocket.api.Headers;

import org.junit.jupiter.api.Test;

/** The head writer both variants and the runtime's error responses use: exact bytes. */
class HttpHeadWriterTest {

    private static String text(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void startLineFieldsInOrderAndTheBlankLine() {
        ByteBuffer out = new HttpHeadWriter("HTTP/1.1 101 Switching Protocols")
                .header("Upgrade", "websocket")
                .header("Connection", "Upgrade")
                .toBuffer();
        assertEquals(0, out.position());
        assertEquals("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", text(out));
    }

    @Test
    void aBodyFollowsTheBlankLineByteForByte() {
        byte[] body = {0, (byte) 0xff, '\r', '\n'};
        ByteBuffer out = new HttpHeadWriter("GET / HTTP/1.1").header("Host", "h").toBuffer(body);
        String head = "GET / HTTP/1.1\r\nHost: h\r\n\r\n";
        assertEquals(head.length() + body.length, out.remaining());
        out.position(head.length());
        assertEquals(ByteBuffer.wrap(body), out);
    }

    @Test
    void skippedNamesAreComparedIgnoringCaseAndTheRestKeepTheirOrder() {
        Headers extra = Headers.of("X-A", "1", "connection", "keep-alive", "X-B", "2", "UPGRADE", "h2c");
        String all = text(new HttpHeadWriter("S").headers(extra).toBuffer());
        assertEquals("S\r\nX-A: 1\r\nconnection: keep-alive\r\nX-B: 2\r\nUPGRADE: h2c\r\n\r\n", all);
        String some = text(new HttpHeadWriter("S").headers(extra, List.of("Connection", "Upgrade")).toBuffer());
        assertEquals("S\r\nX-A: 1\r\nX-B: 2\r\n\r\n", some);
    }

    @Test
    void textIsWrittenOneByteACharacter() {
        ByteBuffer out = new HttpHeadWriter("S").header("X-Name", "caf\u00e9").toBuffer();
        byte[] b = new byte[out.remaining()];
        out.get(b);
        assertEquals((byte) 0xe9, b[b.length - 5]);
        assertEquals("S\r\nX-Name: caf\u00e9\r\n\r\n".length(), b.length);
    }
}
