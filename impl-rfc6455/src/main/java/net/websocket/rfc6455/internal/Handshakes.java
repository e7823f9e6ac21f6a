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

    /** Characters of an accept value: base64 of a 20-byte SHA-1 digest, padded. */
    static final int ACCEPT_LENGTH = 28;

    private static final byte[] GUID_BYTES = GUID.getBytes(StandardCharsets.US_ASCII);

    /** Bytes of a key as hashed: its characters, one byte each (a valid key is ASCII). */
    private static final int MAX_HASHED_KEY = 64;

    /**
     * A SHA-1 digest and scratch space per thread: the accept value is computed for every handshake, and looking up
     * a digest, encoding the key and the digest's strings cost more than the hash itself.
     */
    private static final ThreadLocal<AcceptScratch> SCRATCH = ThreadLocal.withInitial(AcceptScratch::new);

    private static final class AcceptScratch {
        final MessageDigest sha1;
        final byte[] key = new byte[MAX_HASHED_KEY];
        final byte[] digest = new byte[20];
        final byte[] encoded = new byte[ACCEPT_LENGTH];

        AcceptScratch() {
            try {
                sha1 = MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is required of every Java platform", e);
            }
        }
    }

    /** The {@code Sec-WebSocket-Accept} value for a key: base64 of SHA-1 of key + GUID (section 4.2.2). */
    static String acceptFor(String key) {
        byte[] out = new byte[ACCEPT_LENGTH];
        acceptFor(key, out, 0);
        return new String(out, StandardCharsets.US_ASCII);
    }

    /** Writes the {@link #ACCEPT_LENGTH} ASCII bytes of the accept value for {@code key} into {@code out}. */
    static void acceptFor(String key, byte[] out, int offset) {
        AcceptScratch s = SCRATCH.get();
        MessageDigest sha1 = s.sha1;
        sha1.reset();
        if (!asciiInto(key, s.key)) {
            sha1.update(key.getBytes(StandardCharsets.US_ASCII));
        } else {
            sha1.update(s.key, 0, key.length());
        }
        sha1.update(GUID_BYTES);
        try {
            sha1.digest(s.digest, 0, s.digest.length);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
        Base64.getEncoder().encode(s.digest, s.encoded);
        System.arraycopy(s.encoded, 0, out, offset, ACCEPT_LENGTH);
    }

    /** Copies an ASCII string of at most {@code into.length} characters into {@code into}; false if it is not one. */
    private static boolean asciiInto(String s, byte[] into) {
        int n = s.length();
        if (n > into.length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return false;
            }
            into[i] = (byte) c;
        }
        return true;
    }

    /** How many fields of {@code headers} have this name (ignoring case). */
    static int count(Headers headers, String name) {
        List<Headers.Field> fields = headers.asList();
        int count = 0;
        for (int i = 0, n = fields.size(); i < n; i++) {
            if (fields.get(i).name().equalsIgnoreCase(name)) {
                count++;
            }
        }
        return count;
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
