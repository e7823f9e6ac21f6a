package net.websocket.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import net.websocket.api.WebSocketMetrics.RefusalReason;

/**
 * The counts of one {@link IoLoop}: what its connections and handshakes did. Nearly every event happens on the loop
 * thread, which counts it in a plain array slot of its own (no atomic, no shared cache line: the cost of a counter on
 * the path of every message is an increment); the few that may come from other threads (sends and control frames
 * from handler threads) go to a {@link LongAdder} of the slot instead. The loop thread writes its slots with opaque
 * writes (on common hardware a plain store; it only keeps a long from tearing and the compiler from holding it in a
 * register) and readers on any thread read them with opaque reads and add the adders to them ({@link RuntimeMeters}
 * over a server's or client's loops): every count only grows, and a reader sees each grow in order.
 */
final class LoopMeters {

    static final int MESSAGES_IN = 0;
    static final int BYTES_IN = 1;
    static final int MESSAGES_OUT = 2;
    static final int BYTES_OUT = 3;
    static final int PINGS_IN = 4;
    static final int PONGS_IN = 5;
    static final int PINGS_OUT = 6;
    static final int PONGS_OUT = 7;
    static final int KEEPALIVE_FAILURES = 8;
    static final int ACCEPTED = 9;
    static final int CLOSED = 10;
    static final int HANDSHAKE_COUNT = 11;
    static final int HANDSHAKE_NANOS = 12;
    static final int HANDSHAKE_MAX = 13;
    static final int CLOSE_COUNT = 14;
    static final int CLOSE_NANOS = 15;
    static final int CLOSE_MAX = 16;
    /** The first of the refusal counts, one slot per {@link RefusalReason} in its order. */
    static final int REFUSED = 17;
    static final int SLOTS = REFUSED + RefusalReason.values().length;

    /** Distinct close codes counted apart; later new ones count under {@link #OTHER_CODE}. */
    static final int MAX_CLOSE_CODES = 256;
    static final int OTHER_CODE = 0;

    /** Empty slots before and after the counts, so that no other object's fields share their cache lines. */
    private static final int PAD = 8;

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private final IoLoop loop;
    /** The loop thread's counts (written by it alone, plain), at {@link #PAD} + slot. */
    private final long[] counts = new long[SLOTS + 2 * PAD];
    /** Other threads' counts, one adder per slot. */
    private final LongAdder[] others = new LongAdder[SLOTS];
    /** Other threads' maxima of the two duration slots. */
    private final LongAccumulator handshakeMaxOthers = new LongAccumulator(Math::max, 0);
    private final LongAccumulator closeMaxOthers = new LongAccumulator(Math::max, 0);
    private final ConcurrentHashMap<Integer, LongAdder> closeCodes = new ConcurrentHashMap<>();

    LoopMeters(IoLoop loop) {
        this.loop = loop;
        for (int i = 0; i < SLOTS; i++) {
            others[i] = new LongAdder();
        }
    }

    /** Adds {@code n} to {@code slot} (any thread; on the loop thread a plain add). */
    void add(int slot, long n) {
        if (loop.inLoop()) {
            bump(PAD + slot, n);
        } else {
            other(slot).add(n);
        }
    }

    /** Counts one event of {@code slot} (any thread). */
    void count(int slot) {
        add(slot, 1);
    }

    /** A message's payload piece was received or sent: its bytes, and the message if it was the last piece. */
    void data(int messages, int bytes, long n, boolean last) {
        if (loop.inLoop()) {
            bump(PAD + bytes, n);
            if (last) {
                bump(PAD + messages, 1);
            }
        } else {
            other(bytes).add(n);
            if (last) {
                other(messages).increment();
            }
        }
    }

    /** A payload piece was received (loop thread only, where the decoder calls back): no check of the thread. */
    void received(long n, boolean last) {
        bump(PAD + BYTES_IN, n);
        if (last) {
            bump(PAD + MESSAGES_IN, 1);
        }
    }

    /** Adds {@code n} to the loop thread's slot at index {@code i} (loop thread only: it is the one writer). */
    private void bump(int i, long n) {
        SLOT.setOpaque(counts, i, counts[i] + n);
    }

    /** A handshake ended without a connection for {@code reason} (any thread). */
    void refused(RefusalReason reason) {
        count(REFUSED + reason.ordinal());
    }

    /** A handshake became a connection after {@code nanos} (any thread). */
    void accepted(long nanos) {
        count(ACCEPTED);
        time(HANDSHAKE_COUNT, nanos, handshakeMaxOthers);
    }

    /** A connection ended with {@code code}, after a closing handshake of {@code closeNanos} unless negative. */
    void closed(int code, long closeNanos) {
        count(CLOSED);
        if (closeNanos >= 0) {
            time(CLOSE_COUNT, closeNanos, closeMaxOthers);
        }
        LongAdder a = closeCodes.get(code);
        if (a == null) {
            a = closeCodes.size() < MAX_CLOSE_CODES ? closeCodes.computeIfAbsent(code, k -> new LongAdder())
                    : closeCodes.computeIfAbsent(OTHER_CODE, k -> new LongAdder());
        }
        a.increment();
    }

    /** Counts one duration at {@code base} (count), {@code base + 1} (total), {@code base + 2} (maximum). */
    private void time(int base, long nanos, LongAccumulator othersMax) {
        long d = Math.max(0, nanos);
        if (loop.inLoop()) {
            bump(PAD + base, 1);
            bump(PAD + base + 1, d);
            if (d > counts[PAD + base + 2]) {
                SLOT.setOpaque(counts, PAD + base + 2, d);
            }
        } else {
            other(base).increment();
            other(base + 1).add(d);
            othersMax.accumulate(d);
        }
    }

    private LongAdder other(int slot) {
        return others[slot];
    }

    /** The count of {@code slot} now (any thread): the loop thread's and the others' together. */
    long read(int slot) {
        long own = (long) SLOT.getOpaque(counts, PAD + slot);
        if (slot == HANDSHAKE_MAX) {
            return Math.max(own, handshakeMaxOthers.get());
        }
        if (slot == CLOSE_MAX) {
            return Math.max(own, closeMaxOthers.get());
        }
        return own + others[slot].sum();
    }

    /** Adds this loop's close-code counts into {@code into} (any thread). */
    void readCloseCodes(Map<Integer, Long> into) {
        closeCodes.forEach((code, n) -> into.merge(code, n.sum(), Long::sum));
    }
}
