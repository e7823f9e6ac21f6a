package net.websocket.runtime.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import net.websocket.api.Headers;
import net.websocket.api.codec.HttpTokens;

/**
 * An incremental, strict parser of an HTTP/1.x request or response head (start line and header fields, RFC 9112).
 * Feed it bytes as they arrive, in pieces of any size; it stops right after the empty line that ends the head and
 * leaves the rest of the input alone.
 *
 * <p>Strict where leniency is a security risk (RFC 9112 sections 2.2, 5.1, 5.2): every line must end with CRLF
 * (a bare LF or CR is an error), obsolete line folding is refused, whitespace between a field name and its colon is
 * refused, and control characters other than tab in a value are refused. Empty lines before a request line are
 * ignored, as RFC 9112 section 2.2 recommends. Limits on the total size and the number of fields guard memory.
 */
public final class HttpHeadParser {

    /** Whether a request or a response head is expected. */
    public enum Mode {
        REQUEST,
        RESPONSE
    }

    /** The head broke HTTP syntax or a limit; {@link #status()} is what a server answers (400 or 431). */
    public static final class ParseException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        ParseException(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * The most header fields accepted; more is answered 431. Generous for real clients (browsers send about 15),
     * small enough to bound the work a hostile head causes.
     */
    public static final int MAX_FIELDS = 100;

    /** Initial line buffer; grows as needed up to the size limit. */
    private static final int INITIAL_LINE = 256;

    /**
     * Strings that nearly every opening handshake has, taken as they are instead of made anew for each request (the
     * parser would make equal ones): methods, versions, field names and field values.
     */
    private static final Common COMMON_METHODS = new Common("GET");
    private static final Common COMMON_VERSIONS = new Common("HTTP/1.1");
    private static final Common COMMON_NAMES = new Common("Host", "Upgrade", "Connection", "Sec-WebSocket-Key",
            "Sec-WebSocket-Version", "Origin", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions", "User-Agent",
            "Accept-Encoding", "Accept-Language", "Cache-Control", "Pragma", "Cookie", "Sec-WebSocket-Accept",
            "Content-Length", "Date", "Server");
    private static final Common COMMON_VALUES = new Common("websocket", "Upgrade", "13", "keep-alive, Upgrade",
            "no-cache", "permessage-deflate; client_max_window_bits", "gzip, deflate, br");

    /** Some strings and their ISO-8859-1 bytes. */
    private static final class Common {
        final String[] strings;
        final byte[][] bytes;

        Common(String... strings) {
            this.strings = strings;
            this.bytes = new byte[strings.length][];
            for (int i = 0; i < strings.length; i++) {
                bytes[i] = strings[i].getBytes(StandardCharsets.ISO_8859_1);
            }
        }
    }

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final Mode mode;
    private final int limit;
    private byte[] line = new byte[INITIAL_LINE];
    private int lineLength;
    private int total;
    private boolean sawCr;
    private boolean done;
    private String[] startLine;
    private final Headers.Builder fields = Headers.builder();
    private int fieldCount;
    private Headers headers;

    /**
     * @param mode  request or response
     * @param limit the most bytes the head may take, CRLFs included
     */
    public HttpHeadParser(Mode mode, int limit) {
        this.mode = mode;
        this.limit = limit;
    }

    /**
     * Consumes bytes of {@code in} until the head is complete or the input is used up.
     *
     * @return whether the head is complete; then {@code in}'s position is just past it
     */
    public boolean feed(ByteBuffer in) throws ParseException {
        if (done) {
            return true;
        }
        while (in.hasRemaining()) {
            byte b = in.get();
            if (++total > limit) {
                throw new ParseException(431, (mode == Mode.REQUEST ? "request" : "response")
                        + " head larger than " + limit + " bytes");
            }
            if (sawCr) {
                if (b != LF) {
                    throw new ParseException(400, "CR not followed by LF");
                }
                sawCr = false;
                if (endOfLine()) {
                    done = true;
                    return true;
                }
            } else if (b == CR) {
                sawCr = true;
            } else if (b == LF) {
                throw new ParseException(400, "line ends with a bare LF");
            } else {
                if (lineLength == line.length) {
                    line = Arrays.copyOf(line, Math.min(Math.max(line.length * 2, 16), limit + 1));
                }
                line[lineLength++] = b;
            }
        }
        return false;
    }

    /** Whether the head is complete. */
    public boolean isDone() {
        return done;
    }

    /** Bytes consumed so far. */
    public int size() {
        return total;
    }

    /** The request method (request mode), valid when done. */
    public String method() {
        return startLine[0];
    }

    /** The request target (request mode), valid when done. */
    public String target() {
        return startLine[1];
    }

    /** The HTTP version, valid when done. */
    public String httpVersion() {
        return mode == Mode.REQUEST ? startLine[2] : startLine[0];
    }

    /** The status code (response mode), valid when done. */
    public int status() {
        return Integer.parseInt(startLine[1]);
    }

    /** The reason phrase (response mode), possibly empty, valid when done. */
    public String reason() {
        return startLine[2];
    }

    /** The start line as received. */
    public String startLine() {
        return mode == Mode.REQUEST ? startLine[0] + " " + startLine[1] + " " + startLine[2]
                : startLine[0] + " " + startLine[1] + (startLine[2].isEmpty() ? "" : " " + startLine[2]);
    }

    /** The header fields, valid when done. */
    public Headers headers() {
        return headers;
    }

    /** Parses a complete head held in a buffer (e.g. one the runtime wrote itself); the buffer is not changed. */
    public static HttpHeadParser parseComplete(Mode mode, ByteBuffer head) throws ParseException {
        HttpHeadParser p = new HttpHeadParser(mode, Math.max(head.remaining(), 1));
        if (!p.feed(head.duplicate())) {
            throw new ParseException(400, "incomplete head");
        }
        return p;
    }

    // ------------------------------------------------------------------------------------------------ internals

    /** Handles the line just ended; returns whether it was the empty line that ends the head. */
    private boolean endOfLine() throws ParseException {
        int n = lineLength;
        lineLength = 0;
        if (startLine == null) {
            if (n == 0) {
                if (mode == Mode.REQUEST) {
                    return false; // RFC 9112 section 2.2: ignore empty lines before the request line
                }
                throw new ParseException(400, "empty status line");
            }
            startLine = mode == Mode.REQUEST ? requestLine(n) : statusLine(n);
            return false;
        }
        if (n == 0) {
            headers = fields.build();
            return true;
        }
        field(n);
        return false;
    }

    private String[] requestLine(int n) throws ParseException {
        int sp1 = indexOf(' ', 0, n);
        int sp2 = sp1 < 0 ? -1 : indexOf(' ', sp1 + 1, n);
        if (sp1 <= 0 || sp2 < 0 || sp2 == sp1 + 1 || indexOf(' ', sp2 + 1, n) >= 0) {
            throw new ParseException(400, "malformed request line");
        }
        for (int i = 0; i < sp1; i++) {
            if (!isTokenChar(line[i])) {
                throw new ParseException(400, "malformed request method");
            }
        }
        for (int i = sp1 + 1; i < sp2; i++) {
            int c = line[i] & 0xff;
            if (c <= 0x20 || c >= 0x7f) {
                throw new ParseException(400, "malformed request target");
            }
        }
        checkVersion(sp2 + 1, n);
        return new String[] {known(COMMON_METHODS, 0, sp1), ascii(sp1 + 1, sp2), known(COMMON_VERSIONS, sp2 + 1, n)};
    }

    private String[] statusLine(int n) throws ParseException {
        int sp1 = indexOf(' ', 0, n);
        if (sp1 < 0) {
            throw new ParseException(400, "malformed status line");
        }
        checkVersion(0, sp1);
        int codeEnd = sp1 + 4;
        if (n < codeEnd || (n > codeEnd && line[codeEnd] != ' ')) {
            throw new ParseException(400, "malformed status code");
        }
        for (int i = sp1 + 1; i < codeEnd; i++) {
            if (line[i] < '0' || line[i] > '9') {
                throw new ParseException(400, "malformed status code");
            }
        }
        for (int i = codeEnd; i < n; i++) {
            if (isControl(line[i])) {
                throw new ParseException(400, "control character in reason phrase");
            }
        }
        String reason = n > codeEnd ? latin1(codeEnd + 1, n) : "";
        return new String[] {ascii(0, sp1), ascii(sp1 + 1, codeEnd), reason};
    }

    private void checkVersion(int from, int to) throws ParseException {
        // HTTP-version = "HTTP/" DIGIT "." DIGIT
        if (to - from != 8 || line[from] != 'H' || line[from + 1] != 'T' || line[from + 2] != 'T'
                || line[from + 3] != 'P' || line[from + 4] != '/' || !isDigit(line[from + 5])
                || line[from + 6] != '.' || !isDigit(line[from + 7])) {
            throw new ParseException(400, "malformed HTTP version");
        }
    }

    private void field(int n) throws ParseException {
        byte first = line[0];
        if (first == ' ' || first == '\t') {
            throw new ParseException(400, "obsolete line folding in header field");
        }
        int colon = indexOf(':', 0, n);
        if (colon <= 0) {
            throw new ParseException(400, "malformed header field");
        }
        for (int i = 0; i < colon; i++) {
            if (!isTokenChar(line[i])) {
                throw new ParseException(400, "malformed header field name");
            }
        }
        int start = colon + 1;
        int end = n;
        while (start < end && (line[start] == ' ' || line[start] == '\t')) {
            start++;
        }
        while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
            end--;
        }
        for (int i = start; i < end; i++) {
            if (isControl(line[i])) {
                throw new ParseException(400, "control character in header field value");
            }
        }
        if (++fieldCount > MAX_FIELDS) {
            throw new ParseException(431, "more than " + MAX_FIELDS + " header fields");
        }
        fields.add(known(COMMON_NAMES, 0, colon), known(COMMON_VALUES, start, end));
    }

    private int indexOf(char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (line[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The string of {@code line[from, to)}: the one of {@code common} it spells exactly, else a new one (ISO-8859-1;
     * for the names, which are tokens, the same as US-ASCII).
     */
    private String known(Common common, int from, int to) {
        int n = to - from;
        byte[][] bytes = common.bytes;
        for (int i = 0; i < bytes.length; i++) {
            byte[] c = bytes[i];
            if (c.length == n && Arrays.equals(line, from, to, c, 0, n)) {
                return common.strings[i];
            }
        }
        return latin1(from, to);
    }

    private String ascii(int from, int to) {
        return new String(line, from, to - from, StandardCharsets.US_ASCII);
    }

    private String latin1(int from, int to) {
        return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** A control character other than horizontal tab (obs-text, 0x80 and up, is allowed). */
    private static boolean isControl(byte b) {
        int c = b & 0xff;
        return (c < 0x20 && c != '\t') || c == 0x7f;
    }

    /** tchar of RFC 9110 section 5.6.2. */
    static boolean isTokenChar(byte b) {
        return HttpTokens.isTokenChar(b & 0xff);
    }
}
