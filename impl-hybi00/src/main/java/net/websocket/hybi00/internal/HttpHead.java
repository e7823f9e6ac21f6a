package net.websocket.hybi00.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import net.websocket.api.Headers;

/**
 * Writes an HTTP head (start line, header fields, blank line) followed by a binary body, as the hybi-00 handshake
 * sends them. Text is written as ISO-8859-1, one byte a character, so header values pass through unchanged when the
 * other side reads them the same way.
 */
final class HttpHead {

    private static final String CRLF = "\r\n";

    private final StringBuilder text = new StringBuilder(256);

    HttpHead(String startLine) {
        text.append(startLine).append(CRLF);
    }

    HttpHead header(String name, String value) {
        text.append(name).append(": ").append(value).append(CRLF);
        return this;
    }

    /** Adds every field of {@code headers} except those named in {@code reserved} (compared case-insensitively). */
    HttpHead headers(Headers headers, Set<String> reserved) {
        for (Headers.Field f : headers) {
            if (!reserved.contains(f.name())) {
                header(f.name(), f.value());
            }
        }
        return this;
    }

    /** The head, the blank line that ends it, then {@code body}; ready to read. */
    ByteBuffer toBuffer(byte[] body) {
        text.append(CRLF);
        byte[] head = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(head.length + body.length);
        out.put(head).put(body).flip();
        return out;
    }

    /** A set of header names that ignores case. */
    static Set<String> names(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return Collections.unmodifiableSet(set);
    }
}
