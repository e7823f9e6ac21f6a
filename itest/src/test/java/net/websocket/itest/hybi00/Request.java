package net.websocket.itest.hybi00;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A hybi-00 opening handshake request as a raw client sends it: request line, fields in order (names as given), the
 * empty line, then the 8 bytes of key3. Starts as a conforming request; the cases bend it.
 */
final class Request {

    private String requestLine;
    private final List<String[]> fields = new ArrayList<>();
    private byte[] key3;

    private Request(String target, String host) {
        requestLine = "GET " + target + " HTTP/1.1";
        field("Upgrade", "WebSocket");
        field("Connection", "Upgrade");
        field("Host", host);
        field("Origin", "http://example.com");
    }

    /** A conforming request for {@code target}, keys made as the draft says from {@code random}. */
    static Request of(String target, String host, Random random) {
        Request r = new Request(target, host);
        r.field("Sec-WebSocket-Key1", Draft.makeKey(random));
        r.field("Sec-WebSocket-Key2", Draft.makeKey(random));
        byte[] key3 = new byte[Draft.KEY3_LENGTH];
        random.nextBytes(key3);
        r.key3 = key3;
        return r;
    }

    /** The draft's example keys. */
    static Request example(String target, String host) {
        Request r = new Request(target, host);
        r.field("Sec-WebSocket-Key1", Draft.EXAMPLE_KEY1);
        r.field("Sec-WebSocket-Key2", Draft.EXAMPLE_KEY2);
        r.key3 = Draft.EXAMPLE_KEY3.clone();
        return r;
    }

    Request requestLine(String line) {
        requestLine = line;
        return this;
    }

    /** Sets a field (the first with that name, case-insensitive, keeps its place; else it is appended). */
    Request field(String name, String value) {
        for (String[] f : fields) {
            if (f[0].equalsIgnoreCase(name)) {
                f[0] = name;
                f[1] = value;
                return this;
            }
        }
        fields.add(new String[] {name, value});
        return this;
    }

    Request without(String name) {
        fields.removeIf(f -> f[0].equalsIgnoreCase(name));
        return this;
    }

    /** Reverses the order of the fields. */
    Request reversed() {
        java.util.Collections.reverse(fields);
        return this;
    }

    Request key3(byte[] key3) {
        this.key3 = key3.clone();
        return this;
    }

    String field(String name) {
        return fields.stream().filter(f -> f[0].equalsIgnoreCase(name)).map(f -> f[1]).findFirst().orElse(null);
    }

    /** The head, up to and including the empty line. */
    byte[] head() {
        StringBuilder b = new StringBuilder(requestLine).append("\r\n");
        for (String[] f : fields) {
            b.append(f[0]).append(": ").append(f[1]).append("\r\n");
        }
        return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Head and key3. */
    byte[] bytes() {
        return Draft.concat(head(), key3);
    }

    /** The answer a server must send for these keys. */
    byte[] expectedAnswer() {
        return Draft.answer(field("Sec-WebSocket-Key1"), field("Sec-WebSocket-Key2"), key3);
    }
}
