package net.websocket.rfc6455.internal;

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

    /** For messages: a header value quoted, or "missing". */
    static String describe(String value) {
        return value == null ? "missing" : "\"" + value + "\"";
    }
}
