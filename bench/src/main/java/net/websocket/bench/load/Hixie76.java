package net.websocket.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The client side of the old draft protocol hybi-00 (draft-hixie-thewebsocketprotocol-76), for scenario (h): the
 * opening handshake with {@code Sec-WebSocket-Key1}/{@code Key2}, an 8-byte third key as the request body and the
 * 16-byte MD5 answer after the 101 head; text frames {@code 0x00 <UTF-8> 0xFF}; the close frame {@code 0xFF 0x00}.
 * Written here from the draft, independently of the project's own hybi-00 engine, so that it can check it.
 */
public final class Hixie76 {

    /** The type byte of a text frame; its payload ends at {@link #SENTINEL}. */
    static final int TEXT = 0x00;

    /** Ends a text frame; followed by a zero length, it is the close frame. */
    static final int SENTINEL = 0xFF;

    /** The close frame. */
    static final byte[] CLOSE = {(byte) SENTINEL, 0x00};

    /** The third key's length (the request body) and the answer's (an MD5 digest, the response body). */
    static final int KEY3_LENGTH = 8;
    static final int ANSWER_LENGTH = 16;

    /** The largest number a key may stand for: it is hashed as an unsigned 32-bit integer. */
    static final long MAX_KEY_NUMBER = 0xFFFF_FFFFL;

    /** Spaces and noise characters per key: 1 to 12 of each, as the draft asks of a client. */
    private static final int MAX_SPACES = 12;
    private static final int MAX_NOISE = 12;

    /** Noise characters the draft allows in a key: U+0021 to U+002F and U+003A to U+007E (no digits, no space). */
    private static final String NOISE = "!\"#$%&'()*+,-./:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

    /** The longest response head accepted (servers answer a few hundred bytes). */
    private static final int MAX_HEAD = 8192;

    /** Echoes are compared whole up to this many bytes (scenario (h) sends 32). */
    static final int CAPTURE_MAX = 4096;

    private Hixie76() {
    }

    /** A key header value and the number it stands for. */
    record Key(String value, long number) {
    }

    /**
     * A fresh key as the draft describes it: a random number, multiplied by a random count of spaces, written in
     * decimal, with random noise characters inserted anywhere and the spaces inserted anywhere but at the ends.
     */
    static Key newKey(SplittableRandom random) {
        int spaces = 1 + random.nextInt(MAX_SPACES);
        long number = random.nextLong(MAX_KEY_NUMBER / spaces + 1);
        StringBuilder b = new StringBuilder(Long.toString(number * spaces));
        int noise = 1 + random.nextInt(MAX_NOISE);
        for (int i = 0; i < noise; i++) {
            b.insert(random.nextInt(b.length() + 1), NOISE.charAt(random.nextInt(NOISE.length())));
        }
        for (int i = 0; i < spaces; i++) {
            b.insert(1 + random.nextInt(b.length() - 1), ' ');
        }
        return new Key(b.toString(), number);
    }

    /** The number a key stands for: its digits read as one number, divided by its spaces; -1 if malformed. */
    static long numberOf(String key) {
        long digits = 0;
        int spaces = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == ' ') {
                spaces++;
            } else if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
                if (digits > MAX_KEY_NUMBER * MAX_SPACES * 10) {
                    return -1;
                }
            }
        }
        if (spaces == 0 || digits % spaces != 0 || digits / spaces > MAX_KEY_NUMBER) {
            return -1;
        }
        return digits / spaces;
    }

    /** The challenge answer: MD5 of both numbers as big-endian 32-bit integers followed by the third key. */
    static byte[] answer(long number1, long number2, byte[] key3) {
        ByteBuffer challenge = ByteBuffer.allocate(8 + KEY3_LENGTH);
        challenge.putInt((int) number1).putInt((int) number2).put(key3);
        try {
            return MessageDigest.getInstance("MD5").digest(challenge.array());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** A text frame: {@code 0x00}, the UTF-8 payload (which never holds 0xFF), {@code 0xFF}. */
    static byte[] textFrame(byte[] utf8) {
        byte[] frame = new byte[utf8.length + 2];
        frame[0] = TEXT;
        System.arraycopy(utf8, 0, frame, 1, utf8.length);
        frame[frame.length - 1] = (byte) SENTINEL;
        return frame;
    }

    /** The opening handshake request, third key included. */
    static byte[] request(String host, int port, String path, Key key1, Key key2, byte[] key3) {
        String head = "GET " + path + " HTTP/1.1\r\n"
                + "Upgrade: WebSocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Origin: http://" + host + ":" + port + "\r\n"
                + "Sec-WebSocket-Key1: " + key1.value() + "\r\n"
                + "Sec-WebSocket-Key2: " + key2.value() + "\r\n"
                + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] r = Arrays.copyOf(h, h.length + key3.length);
        System.arraycopy(key3, 0, r, h.length, key3.length);
        return r;
    }

    /** An open hybi-00 connection, blocking, and the bytes read past the handshake answer. */
    record Open(SocketChannel channel, byte[] leftover) {
    }

    /**
     * Connects and performs the opening handshake; checks the 101 status, the upgrade fields, the location and the
     * 16-byte answer. For the raw echo the "answer" is the request itself.
     *
     * @throws IOException if the server refuses, answers wrongly or too slowly
     */
    static Open open(Target target, SplittableRandom random) throws IOException {
        SocketChannel ch = SocketChannel.open();
        boolean ok = false;
        try {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.socket().connect(target.address(), Handshakes.IO_TIMEOUT_MILLIS);
            ch.socket().setSoTimeout(Handshakes.IO_TIMEOUT_MILLIS);
            Key key1 = newKey(random);
            Key key2 = newKey(random);
            byte[] key3 = new byte[KEY3_LENGTH];
            random.nextBytes(key3);
            String host = target.address().getAddress().getHostAddress();
            int port = target.address().getPort();
            OutputStream out = ch.socket().getOutputStream();
            byte[] request = request(host, port, target.path(), key1, key2, key3);
            out.write(request);
            out.flush();
            if (!target.websocket()) {
                // the raw echo's "answer" is the request itself, third key included
                if (!Arrays.equals(ch.socket().getInputStream().readNBytes(request.length), request)) {
                    throw new IOException("raw echo returned other bytes than the hybi-00 request");
                }
                ok = true;
                return new Open(ch, new byte[0]);
            }
            byte[] got = readHeadAndAnswer(ch.socket().getInputStream());
            int end = Handshakes.headEnd(got, got.length);
            String head = new String(got, 0, end, StandardCharsets.ISO_8859_1);
            checkHead(head, "ws://" + host + ":" + port + "/");
            byte[] expected = answer(key1.number(), key2.number(), key3);
            if (!Arrays.equals(Arrays.copyOfRange(got, end, end + ANSWER_LENGTH), expected)) {
                throw new IOException(target.name() + ": wrong hybi-00 challenge answer");
            }
            ok = true;
            return new Open(ch, Arrays.copyOfRange(got, end + ANSWER_LENGTH, got.length));
        } finally {
            if (!ok) {
                ch.close();
            }
        }
    }

    /**
     * Checks the status, the upgrade field and that the location names this server. Only the location's scheme,
     * host and port are checked: Netty answers with the path it was configured with rather than the one asked for.
     */
    private static void checkHead(String head, String locationPrefix) throws IOException {
        String status = head.substring(0, head.indexOf("\r\n"));
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("hybi-00 handshake refused: " + status);
        }
        String upgrade = Handshakes.field(head, "Upgrade");
        if (upgrade == null || !upgrade.equalsIgnoreCase("WebSocket")) {
            throw new IOException("hybi-00 answer without Upgrade: WebSocket: " + upgrade);
        }
        String answered = Handshakes.field(head, "Sec-WebSocket-Location");
        if (answered == null || !answered.regionMatches(true, 0, locationPrefix, 0, locationPrefix.length())) {
            throw new IOException("hybi-00 answer names location " + answered + ", not " + locationPrefix + "...");
        }
    }

    /** Reads the response head and the 16 answer bytes after it (perhaps more, if the server sent frames early). */
    private static byte[] readHeadAndAnswer(InputStream in) throws IOException {
        byte[] buf = new byte[MAX_HEAD];
        int have = 0;
        while (true) {
            int end = Handshakes.headEnd(buf, have);
            if (end > 0 && have >= end + ANSWER_LENGTH) {
                return Arrays.copyOf(buf, have);
            }
            if (have == buf.length) {
                throw new IOException("hybi-00 answer longer than " + MAX_HEAD + " bytes");
            }
            int n = in.read(buf, have, buf.length - have);
            if (n < 0) {
                throw new IOException("connection ended during the hybi-00 handshake after " + have + " bytes");
            }
            have += n;
        }
    }

    /**
     * Reads hybi-00 frames from a stream of bytes in any pieces: counts text frames, compares each with the
     * expected payload, and notes the close frame. Anything else (a length-prefixed frame other than close) counts
     * as a mismatch.
     */
    static final class Scanner {
        private enum State { START, TEXT, CLOSE_LENGTH, CLOSED }

        private final byte[] expected;
        private final byte[] text = new byte[CAPTURE_MAX];
        private int textLength;
        private boolean textTooLong;
        private State state = State.START;
        private long messages;
        private long payloadBytes;
        private long mismatches;

        /** @param expected what every text frame must carry */
        Scanner(byte[] expected) {
            this.expected = expected;
        }

        /** Consumes all of {@code in}. */
        void feed(ByteBuffer in) {
            while (in.hasRemaining()) {
                int b = in.get() & 0xFF;
                switch (state) {
                    case START -> {
                        if (b == TEXT) {
                            state = State.TEXT;
                            textLength = 0;
                            textTooLong = false;
                        } else if (b == SENTINEL) {
                            state = State.CLOSE_LENGTH;
                        } else {
                            mismatches++;
                            state = State.CLOSED;
                        }
                    }
                    case TEXT -> {
                        if (b == SENTINEL) {
                            messages++;
                            payloadBytes += textLength;
                            if (textTooLong || !Arrays.equals(text, 0, textLength, expected, 0, expected.length)) {
                                mismatches++;
                            }
                            state = State.START;
                        } else if (textLength < text.length) {
                            text[textLength++] = (byte) b;
                        } else {
                            textTooLong = true;
                        }
                    }
                    case CLOSE_LENGTH -> {
                        if (b != 0) {
                            mismatches++;
                        }
                        state = State.CLOSED;
                    }
                    case CLOSED -> {
                        in.position(in.limit());
                        return;
                    }
                    default -> throw new IllegalStateException();
                }
            }
        }

        long messages() {
            return messages;
        }

        long payloadBytes() {
            return payloadBytes;
        }

        /** Echoes that differed from what was sent, and frames that should not have come. */
        long mismatches() {
            return mismatches;
        }

        /** Whether the close frame (or something unparseable, which ends reading too) arrived. */
        boolean closeReceived() {
            return state == State.CLOSED;
        }
    }

    /**
     * How long the client waits, once the close frames have crossed, for the server to close TCP before it closes
     * itself. The closing handshake is complete when both close frames have crossed; Netty 4.1's hybi-00 server
     * answers the close frame but leaves TCP open (still open 15 s later), so the client does not wait for it.
     */
    static final int TCP_CLOSE_GRACE_MILLIS = 100;

    /**
     * The client's half of the closing handshake on a blocking connection: sends {@code 0xFF 0x00}, reads up to the
     * server's close frame, then waits up to {@link #TCP_CLOSE_GRACE_MILLIS} for the end of the stream. The caller
     * closes the channel.
     *
     * @return whether the server closed TCP within the grace time
     */
    static boolean closeGracefully(SocketChannel ch, Scanner scanner) throws IOException {
        try {
            ch.socket().getOutputStream().write(CLOSE);
            InputStream in = ch.socket().getInputStream();
            byte[] buf = new byte[4096];
            ByteBuffer view = ByteBuffer.wrap(buf);
            while (!scanner.closeReceived()) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new IOException("connection ended before the server's hybi-00 close frame");
                }
                view.clear().limit(n);
                scanner.feed(view);
            }
            ch.socket().setSoTimeout(TCP_CLOSE_GRACE_MILLIS);
            try {
                while (in.read(buf) >= 0) {
                    // nothing is expected after the close frame
                }
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("no hybi-00 close answer within " + Handshakes.IO_TIMEOUT_MILLIS + " ms", e);
        }
    }

    /**
     * Scenario (h1): round trips of one text message on one hybi-00 connection, one in flight; every echo is
     * compared with what was sent.
     *
     * @param warmupNanos how long round trips are made first, not recorded (as in {@link Latency#run})
     * @param samples     round trips recorded (at most)
     * @param maxNanos    the time the recorded round trips may take; fewer samples are recorded if it runs out
     * @throws IOException also if an echo differs from what was sent
     */
    public static Latency.Percentiles latency(Target target, byte[] payload, long warmupNanos, int samples,
            long maxNanos, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Open open = open(target, random);
        long[] nanos = new long[samples];
        int recorded = 0;
        try (SocketChannel ch = open.channel()) {
            byte[] frame = textFrame(payload);
            OutputStream out = ch.socket().getOutputStream();
            InputStream in = ch.socket().getInputStream();
            Scanner scanner = new Scanner(payload);
            scanner.feed(ByteBuffer.wrap(open.leftover()));
            byte[] buf = new byte[Math.max(4096, frame.length + 16)];
            ByteBuffer view = ByteBuffer.wrap(buf);
            long warmupEnd = System.nanoTime() + warmupNanos;
            long end = warmupEnd + maxNanos;
            for (boolean warm = false; recorded < samples && System.nanoTime() - end < 0;) {
                warm = warm || System.nanoTime() - warmupEnd >= 0;
                long before = scanner.messages();
                long t0 = System.nanoTime();
                out.write(frame);
                while (scanner.messages() == before) {
                    if (scanner.closeReceived()) {
                        throw new IOException(target.name() + " sent a close or unexpected frame instead of an echo");
                    }
                    int n = in.read(buf);
                    if (n < 0) {
                        throw new IOException("connection ended while waiting for a hybi-00 echo");
                    }
                    view.clear().limit(n);
                    scanner.feed(view);
                }
                long t = System.nanoTime() - t0;
                if (warm) {
                    nanos[recorded++] = t;
                }
            }
            if (scanner.mismatches() > 0) {
                throw new IOException(target.name() + ": " + scanner.mismatches()
                        + " hybi-00 echo(es) differed from what was sent");
            }
            if (recorded == 0) {
                throw new IOException("no hybi-00 round trip recorded in time");
            }
            closeGracefully(ch, scanner);
        }
        return Latency.Percentiles.of(nanos, recorded);
    }
}
