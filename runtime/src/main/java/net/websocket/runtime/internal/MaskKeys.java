package net.websocket.runtime.internal;

import java.security.SecureRandom;
import java.util.function.IntSupplier;

/**
 * Masking keys for one client connection (RFC 6455 section 5.3: a fresh key per frame, from a strong source of
 * entropy). Keys are drawn from a shared {@link SecureRandom} in batches, so that a busy client does not contend on
 * it for every frame. Not thread-safe: the engine asks from one encoding thread at a time.
 */
final class MaskKeys implements IntSupplier {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Keys drawn per batch. */
    private static final int BATCH = 16;

    private final byte[] buffer = new byte[BATCH * 4];
    private int at = buffer.length;

    @Override
    public int getAsInt() {
        if (at == buffer.length) {
            RANDOM.nextBytes(buffer);
            at = 0;
        }
        int v = (buffer[at] & 0xff) << 24 | (buffer[at + 1] & 0xff) << 16 | (buffer[at + 2] & 0xff) << 8
                | (buffer[at + 3] & 0xff);
        at += 4;
        return v;
    }
}
