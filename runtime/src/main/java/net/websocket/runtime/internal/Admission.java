package net.websocket.runtime.internal;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import net.websocket.api.Headers;
import net.websocket.runtime.ServerOptions;

/**
 * Admission control of a server's accepted sockets, decided as each is accepted, before anything is read from it:
 * at most {@link ServerOptions#maxHandshakesInProgress()} handshakes at once on the whole server, and at most
 * {@link ServerOptions#maxConnectionsPerAddress()} sockets (handshaking or open) from one source address. A socket
 * past either limit is answered {@code 503} with {@code Retry-After} ({@link #refusal}) and closed at once.
 *
 * <p>A socket admitted holds one handshake and one count of its address. The handshake is given back when the
 * handshake ends, whatever the way (upgraded, refused, failed, timed out, dropped); the address count when the
 * socket is closed: with the handshake if it was not upgraded, otherwise when its connection closes. The counts are
 * a map from address to a number that loses its entry at zero, so it holds no more entries than the server has
 * sockets. Thread-safe: sockets are admitted on the accepting loop and released on any loop.
 */
final class Admission {

    /** What the {@code Retry-After} header of an admission refusal says, in seconds. */
    static final int RETRY_AFTER_SECONDS = 2;

    /** What {@link #admit} decided. */
    enum Verdict {
        ADMITTED,
        TOO_MANY_HANDSHAKES,
        TOO_MANY_FROM_ADDRESS
    }

    private static final ByteBuffer TOO_MANY_HANDSHAKES = refusalResponse("too many handshakes in progress");
    private static final ByteBuffer TOO_MANY_FROM_ADDRESS = refusalResponse("too many connections from your address");

    private final int maxHandshakes;
    private final int maxPerAddress;
    private final AtomicInteger handshakes = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

    Admission(int maxHandshakes, int maxPerAddress) {
        this.maxHandshakes = maxHandshakes;
        this.maxPerAddress = maxPerAddress;
    }

    /**
     * Admits a socket from {@code address}, counting one handshake and one socket of that address, or refuses it
     * counting nothing.
     */
    Verdict admit(InetAddress address) {
        // never above the limit, not even for a moment: the count is also what diagnostics and tests read
        int inProgress;
        do {
            inProgress = handshakes.get();
            if (inProgress >= maxHandshakes) {
                return Verdict.TOO_MANY_HANDSHAKES;
            }
        } while (!handshakes.compareAndSet(inProgress, inProgress + 1));
        boolean[] counted = new boolean[1];
        perAddress.compute(address, (a, n) -> {
            int have = n == null ? 0 : n;
            if (have >= maxPerAddress) {
                return n;
            }
            counted[0] = true;
            return have + 1;
        });
        if (!counted[0]) {
            handshakes.decrementAndGet();
            return Verdict.TOO_MANY_FROM_ADDRESS;
        }
        return Verdict.ADMITTED;
    }

    /**
     * An admitted socket's handshake ended: its handshake is given back, and its address count too unless it became
     * a connection ({@code upgraded}), which gives that back with {@link #connectionClosed}.
     */
    void handshakeEnded(InetAddress address, boolean upgraded) {
        handshakes.decrementAndGet();
        if (!upgraded) {
            release(address);
        }
    }

    /** A connection whose handshake was admitted closed: its address count is given back. */
    void connectionClosed(InetAddress address) {
        release(address);
    }

    private void release(InetAddress address) {
        perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    /** Handshakes admitted and not yet ended. */
    int handshakesInProgress() {
        return handshakes.get();
    }

    /** Sockets from {@code address} admitted and not yet closed. */
    int count(InetAddress address) {
        return perAddress.getOrDefault(address, 0);
    }

    /** Addresses with sockets admitted and not yet closed (the size of the map of counts). */
    int addresses() {
        return perAddress.size();
    }

    /** The complete answer to a socket refused with {@code verdict}: a fresh buffer over shared bytes. */
    static ByteBuffer refusal(Verdict verdict) {
        return switch (verdict) {
            case TOO_MANY_HANDSHAKES -> TOO_MANY_HANDSHAKES.duplicate();
            case TOO_MANY_FROM_ADDRESS -> TOO_MANY_FROM_ADDRESS.duplicate();
            case ADMITTED -> throw new IllegalArgumentException("an admitted socket is not refused");
        };
    }

    private static ByteBuffer refusalResponse(String message) {
        ByteBuffer b = HttpResponses.error(503,
                Headers.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)), message + "\n");
        return b.asReadOnlyBuffer();
    }
}
