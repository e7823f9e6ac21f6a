package net.websocket.runtime.internal;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The {@code Sec-WebSocket-Accept} value of an RFC 6455 key (base64 of the SHA-1 of the key and the GUID, section
 * 4.2.2), as bytes, computed without garbage: {@link ConnectionInfo} checks every 101 response it keeps against it
 * so that it need not keep the value. The digest and scratch space are kept per thread.
 */
final class AcceptValue {

    /** Characters of the value: base64 of a 20-byte digest, padded. */
    static final int LENGTH = 28;

    /** The GUID of RFC 6455 section 1.3 that the value hashes with the key. */
    private static final byte[] GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11".getBytes(StandardCharsets.ISO_8859_1);

    /** The longest key hashed from the scratch space (a valid one has 24 characters). */
    private static final int MAX_KEY = 64;

    private static final ThreadLocal<AcceptValue> SCRATCH = ThreadLocal.withInitial(AcceptValue::new);

    private final MessageDigest sha1;
    private final byte[] key = new byte[MAX_KEY];
    private final byte[] digest = new byte[20];
    private final byte[] value = new byte[LENGTH];

    private AcceptValue() {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            d = null;
        }
        sha1 = d;
    }

    /** Writes the value for {@code key} at {@code offset}; false (nothing written) without SHA-1. */
    static boolean write(String key, byte[] out, int offset) {
        AcceptValue s = SCRATCH.get();
        if (!s.compute(key)) {
            return false;
        }
        System.arraycopy(s.value, 0, out, offset, LENGTH);
        return true;
    }

    /** Whether {@code bytes} holds the value for {@code key} and CRLF at {@code offset}. */
    static boolean follows(String key, byte[] bytes, int offset) {
        if (bytes.length < offset + LENGTH + 2 || bytes[offset + LENGTH] != '\r' || bytes[offset + LENGTH + 1] != '\n') {
            return false;
        }
        AcceptValue s = SCRATCH.get();
        return s.compute(key) && Arrays.equals(bytes, offset, offset + LENGTH, s.value, 0, LENGTH);
    }

    /** Computes the value into {@link #value}; false without SHA-1. */
    private boolean compute(String k) {
        if (sha1 == null) {
            return false;
        }
        sha1.reset();
        int n = k.length();
        boolean latin1 = n <= MAX_KEY;
        for (int i = 0; i < n && latin1; i++) {
            char c = k.charAt(i);
            latin1 = c <= 0xff;
            key[i] = (byte) c;
        }
        if (latin1) {
            sha1.update(key, 0, n);
        } else {
            sha1.update(k.getBytes(StandardCharsets.ISO_8859_1));
        }
        sha1.update(GUID);
        try {
            sha1.digest(digest, 0, digest.length);
        } catch (DigestException e) {
            return false;
        }
        Base64.getEncoder().encode(digest, value);
        return true;
    }
}
