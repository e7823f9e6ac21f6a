package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class HttpHeadParserTest {

    static final String REQUEST = "GET /chat?x=1 HTTP/1.1\r\nHost: a.example\r\nUpgrade:websocket\r\n"
            + "X-Empty:\r\nX-Spaces: \t padded \t \r\nX-Latin: caf\u00e9\r\n\r\nBODY";

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static HttpHeadParser request(String s) throws HttpHeadParser.ParseException {
        HttpHeadParser p = new HttpHeadParser(HttpHeadParser.Mode.REQUEST, 8192);
        assertTrue(p.feed(bytes(s)));
        return p;
    }

    private static int failure(HttpHeadParser.Mode mode, int limit, String s) {
        HttpHeadParser p = new HttpHeadParser(mode, limit);
        return assertThrows(HttpHeadParser.ParseException.class, () -> p.feed(bytes(s))).status();
    }

    @Test
    void parsesRequestAndStopsAtEndOfHead() throws Exception {
        HttpHeadParser p = new HttpHeadParser(HttpHeadParser.Mode.REQUEST, 8192);
        ByteBuffer in = bytes(REQUEST);
        assertTrue(p.feed(in));
        assertEquals("BODY", StandardCharsets.ISO_8859_1.decode(in).toString());
        assertEquals("GET", p.method());
        assertEquals("/chat?x=1", p.target());
        assertEquals("HTTP/1.1", p.httpVersion());
        assertEquals("GET /chat?x=1 HTTP/1.1", p.startLine());
        assertEquals("a.example", p.headers().get("host"));
        assertEquals("websocket", p.headers().get("Upgrade"));
        assertEquals("", p.headers().get("X-Empty"));
        assertEquals("padded", p.headers().get("X-Spaces"));
        assertEquals("caf\u00e9", p.headers().get("X-Latin"));
        assertEquals(5, p.headers().size());
    }

    @Test
    void anySplitGivesTheSameResult() throws Exception {
        byte[] all = REQUEST.getBytes(StandardCharsets.ISO_8859_1);
        for (int split = 0; split < all.length; split++) {
            HttpHeadParser p = new HttpHeadParser(HttpHeadParser.Mode.REQUEST, 8192);
            boolean done = p.feed(ByteBuffer.wrap(all, 0, split));
            if (!done) {
                ByteBuffer rest = ByteBuffer.wrap(all, split, all.length - split);
                assertTrue(p.feed(rest));
                assertEquals(4, rest.remaining());
            }
            assertEquals("caf\u00e9", p.headers().get("X-Latin"));
        }
        // one byte at a time
        HttpHeadParser p = new HttpHeadParser(HttpHeadParser.Mode.REQUEST, 8192);
        int i = 0;
        while (!p.feed(ByteBuffer.wrap(all, i, 1))) {
            i++;
        }
        assertEquals(all.length - 5, i);
    }

    @Test
    void strictness() {
        HttpHeadParser.Mode r = HttpHeadParser.Mode.REQUEST;
        assertEquals(400, failure(r, 8192, "GET / HTTP/1.1\nHost: x\r\n\r\n"), "bare LF");
        assertEquals(400, failure(r, 8192, "GET / HTTP/1.1\r\nHost: x\rY\r\n\r\n"), "bare CR");
        assertEquals(400, failure(r, 8192, "GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n"), "obs-fold");
        assertEquals(400, failure(r, 8192, "GET / HTTP/1.1\r\nA : b\r\n\r\n"), "space before colon");
        assertEquals(400, failure(r, 8192, "GET / HTTP/1.1\r\n: b\r\n\r\n"), "empty name");
        assertEquals(400, failure(r, 8192, "GET / HTTP/1.1\r\nNoColon\r\n\r\n"), "no colon");
        assertEquals(400, failure(r, 8192, "GET / HTTP/1.1\r\nA: b\u0001c\r\n\r\n"), "control char");
        assertEquals(400, failure(r, 8192, "GET  / HTTP/1.1\r\n\r\n"), "double space");
        assertEquals(400, failure(r, 8192, "GET / HTTP/1.1 x\r\n\r\n"), "extra part");
        assertEquals(400, failure(r, 8192, "GET / HTTP/11\r\n\r\n"), "bad version");
        assertEquals(400, failure(r, 8192, "G(T / HTTP/1.1\r\n\r\n"), "bad method");
        assertEquals(400, failure(r, 8192, "GET /\u00ff HTTP/1.1\r\n\r\n"), "bad target");
        assertEquals(431, failure(r, 20, "GET / HTTP/1.1\r\nHost: xxxxxxxxxx\r\n\r\n"), "too large");
        StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\n");
        for (int i = 0; i <= HttpHeadParser.MAX_FIELDS; i++) {
            many.append("X").append(i).append(": y\r\n");
        }
        assertEquals(431, failure(r, 1 << 20, many + "\r\n"), "too many fields");
    }

    @Test
    void emptyLinesBeforeRequestLineAreSkipped() throws Exception {
        assertEquals("GET", request("\r\n\r\nGET / HTTP/1.1\r\n\r\n").method());
    }

    @Test
    void parsesResponses() throws Exception {
        HttpHeadParser p = new HttpHeadParser(HttpHeadParser.Mode.RESPONSE, 8192);
        assertTrue(p.feed(bytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n")));
        assertEquals(101, p.status());
        assertEquals("Switching Protocols", p.reason());
        assertEquals("HTTP/1.1 101 Switching Protocols", p.startLine());
        p = new HttpHeadParser(HttpHeadParser.Mode.RESPONSE, 8192);
        assertTrue(p.feed(bytes("HTTP/1.1 404\r\n\r\n")));
        assertEquals(404, p.status());
        assertEquals("", p.reason());
        HttpHeadParser.Mode m = HttpHeadParser.Mode.RESPONSE;
        assertEquals(400, failure(m, 8192, "SSH-2.0-OpenSSH_9\r\n\r\n"));
        assertEquals(400, failure(m, 8192, "HTTP/1.1 1x1 Nope\r\n\r\n"));
        assertEquals(400, failure(m, 8192, "\r\n"));
    }

    @Test
    void incompleteIsNotDone() throws Exception {
        HttpHeadParser p = new HttpHeadParser(HttpHeadParser.Mode.REQUEST, 8192);
        assertFalse(p.feed(bytes("GET / HTTP/1.1\r\nHost: x\r\n")));
        assertFalse(p.isDone());
        assertTrue(p.feed(bytes("\r\n")));
        assertEquals(List.of("x"), p.headers().all("Host"));
    }
}
