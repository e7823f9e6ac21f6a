package net.websocket.rfc6455.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

import net.websocket.api.Headers;

/** What the server and client sides of the RFC 6455 opening handshake share (section 4). */
final class Handshakes {

    /** The GUID appended to the key before hashing (section 1.3). */
    static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** Decoded length of a valid {@code Sec-WebSocket-Key} (section 4.1: a random 16-byte value). */
    static final int KEY_BYTES = 16;

    static final String UPGRADE = "Upgrade";
    static final String CONNECTION = "Connection";
    static final String HOST = "Host";
    static final String KEY = "Sec-WebSocket-Key";
    static final String ACCEPT = "Sec-WebSocket-Accept";
    static final String VERSION = "Sec-WebSocket-Version";
    static final String PROTOCOL = "Sec-WebSocket-Protocol";
    static final String EXTENSIONS = "Sec-WebSocket-Extensions";

    /** The protocol version this variant speaks. */
    static final String VERSION_13 = "13";

    /** Initial capacity of the builder for a handshake head; a typical head fits. */
    private static final int HEAD_CAPACITY = 256;

    /** The separators of RFC 9110 section 5.6.2, which a token must not contain. */
    private static final String SEPARATORS = "()<>@,;:\\\"/[]?={} \t";

    private Handshakes() {
    }

    /** The {@code Sec-WebSocket-Accept} value for a key: base64 of SHA-1 of key + GUID (section 4.2.2). */
    static String acceptFor(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
    }

    /** Whether {@code s} is a non-empty HTTP token (RFC 9110 section 5.6.2), as subprotocol names must be. */
    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || SEPARATORS.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The first header in {@code headers} whose name is in {@code reserved} (ignoring case), or {@code null}. */
    static String firstReserved(Headers headers, List<String> reserved) {
        for (Headers.Field f : headers) {
            for (String r : reserved) {
                if (r.equalsIgnoreCase(f.name())) {
                    return f.name();
                }
            }
        }
        return null;
    }

    /** Builds a handshake head: a start line, header lines and the empty line, as ISO-8859-1 bytes. */
    static final class Head {
        private final StringBuilder text = new StringBuilder(HEAD_CAPACITY);

        Head(String startLine) {
            text.append(startLine).append("\r\n");
        }

        Head header(String name, String value) {
            text.append(name).append(": ").append(value).append("\r\n");
            return this;
        }

        Head headers(Headers headers) {
            for (Headers.Field f : headers) {
                header(f.name(), f.value());
            }
            return this;
        }

        /** The finished head as a buffer positioned at 0. */
        ByteBuffer toBuffer() {
            text.append("\r\n");
            return ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** For messages: a header value quoted, or "missing". */
    static String describe(String value) {
        return value == null ? "missing" : "\"" + value + "\"";
    }
}
