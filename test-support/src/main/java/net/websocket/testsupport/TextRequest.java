package net.websocket.testsupport;

import java.nio.charset.StandardCharsets;

import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;

/**
 * Reads a fuzz input as a request head the way the runtime hands one to a variant: a request line of three parts
 * separated by single spaces, then {@code name: value} lines, up to an empty line; bytes are ISO-8859-1. Values lose
 * surrounding spaces and tabs, as the runtime's parser strips them. Lines the runtime would refuse outright (no
 * colon, an empty name, a CR, LF or NUL inside) are left out rather than failing, so that every input makes a
 * request.
 */
public final class TextRequest {

    private static final String CRLF = "\r\n";
    private static final String END_OF_HEAD = "\r\n\r\n";

    private TextRequest() {
    }

    /** The head part of an input: everything before the first empty line. */
    public static String head(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        int end = text.indexOf(END_OF_HEAD);
        return end < 0 ? text : text.substring(0, end);
    }

    /** The bytes after the first empty line, or none. */
    public static byte[] body(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        int end = text.indexOf(END_OF_HEAD);
        return end < 0 ? new byte[0] : text.substring(end + END_OF_HEAD.length()).getBytes(StandardCharsets.ISO_8859_1);
    }

    public static HandshakeRequest parse(byte[] data, boolean secure) {
        String[] lines = head(data).split(CRLF, -1);
        String[] start = lines[0].split(" ", 3);
        String method = start[0];
        String target = start.length > 1 ? start[1] : "";
        String version = start.length > 2 ? start[2] : "";
        Headers.Builder headers = Headers.builder();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0 || line.indexOf('\0') >= 0) {
                continue;
            }
            headers.add(line.substring(0, colon), strip(line.substring(colon + 1)));
        }
        return new HandshakeRequest(method, target, version, headers.build(), null, null, secure);
    }

    private static String strip(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return s.substring(from, to);
    }
}
