package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;

import net.websocket.api.Headers;

import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link HttpHeadParser} in both modes. Each input is parsed whole and split at fuzz-chosen points into
 * buffers of different kinds; both must end the same way: the same {@link HttpHeadParser.ParseException} (400 or
 * 431, the only exception allowed), or the same head after the same number of bytes, never more than the limit. A
 * parsed head must be well-formed (token method and names, a target without spaces or controls, an
 * {@code HTTP/d.d} version, a three-digit status, values without controls or surrounding blanks, at most
 * {@link HttpHeadParser#MAX_FIELDS} fields), and parse the same again when written out and when its own bytes are
 * given to {@link HttpHeadParser#parseComplete}. The inputs under {@code HttpHeadParserFuzzTestInputs} are replayed
 * in every build; {@code scripts/fuzz} fuzzes.
 */
@Timeout(HttpHeadParserFuzzTest.SECONDS_PER_INPUT)
class HttpHeadParserFuzzTest {

    /**
     * How long one input may take, in seconds: far more than any needs, so only a hang trips it (per input in
     * regression runs; libFuzzer's {@code -timeout} when fuzzing).
     */
    static final long SECONDS_PER_INPUT = 10;

    /** Head size limits an input can choose (bits 3-4 of its first byte). */
    private static final int[] LIMITS = {8192, 1024, 256, 64};

    private static final Set<Integer> STATUSES = Set.of(400, 431);
    private static final int BUFFER_KINDS = 4;
    private static final int VERSION_LENGTH = 8;

    /**
     * Input: byte 0's bits 0-2 give the number of split points k (0-7), bits 3-4 the limit ({@link #LIMITS}), bit
     * 7 the buffer kind of the first piece; then k split points (unsigned 16-bit big-endian, modulo the head length
     * + 1); the rest is the request head.
     */
    @FuzzTest
    void requestHead(byte[] data) {
        check(HttpHeadParser.Mode.REQUEST, data);
    }

    /** Input as for {@link #requestHead}, with a response head. */
    @FuzzTest
    void responseHead(byte[] data) {
        check(HttpHeadParser.Mode.RESPONSE, data);
    }

    private static void check(HttpHeadParser.Mode mode, byte[] data) {
        int control = data.length == 0 ? 0 : data[0] & 0xFF;
        int k = control & 7;
        int pos = Math.min(1, data.length);
        int[] splits = new int[k];
        for (int i = 0; i < k && pos + 1 < data.length; i++, pos += 2) {
            splits[i] = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
        }
        byte[] head = Arrays.copyOfRange(data, pos, data.length);
        for (int i = 0; i < k; i++) {
            splits[i] %= head.length + 1;
        }
        Arrays.sort(splits);
        int limit = LIMITS[(control >> 3) & 3];

        Outcome whole = parse(mode, limit, head, new int[0], 0);
        Outcome split = parse(mode, limit, head, splits, control >> 7);
        assertEquals(whole, split,
                () -> "the outcome depends on the split " + Arrays.toString(splits) + " of " + hex(head));
        if (whole.parser() != null) {
            checkHead(mode, whole.parser(), head);
        }
    }

    /** How a parse ended: the exception, or the head and the bytes it took; the parser when it finished. */
    private record Outcome(String result, int consumed, HttpHeadParser parser) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome other && result.equals(other.result) && consumed == other.consumed;
        }

        @Override
        public int hashCode() {
            return result.hashCode() * 31 + consumed;
        }
    }

    /** Feeds the head in pieces cut at {@code splits}, each piece a buffer of a kind chosen by its index. */
    private static Outcome parse(HttpHeadParser.Mode mode, int limit, byte[] head, int[] splits, int kindSeed) {
        HttpHeadParser parser = new HttpHeadParser(mode, limit);
        int consumed = 0;
        int from = 0;
        boolean done = false;
        try {
            for (int i = 0; i <= splits.length; i++) {
                int to = i < splits.length ? splits[i] : head.length;
                ByteBuffer piece = piece(head, from, to, i + kindSeed);
                int before = piece.position();
                boolean wasDone = done;
                done = parser.feed(piece);
                int taken = piece.position() - before;
                if (wasDone) {
                    assertTrue(done, "a finished parser went back to unfinished");
                    assertEquals(0, taken, "a finished parser consumed more input");
                } else if (!done) {
                    assertEquals(to - from, taken, "an unfinished parser left input unread");
                }
                consumed += taken;
                from = to;
            }
        } catch (HttpHeadParser.ParseException e) {
            assertTrue(STATUSES.contains(e.status()), () -> "status " + e.status() + ": " + e.getMessage());
            assertTrue(parser.size() <= limit + 1, () -> "read " + parser.size() + " bytes past the limit " + limit);
            return new Outcome("refused " + e.status() + " " + e.getMessage(), -1, null);
        }
        assertEquals(done, parser.isDone());
        assertEquals(consumed, parser.size(), "size() is not the bytes consumed");
        int total = consumed;
        assertTrue(total <= limit, () -> "a head of " + total + " bytes over the limit " + limit);
        if (!done) {
            return new Outcome("unfinished", total, null);
        }
        return new Outcome(describe(mode, parser), total, parser);
    }

    private static ByteBuffer piece(byte[] head, int from, int to, int kind) {
        byte[] copy = head.clone();
        return switch (kind % BUFFER_KINDS) {
            case 0 -> ByteBuffer.wrap(copy, from, to - from);
            case 1 -> ByteBuffer.allocateDirect(to - from).put(copy, from, to - from).flip();
            case 2 -> ByteBuffer.wrap(copy, from, to - from).asReadOnlyBuffer();
            default -> ByteBuffer.wrap(copy).position(from).limit(to).slice();
        };
    }

    private static String describe(HttpHeadParser.Mode mode, HttpHeadParser p) {
        String start = mode == HttpHeadParser.Mode.REQUEST
                ? p.method() + "|" + p.target() + "|" + p.httpVersion()
                : p.httpVersion() + "|" + p.status() + "|" + p.reason();
        return start + "|" + p.headers().asList();
    }

    private static void checkHead(HttpHeadParser.Mode mode, HttpHeadParser p, byte[] input) {
        String version = p.httpVersion();
        assertTrue(version.length() == VERSION_LENGTH && version.startsWith("HTTP/") && isDigit(version.charAt(5))
                && version.charAt(6) == '.' && isDigit(version.charAt(7)), () -> "version " + version);
        if (mode == HttpHeadParser.Mode.REQUEST) {
            assertTrue(isToken(p.method()), () -> "method " + p.method());
            assertFalse(p.target().isEmpty(), "empty target");
            assertTrue(p.target().chars().allMatch(c -> c > ' ' && c < 0x7F), () -> "target " + p.target());
        } else {
            assertTrue(p.status() >= 0 && p.status() <= 999, () -> "status " + p.status());
            assertTrue(p.reason().chars().noneMatch(HttpHeadParserFuzzTest::isControl), () -> "reason " + p.reason());
        }
        Headers headers = p.headers();
        assertTrue(headers.size() <= HttpHeadParser.MAX_FIELDS, () -> headers.size() + " fields");
        for (Headers.Field f : headers) {
            assertTrue(isToken(f.name()), () -> "field name " + f.name());
            String v = f.value();
            assertTrue(v.chars().noneMatch(HttpHeadParserFuzzTest::isControl), () -> "field value " + v);
            assertTrue(v.isEmpty() || !isBlank(v.charAt(0)) && !isBlank(v.charAt(v.length() - 1)),
                    () -> "field value with surrounding blanks: '" + v + "'");
        }

        // its own bytes, and the head written out again, parse to the same
        String expected = describe(mode, p);
        try {
            HttpHeadParser again = HttpHeadParser.parseComplete(mode, ByteBuffer.wrap(input, 0, p.size()));
            assertEquals(expected, describe(mode, again), "parseComplete of the same bytes");
            HttpHeadParser written = HttpHeadParser.parseComplete(mode, ByteBuffer.wrap(write(p)));
            assertEquals(expected, describe(mode, written), "the head written out again");
        } catch (HttpHeadParser.ParseException e) {
            throw new AssertionError("a parsed head does not parse again: " + e.getMessage(), e);
        }
    }

    private static byte[] write(HttpHeadParser p) {
        StringBuilder s = new StringBuilder(p.startLine()).append("\r\n");
        for (Headers.Field f : p.headers()) {
            s.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        return s.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0x7F || !HttpHeadParser.isTokenChar((byte) c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** A control character other than tab (RFC 9110 field-value). */
    private static boolean isControl(int c) {
        return c < 0x20 && c != '\t' || c == 0x7F;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
