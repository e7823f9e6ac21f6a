package net.websocket.api.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Incremental, fail-fast UTF-8 validation (RFC 3629) as a deterministic finite automaton over byte classes, shared
 * by every protocol variant that carries text. The state is a plain int that callers keep between pieces, so a
 * character may be split across frames, fragments and reads; a message is valid when it ends in {@link #ACCEPT}.
 * The automaton rejects at the first byte that cannot continue a valid sequence: overlong forms ({@code C0},
 * {@code C1}, {@code E0 80..9F}, {@code F0 80..8F}), surrogates ({@code ED A0..BF}), code points above U+10FFFF
 * ({@code F4 90..}, {@code F5..FF}) and stray or missing continuation bytes. Runs of ASCII are skipped 8 bytes at a
 * time. Stateless and thread-safe.
 */
public final class Utf8 {

    /** Between characters: the only state in which a message may end. */
    public static final int ACCEPT = 0;

    /** Invalid input was seen; the state stays here. */
    public static final int REJECT = 8 * Classes.COUNT;

    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class,
            ByteOrder.nativeOrder());

    private static final VarHandle ARRAY_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.nativeOrder());

    /** The high bit of each of 8 bytes: none set means 8 ASCII bytes. */
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    /** Byte classes: bytes that act alike in every state. */
    private static final class Classes {
        static final int ASCII = 0;       // 00..7F
        static final int CONT_LOW = 1;    // 80..8F
        static final int CONT_MID = 2;    // 90..9F
        static final int CONT_HIGH = 3;   // A0..BF
        static final int LEAD2 = 4;       // C2..DF
        static final int E0 = 5;          // E0: next byte A0..BF (no overlong)
        static final int LEAD3 = 6;       // E1..EC, EE..EF
        static final int ED = 7;          // ED: next byte 80..9F (no surrogates)
        static final int F0 = 8;          // F0: next byte 90..BF (no overlong)
        static final int LEAD4 = 9;       // F1..F3
        static final int F4 = 10;         // F4: next byte 80..8F (nothing above U+10FFFF)
        static final int INVALID = 11;    // C0, C1, F5..FF
        static final int COUNT = 12;
    }

    /** The class of each byte value. */
    private static final byte[] CLASS = new byte[256];

    /**
     * Transitions: {@code NEXT[state + class]}; states are premultiplied by {@link Classes#COUNT}. States: 0 accept,
     * 1 need one continuation, 2 need two, 3 need three, 4 after E0, 5 after ED, 6 after F0, 7 after F4, 8 reject.
     */
    private static final byte[] NEXT = new byte[9 * Classes.COUNT];

    static {
        for (int b = 0; b < 256; b++) {
            int c;
            if (b < 0x80) {
                c = Classes.ASCII;
            } else if (b < 0x90) {
                c = Classes.CONT_LOW;
            } else if (b < 0xA0) {
                c = Classes.CONT_MID;
            } else if (b < 0xC0) {
                c = Classes.CONT_HIGH;
            } else if (b < 0xC2) {
                c = Classes.INVALID;
            } else if (b < 0xE0) {
                c = Classes.LEAD2;
            } else if (b == 0xE0) {
                c = Classes.E0;
            } else if (b == 0xED) {
                c = Classes.ED;
            } else if (b < 0xF0) {
                c = Classes.LEAD3;
            } else if (b == 0xF0) {
                c = Classes.F0;
            } else if (b < 0xF4) {
                c = Classes.LEAD4;
            } else if (b == 0xF4) {
                c = Classes.F4;
            } else {
                c = Classes.INVALID;
            }
            CLASS[b] = (byte) c;
        }
        java.util.Arrays.fill(NEXT, (byte) REJECT);
        // From accept: ASCII stays, leads go to their states.
        set(0, Classes.ASCII, 0);
        set(0, Classes.LEAD2, 1);
        set(0, Classes.LEAD3, 2);
        set(0, Classes.E0, 4);
        set(0, Classes.ED, 5);
        set(0, Classes.LEAD4, 3);
        set(0, Classes.F0, 6);
        set(0, Classes.F4, 7);
        // Need n continuations: any continuation byte takes one step.
        for (int cont : new int[] {Classes.CONT_LOW, Classes.CONT_MID, Classes.CONT_HIGH}) {
            set(1, cont, 0);
            set(2, cont, 1);
            set(3, cont, 2);
        }
        set(4, Classes.CONT_HIGH, 1);
        set(5, Classes.CONT_LOW, 1);
        set(5, Classes.CONT_MID, 1);
        set(6, Classes.CONT_MID, 2);
        set(6, Classes.CONT_HIGH, 2);
        set(7, Classes.CONT_LOW, 2);
    }

    private static void set(int state, int cls, int next) {
        NEXT[state * Classes.COUNT + cls] = (byte) (next * Classes.COUNT);
    }

    private Utf8() {
    }

    /**
     * {@return the state after one more byte ({@link #REJECT} stays {@link #REJECT})}
     *
     * @param state {@link #ACCEPT} at the start of a message, else the state the previous byte or piece left
     * @param b     the next byte
     */
    public static int step(int state, byte b) {
        return NEXT[state + CLASS[b & 0xFF]];
    }

    /**
     * Runs the automaton over {@code length} bytes of {@code buf} from {@code index} (absolute; the position is
     * not used), starting in {@code state}.
     *
     * @param buf    the bytes; neither its position nor its limit is used or changed
     * @param index  the absolute index of the first byte
     * @param length how many bytes
     * @param state  {@link #ACCEPT} at the start of a message, else the state the previous piece ended in
     * @return the new state; {@link #REJECT} as soon as a byte is invalid (the rest is not looked at)
     */
    public static int validate(ByteBuffer buf, int index, int length, int state) {
        if (buf.hasArray()) {
            return validate(buf.array(), buf.arrayOffset() + index, length, state);
        }
        return validateBuffer(buf, index, length, state);
    }

    private static int validateBuffer(ByteBuffer buf, int index, int length, int state) {
        int i = index;
        int end = index + length;
        int s = state;
        while (i < end) {
            if (s == ACCEPT) {
                for (int last = end - Long.BYTES; i <= last
                        && ((long) LONG.get(buf, i) & HIGH_BITS) == 0; i += Long.BYTES) {
                    // eight ASCII bytes
                }
                while (i < end && buf.get(i) >= 0) {
                    i++;
                }
                if (i == end) {
                    break;
                }
            }
            s = NEXT[s + CLASS[buf.get(i++) & 0xFF]];
            if (s == REJECT) {
                return REJECT;
            }
        }
        return s;
    }

    /**
     * {@link #validate(ByteBuffer, int, int, int)} over part of an array.
     *
     * @param bytes  the bytes
     * @param index  the index of the first byte
     * @param length how many bytes
     * @param state  {@link #ACCEPT} at the start of a message, else the state the previous piece ended in
     * @return the new state; {@link #REJECT} as soon as a byte is invalid
     */
    public static int validate(byte[] bytes, int index, int length, int state) {
        int i = index;
        int end = index + length;
        int s = state;
        while (i < end) {
            if (s == ACCEPT) {
                for (int last = end - Long.BYTES; i <= last
                        && ((long) ARRAY_LONG.get(bytes, i) & HIGH_BITS) == 0; i += Long.BYTES) {
                    // eight ASCII bytes
                }
                while (i < end && bytes[i] >= 0) {
                    i++;
                }
                if (i == end) {
                    break;
                }
            }
            s = NEXT[s + CLASS[bytes[i++] & 0xFF]];
            if (s == REJECT) {
                return REJECT;
            }
        }
        return s;
    }

    /**
     * {@return whether the bytes from the position to the limit of {@code bytes} are complete, valid UTF-8}
     *
     * @param bytes the bytes; neither its position nor its limit is changed
     */
    public static boolean isValid(ByteBuffer bytes) {
        return validate(bytes, bytes.position(), bytes.remaining(), ACCEPT) == ACCEPT;
    }
}
