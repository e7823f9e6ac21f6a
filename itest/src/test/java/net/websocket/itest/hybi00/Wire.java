package net.websocket.itest.hybi00;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One raw TCP connection of the conformance tests, either side: writes bytes (whole, or split into pieces with a
 * pause between them so that the peer reads them separately), and reads HTTP heads, exact byte counts, hybi-00
 * frames and the end of the stream, each within a deadline.
 */
final class Wire implements AutoCloseable {

    /** The longest head either side sends in these tests. */
    private static final int MAX_HEAD = 16 * 1024;
    /** The pause between pieces of a split write: long enough for the peer to read each piece on its own. */
    private static final Duration PIECE_PAUSE = Duration.ofMillis(2);
    /** How long a read waits unless told otherwise. */
    static final Duration WAIT = Duration.ofSeconds(5);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Wire(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    Socket socket() {
        return socket;
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void write(String ascii) throws IOException {
        write(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes {@code bytes} in pieces of {@code size}, pausing between them. */
    void writeSplit(byte[] bytes, int size) throws IOException, InterruptedException {
        for (int i = 0; i < bytes.length; i += size) {
            out.write(bytes, i, Math.min(size, bytes.length - i));
            out.flush();
            Thread.sleep(PIECE_PAUSE.toMillis());
        }
    }

    /** Exactly {@code n} bytes; fails if the stream ends or they do not come within {@code timeout}. */
    byte[] readExactly(int n, Duration timeout) throws IOException {
        byte[] b = new byte[n];
        long deadline = deadline(timeout);
        int got = 0;
        while (got < n) {
            setTimeout(deadline);
            int r;
            try {
                r = in.read(b, got, n - got);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("only " + got + " of " + n + " bytes within " + timeout + ": "
                        + Draft.hex(java.util.Arrays.copyOf(b, got), 64));
            }
            if (r < 0) {
                throw new AssertionError("the stream ended after " + got + " of " + n + " bytes: "
                        + Draft.hex(java.util.Arrays.copyOf(b, got), 64));
            }
            got += r;
        }
        return b;
    }

    /** An HTTP head up to and including the empty line, or empty if the stream ends before any byte of it. */
    Optional<Head> readHead(Duration timeout) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        setTimeout(deadline(timeout));
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no complete head within " + timeout + ", got: "
                        + head.toString(StandardCharsets.ISO_8859_1));
            }
            if (b < 0) {
                if (head.size() == 0) {
                    return Optional.empty();
                }
                throw new AssertionError("the stream ended inside the head: "
                        + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                return Optional.of(Head.parse(new String(h, StandardCharsets.ISO_8859_1)));
            }
            if (n > MAX_HEAD) {
                throw new AssertionError("head longer than " + MAX_HEAD + " bytes");
            }
        }
    }

    /** The next frame the peer sends; fails if none comes within {@code timeout}. */
    Frame readFrame(Duration timeout) throws IOException {
        long deadline = deadline(timeout);
        setTimeout(deadline);
        int type = readByte(deadline, "a frame");
        if ((type & 0x80) != 0) {
            long length = 0;
            int b;
            do {
                b = readByte(deadline, "a frame length");
                length = length * 128 + (b & 0x7F);
            } while ((b & 0x80) != 0);
            byte[] payload = readExactly((int) length, remaining(deadline));
            return new Frame(type, payload, true);
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (int b = readByte(deadline, "a frame's end"); b != 0xFF; b = readByte(deadline, "a frame's end")) {
            payload.write(b);
        }
        return new Frame(type, payload.toByteArray(), false);
    }

    /** A text frame; fails on anything else. */
    String readText(Duration timeout) throws IOException {
        Frame f = readFrame(timeout);
        if (f.type != 0x00 || f.lengthPrefixed) {
            throw new AssertionError("expected a text frame, got " + f);
        }
        return new String(f.payload, StandardCharsets.UTF_8);
    }

    /**
     * Reads until the peer closes the connection (end of stream, or a reset) and returns what came before; fails if
     * the connection is still open after {@code timeout}.
     */
    byte[] readToEnd(Duration timeout) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long deadline = deadline(timeout);
        byte[] buf = new byte[8192];
        while (true) {
            setTimeout(deadline);
            int r;
            try {
                r = in.read(buf);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the peer did not close the connection within " + timeout + "; got "
                        + Draft.hex(got.toByteArray(), 32));
            } catch (IOException reset) {
                return got.toByteArray();
            }
            if (r < 0) {
                return got.toByteArray();
            }
            got.write(buf, 0, r);
        }
    }

    /** Whatever arrives within {@code quiet}, without waiting for more; the stream may end meanwhile. */
    byte[] readFor(Duration quiet) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long deadline = deadline(quiet);
        byte[] buf = new byte[8192];
        while (System.nanoTime() < deadline) {
            setTimeout(deadline);
            try {
                int r = in.read(buf);
                if (r < 0) {
                    break;
                }
                got.write(buf, 0, r);
            } catch (SocketTimeoutException e) {
                break;
            } catch (IOException reset) {
                break;
            }
        }
        return got.toByteArray();
    }

    /** Closes the sending direction only (a FIN), so the peer sees the end of the stream. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** One byte; the socket's timeout was set for the whole frame, so slow dribbles can stretch the deadline. */
    private int readByte(long deadline, String what) throws IOException {
        int b;
        try {
            b = in.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no " + what + " in time");
        }
        if (b < 0) {
            throw new AssertionError("the stream ended before " + what);
        }
        return b;
    }

    private static long deadline(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    private void setTimeout(long deadline) throws IOException {
        socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }

    /** A frame as read. */
    record Frame(int type, byte[] payload, boolean lengthPrefixed) {
        boolean isClose() {
            return type == 0xFF && lengthPrefixed && payload.length == 0;
        }

        @Override
        public String toString() {
            return isClose() ? "close frame" : String.format("frame type 0x%02x, %s", type, Draft.hex(payload, 32));
        }
    }

    /** An HTTP head: its first line and its fields in order, names as sent. */
    record Head(String firstLine, List<String[]> fields, String raw) {
        static Head parse(String raw) {
            String[] lines = raw.substring(0, raw.length() - 4).split("\r\n", -1);
            List<String[]> fields = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon < 0) {
                    throw new AssertionError("a head line without a colon: " + lines[i]);
                }
                String value = lines[i].substring(colon + 1);
                // the draft's field syntax: a colon, then one space that is not part of the value
                fields.add(new String[] {lines[i].substring(0, colon),
                        value.startsWith(" ") ? value.substring(1) : value});
            }
            return new Head(lines[0], fields, raw);
        }

        /** The first field with this name (case-insensitive), as sent. */
        Optional<String> field(String name) {
            return fields.stream().filter(f -> f[0].equalsIgnoreCase(name)).map(f -> f[1]).findFirst();
        }

        long count(String name) {
            return fields.stream().filter(f -> f[0].equalsIgnoreCase(name)).count();
        }

        /** The status code of a response head. */
        int status() {
            String[] parts = firstLine.split(" ", 3);
            return parts.length >= 2 && parts[0].toUpperCase(Locale.ROOT).startsWith("HTTP/")
                    ? Integer.parseInt(parts[1]) : -1;
        }
    }
}
