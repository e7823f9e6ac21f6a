package net.websocket.runtime;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** Raw-socket helpers: hand-written HTTP requests and frames, to test what a well-behaved client would not send. */
final class Raw {

    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private Raw() {
    }

    static Socket open(int port) throws IOException {
        return open(port, 0);
    }

    /**
     * Connects with a receive buffer of {@code receiveBuffer} bytes (0: the system's default). The size is set before
     * connecting: shrinking the buffer of a connected socket below the window it has already advertised leaves the
     * kernel holding more than the buffer allows, and it then drops what the peer sends, window updates included,
     * which can stall the connection for minutes (zero-window probes back off up to 2 minutes apart).
     */
    static Socket open(int port, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    /** A valid RFC 6455 handshake request for this path, with extra header lines. */
    static String upgrade(String path, String... extra) {
        StringBuilder sb = new StringBuilder();
        sb.append("GET ").append(path).append(" HTTP/1.1\r\n");
        sb.append("Host: 127.0.0.1\r\n");
        sb.append("Upgrade: websocket\r\n");
        sb.append("Connection: Upgrade\r\n");
        sb.append("Sec-WebSocket-Key: ").append(KEY).append("\r\n");
        sb.append("Sec-WebSocket-Version: 13\r\n");
        for (String e : extra) {
            sb.append(e).append("\r\n");
        }
        sb.append("\r\n");
        return sb.toString();
    }

    /** Sends {@code request} and reads everything until the server closes. */
    static String exchange(int port, String request) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String exchange(int port, byte[] request) throws IOException {
        try (Socket s = open(port)) {
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            return readToEnd(s.getInputStream());
        }
    }

    static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = new byte[4096];
        try {
            for (int n; (n = in.read(b)) > 0;) {
                out.write(b, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection; got: " + out, e);
        } catch (IOException e) {
            // a reset after the response: what we have is the answer
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads an HTTP head, up to and including the empty line. */
    static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            sb.append((char) c);
        }
        return sb.toString();
    }

    /** A masked client frame with the given first byte (FIN, RSV, opcode). */
    static byte[] clientFrame(int b0, byte[] payload) {
        return frame(b0, payload, true);
    }

    /** A frame with the given first byte, masked (all-zero mask key is not used: 0x11223344) or not. */
    static byte[] frame(int b0, byte[] payload, boolean masked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b0);
        int mask = masked ? 0x80 : 0;
        int n = payload.length;
        if (n < 126) {
            out.write(mask | n);
        } else if (n < 65536) {
            out.write(mask | 126);
            out.write(n >>> 8);
            out.write(n);
        } else {
            out.write(mask | 127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) ((long) n >>> (8 * i)));
            }
        }
        byte[] key = {0x11, 0x22, 0x33, 0x44};
        if (masked) {
            out.write(key, 0, 4);
        }
        for (int i = 0; i < n; i++) {
            out.write(masked ? payload[i] ^ key[i & 3] : payload[i]);
        }
        return out.toByteArray();
    }

    /** A frame as read: the first byte and the (unmasked) payload. */
    record Frame(int b0, byte[] payload, boolean masked) {
        int opcode() {
            return b0 & 0x0f;
        }

        int closeCode() {
            return payload.length < 2 ? 1005 : (payload[0] & 0xff) << 8 | (payload[1] & 0xff);
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** Reads one frame, unmasking a masked (client) one. */
    static Frame readFrame(InputStream input) throws IOException {
        DataInputStream in = new DataInputStream(input);
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long n = b1 & 0x7f;
        if (n == 126) {
            n = in.readUnsignedShort();
        } else if (n == 127) {
            n = in.readLong();
        }
        byte[] key = null;
        if ((b1 & 0x80) != 0) {
            key = new byte[4];
            in.readFully(key);
        }
        byte[] p = new byte[(int) n];
        in.readFully(p);
        if (key != null) {
            for (int i = 0; i < p.length; i++) {
                p[i] ^= key[i & 3];
            }
        }
        return new Frame(b0, p, key != null);
    }

    /** The Sec-WebSocket-Accept value for a key (RFC 6455 section 4.2.2). */
    static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] d = sha1.digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(d);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of a header in a raw HTTP head, or null. */
    static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int c = line.indexOf(':');
            if (c > 0 && line.substring(0, c).trim().equalsIgnoreCase(name)) {
                return line.substring(c + 1).trim();
            }
        }
        return null;
    }

    /** The status code of a raw HTTP response. */
    static int status(String response) {
        if (!response.startsWith("HTTP/1.1 ")) {
            throw new AssertionError("not an HTTP/1.1 response: '" + response + "'");
        }
        return Integer.parseInt(response.substring(9, 12));
    }

    /** The body of a raw HTTP response. */
    static String body(String response) {
        int i = response.indexOf("\r\n\r\n");
        return i < 0 ? "" : response.substring(i + 4);
    }
}
