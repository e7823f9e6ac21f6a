package net.websocket.itest.hybi00;

import net.websocket.itest.hybi00.Wire.Head;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A raw hybi-00 server written from the draft for the client conformance cases: it listens on 127.0.0.1, accepts one
 * connection at a time, reads the client's handshake ({@link Hello}) and answers with a {@link Response} the case
 * builds (conforming unless the case bends it).
 */
final class RawServer implements AutoCloseable {

    private final ServerSocket socket;

    RawServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The next connection, waiting at most {@code timeout}. */
    Wire accept(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            return new Wire(socket.accept());
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the client did not connect within " + timeout);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The client's opening handshake: the head and the 8 bytes of key3 after it. */
    record Hello(Head head, byte[] key3) {
        static Hello read(Wire w) throws IOException {
            Head head = w.readHead(Wire.WAIT).orElseThrow(() -> new AssertionError("no request"));
            return new Hello(head, w.readExactly(Draft.KEY3_LENGTH, Wire.WAIT));
        }

        String field(String name) {
            return head.field(name).orElse(null);
        }

        /** The request target: the second word of the request line. */
        String target() {
            String[] parts = head.firstLine().split(" ");
            return parts.length == 3 ? parts[1] : "";
        }

        /** The answer the draft computes for this handshake's keys. */
        byte[] answer() {
            String key1 = field("Sec-WebSocket-Key1");
            String key2 = field("Sec-WebSocket-Key2");
            if (key1 == null || key2 == null || Draft.keyNumber(key1) < 0 || Draft.keyNumber(key2) < 0) {
                throw new AssertionError("the client's keys are unusable: " + head.raw());
            }
            return Draft.answer(key1, key2, key3);
        }
    }

    /** A response: status line, fields in order, then the 16-byte answer. */
    static final class Response {
        private String statusLine = Draft.STATUS_LINE;
        private final List<String[]> fields = new ArrayList<>();
        private byte[] answer;

        /** The conforming response to {@code hello}, as the draft's server builds it. */
        static Response to(Hello hello, String scheme) {
            Response r = new Response();
            r.field("Upgrade", "WebSocket").field("Connection", "Upgrade");
            if (hello.field("Origin") != null) {
                r.field("Sec-WebSocket-Origin", hello.field("Origin"));
            }
            r.field("Sec-WebSocket-Location", scheme + "://" + hello.field("Host") + hello.target());
            if (hello.field("Sec-WebSocket-Protocol") != null) {
                r.field("Sec-WebSocket-Protocol", hello.field("Sec-WebSocket-Protocol"));
            }
            r.answer = hello.answer();
            return r;
        }

        Response statusLine(String line) {
            statusLine = line;
            return this;
        }

        /** Sets a field (keeping its place if it exists). */
        Response field(String name, String value) {
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

        Response without(String name) {
            fields.removeIf(f -> f[0].equalsIgnoreCase(name));
            return this;
        }

        Response reversed() {
            java.util.Collections.reverse(fields);
            return this;
        }

        Response answer(byte[] answer) {
            this.answer = answer.clone();
            return this;
        }

        byte[] answer() {
            return answer.clone();
        }

        byte[] head() {
            StringBuilder b = new StringBuilder(statusLine).append("\r\n");
            for (String[] f : fields) {
                b.append(f[0]).append(": ").append(f[1]).append("\r\n");
            }
            return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        /** Head and answer. */
        byte[] bytes() {
            return Draft.concat(head(), answer);
        }
    }
}
