package net.websocket.api.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

import net.websocket.api.Headers;

/**
 * Writes an HTTP message head (start line, header fields, the blank line), optionally followed by a body, as
 * requests and responses of opening handshakes are sent. Text is written as ISO-8859-1, one byte a character, so
 * header values pass through unchanged to a peer that reads them the same way. Values are written as given: the
 * {@link Headers} they come from already refuse CR, LF and NUL. Not thread-safe; used once.
 */
public final class HttpHeadWriter {

    private static final String CRLF = "\r\n";

    private final StringBuilder text = new StringBuilder(256);

    /**
     * Starts a head with its start line ({@code "GET / HTTP/1.1"}, {@code "HTTP/1.1 101 Switching Protocols"}).
     *
     * @param startLine the request or status line, without CRLF
     */
    public HttpHeadWriter(String startLine) {
        text.append(startLine).append(CRLF);
    }

    /**
     * Adds one header field.
     *
     * @param name  the field name, written as given
     * @param value the field value, written as given; must not contain CR, LF or NUL
     * @return this writer
     */
    public HttpHeadWriter header(String name, String value) {
        text.append(name).append(": ").append(value).append(CRLF);
        return this;
    }

    /**
     * Adds every field of {@code headers}, in order.
     *
     * @param headers the fields to add
     * @return this writer
     */
    public HttpHeadWriter headers(Headers headers) {
        for (Headers.Field f : headers) {
            header(f.name(), f.value());
        }
        return this;
    }

    /**
     * Adds every field of {@code headers} whose name is not in {@code skipped} (names compared ignoring case).
     *
     * @param headers the fields to add
     * @param skipped the names of fields to leave out, e.g. those the handshake writes itself
     * @return this writer
     */
    public HttpHeadWriter headers(Headers headers, Collection<String> skipped) {
        for (Headers.Field f : headers) {
            if (!containsIgnoringCase(skipped, f.name())) {
                header(f.name(), f.value());
            }
        }
        return this;
    }

    /**
     * {@return the head and the blank line that ends it, ready to read} Ends the head: call once, and add nothing
     * after it.
     */
    public ByteBuffer toBuffer() {
        return toBuffer(new byte[0]);
    }

    /**
     * {@return the head, the blank line that ends it, then {@code body}; ready to read} Ends the head: call once,
     * and add nothing after it.
     *
     * @param body the bytes after the head (e.g. hybi-00's key), possibly empty; copied
     */
    public ByteBuffer toBuffer(byte[] body) {
        text.append(CRLF);
        byte[] head = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(head.length + body.length);
        out.put(head).put(body).flip();
        return out;
    }

    private static boolean containsIgnoringCase(Collection<String> names, String name) {
        for (String n : names) {
            if (n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
