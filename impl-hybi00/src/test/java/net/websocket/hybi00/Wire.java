package net.websocket.hybi00;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.websocket.api.HandshakeRequest;
import net.websocket.api.HandshakeResponse;
import net.websocket.api.Headers;

/** Test helpers: HTTP heads to and from bytes, and an independent computation of the hybi-00 challenge. */
final class Wire {

    private Wire() {
    }

    /** Bytes of an ISO-8859-1 string (every char one byte). */
    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** A head split into start line and fields, and the bytes after the blank line. */
    record Head(String startLine, Headers headers, byte[] body) {

        HandshakeRequest toRequest(boolean secure) {
            String[] parts = startLine.split(" ", 3);
            return new HandshakeRequest(parts[0], parts[1], parts[2], headers, null, null, secure);
        }

        HandshakeResponse toResponse() {
            String[] parts = startLine.split(" ", 3);
            return new HandshakeResponse(parts[0], Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "",
                    headers);
        }

        /** The raw head text (start line and fields, without the blank line). */
        String fieldLines() {
            StringBuilder sb = new StringBuilder();
            for (Headers.Field f : headers) {
                sb.append(f.name()).append(": ").append(f.value()).append('\n');
            }
            return sb.toString();
        }
    }

    /** Splits bytes at the first CRLF CRLF; field values keep their inner and outer spaces except the one after ':'. */
    static Head parse(byte[] bytes) {
        String all = latin1(bytes);
        int end = all.indexOf("\r\n\r\n");
        assertTrue(end > 0, "no blank line ends the head");
        String[] lines = all.substring(0, end).split("\r\n", -1);
        Headers.Builder headers = Headers.builder();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            assertTrue(colon > 0, "not a header line: " + lines[i]);
            String value = lines[i].substring(colon + 1);
            headers.add(lines[i].substring(0, colon), value.startsWith(" ") ? value.substring(1) : value);
        }
        return new Head(lines[0], headers.build(), Arrays.copyOfRange(bytes, end + 4, bytes.length));
    }

    static Head parse(ByteBuffer buffer) {
        return parse(bytes(buffer));
    }

    /** The number a key stands for, computed here independently of the code under test. */
    static long keyNumber(String key) {
        StringBuilder digits = new StringBuilder();
        int spaces = 0;
        for (char c : key.toCharArray()) {
            if (Character.isDigit(c)) {
                digits.append(c);
            } else if (c == ' ') {
                spaces++;
            }
        }
        long value = Long.parseLong(digits.toString());
        assertTrue(spaces > 0 && value % spaces == 0, "bad key " + key);
        return value / spaces;
    }

    /** MD5 of the two numbers as big-endian 32-bit values followed by key3. */
    static byte[] challenge(String key1, String key2, byte[] key3) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        byte[] input = new byte[16];
        long n1 = keyNumber(key1);
        long n2 = keyNumber(key2);
        for (int i = 0; i < 4; i++) {
            input[i] = (byte) (n1 >>> (24 - 8 * i));
            input[4 + i] = (byte) (n2 >>> (24 - 8 * i));
        }
        System.arraycopy(key3, 0, input, 8, 8);
        return md5.digest(input);
    }

    /** Concatenates byte arrays. */
    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Byte array from ints (0-255). */
    static byte[] of(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static List<String> lines(String s) {
        return new ArrayList<>(Arrays.asList(s.split("\r\n", -1)));
    }
}
