package net.websocket.rfc6455.internal;

/** Wire constants of the RFC 6455 base framing protocol (section 5.2). */
final class Frames {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** First header byte: the final-fragment bit. */
    static final int FIN = 0x80;
    /** First header byte: RSV1, RSV2 and RSV3, which only extensions may set. */
    static final int RSV = 0x70;
    /** First header byte: the opcode. */
    static final int OPCODE = 0x0F;
    /** Second header byte: the mask bit. */
    static final int MASK = 0x80;
    /** Second header byte: the 7-bit payload length. */
    static final int LENGTH = 0x7F;

    /** 7-bit length values that announce a 16-bit and a 64-bit extended length. */
    static final int LENGTH_16 = 126;
    static final int LENGTH_64 = 127;

    /** The largest payload the 7-bit length field holds, and the largest a control frame may carry (5.5). */
    static final int MAX_CONTROL_PAYLOAD = 125;
    /** The largest payload the 16-bit extended length holds. */
    static final int MAX_16BIT_PAYLOAD = 0xFFFF;
    /** Bytes of the masking key. */
    static final int MASK_KEY_BYTES = 4;
    /** The largest close reason: a control payload less the 2-byte status code. */
    static final int MAX_CLOSE_REASON = MAX_CONTROL_PAYLOAD - 2;

    private Frames() {
    }

    static boolean isControl(int opcode) {
        return (opcode & 0x8) != 0;
    }

    static String name(int opcode) {
        return switch (opcode) {
            case CONTINUATION -> "continuation";
            case TEXT -> "text";
            case BINARY -> "binary";
            case CLOSE -> "close";
            case PING -> "ping";
            case PONG -> "pong";
            default -> "reserved opcode 0x" + Integer.toHexString(opcode);
        };
    }
}
