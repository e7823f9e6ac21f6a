package net.websocket.rfc6455.internal;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntSupplier;

import net.websocket.api.CloseCodes;
import net.websocket.api.PayloadType;

/**
 * The sending half of the RFC 6455 framing protocol: writes frames with the shortest length form. Clients mask with
 * a fresh key per frame from the mask source while copying the payload; servers copy it as it is. Tracks whether a
 * fragmented message is open and whether a close frame was sent.
 */
final class FrameEncoder {

    private static final byte[] NO_BYTES = new byte[0];

    private final boolean client;
    private final IntSupplier maskSource;
    private boolean messageOpen;
    private volatile boolean closed;

    FrameEncoder(boolean client, IntSupplier maskSource) {
        this.client = client;
        this.maskSource = maskSource;
    }

    boolean closed() {
        return closed;
    }

    /** The bytes of a frame with this payload length. */
    int frameLength(int payloadLength) {
        if (payloadLength < 0) {
            throw new IllegalArgumentException("negative payload length " + payloadLength);
        }
        long total = (long) headerLength(payloadLength) + payloadLength;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a frame of " + payloadLength + " payload bytes exceeds 2 GiB");
        }
        return (int) total;
    }

    private int headerLength(int payloadLength) {
        int len = 2;
        if (payloadLength > Frames.MAX_16BIT_PAYLOAD) {
            len += 8;
        } else if (payloadLength > Frames.MAX_CONTROL_PAYLOAD) {
            len += 2;
        }
        return client ? len + Frames.MASK_KEY_BYTES : len;
    }

    void encodeData(PayloadType type, boolean finalFragment, ByteBuffer payload, ByteBuffer out) {
        Objects.requireNonNull(type, "type");
        if (closed) {
            throw new IllegalStateException("a close frame was sent: no data frame may follow");
        }
        int opcode;
        if (type == PayloadType.CONTINUATION) {
            if (!messageOpen) {
                throw new IllegalStateException("a CONTINUATION frame needs an unfinished message to continue");
            }
            opcode = Frames.CONTINUATION;
        } else {
            if (messageOpen) {
                throw new IllegalStateException("a fragmented message is unfinished: send CONTINUATION frames up to"
                        + " the final one before a new " + type + " message");
            }
            opcode = type == PayloadType.TEXT ? Frames.TEXT : Frames.BINARY;
        }
        writeFrame(finalFragment, opcode, payload, out);
        messageOpen = !finalFragment;
    }

    void encodePing(ByteBuffer payload, ByteBuffer out) {
        encodeControl(Frames.PING, payload, out);
    }

    void encodePong(ByteBuffer payload, ByteBuffer out) {
        encodeControl(Frames.PONG, payload, out);
    }

    private void encodeControl(int opcode, ByteBuffer payload, ByteBuffer out) {
        if (payload.remaining() > Frames.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("a " + Frames.name(opcode) + " payload of " + payload.remaining()
                    + " bytes exceeds " + Frames.MAX_CONTROL_PAYLOAD);
        }
        if (closed) {
            throw new IllegalStateException("a close frame was sent: no " + Frames.name(opcode)
                    + " frame may follow");
        }
        writeFrame(true, opcode, payload, out);
    }

    void encodeClose(int code, String reason, ByteBuffer out) {
        if (closed) {
            throw new IllegalStateException("a close frame was already sent");
        }
        writeFrame(true, Frames.CLOSE, ByteBuffer.wrap(closePayload(code, reason)), out);
        closed = true;
    }

    /**
     * The payload of a close frame: nothing for {@link CloseCodes#NO_STATUS}, else the code and the reason cut to
     * {@link Frames#MAX_CLOSE_REASON} bytes of UTF-8 on a character boundary.
     */
    static byte[] closePayload(int code, String reason) {
        if (code == CloseCodes.NO_STATUS) {
            return NO_BYTES;
        }
        if (!CloseCodes.isValidOnWire(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent");
        }
        byte[] text = truncatedUtf8(reason == null ? "" : reason, Frames.MAX_CLOSE_REASON);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return payload;
    }

    /** The UTF-8 of {@code s}, cut to at most {@code max} bytes without splitting a character. */
    static byte[] truncatedUtf8(String s, int max) {
        byte[] all = s.getBytes(StandardCharsets.UTF_8);
        if (all.length <= max) {
            return all;
        }
        int cut = max;
        while (cut > 0 && (all[cut] & 0xC0) == 0x80) {
            cut--; // all[cut] continues a character that started before the cut: leave that character out
        }
        return Arrays.copyOf(all, cut);
    }

    private void writeFrame(boolean fin, int opcode, ByteBuffer payload, ByteBuffer out) {
        int n = payload.remaining();
        int total = frameLength(n);
        if (out.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        if (out.remaining() < total) {
            throw new IllegalArgumentException("the output has " + out.remaining() + " bytes left, the "
                    + Frames.name(opcode) + " frame needs " + total);
        }
        int maskBit = client ? Frames.MASK : 0;
        out.put((byte) ((fin ? Frames.FIN : 0) | opcode));
        if (n <= Frames.MAX_CONTROL_PAYLOAD) {
            out.put((byte) (maskBit | n));
        } else if (n <= Frames.MAX_16BIT_PAYLOAD) {
            out.put((byte) (maskBit | Frames.LENGTH_16));
            out.put((byte) (n >>> 8));
            out.put((byte) n);
        } else {
            out.put((byte) (maskBit | Frames.LENGTH_64));
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.put((byte) ((long) n >>> shift));
            }
        }
        if (client) {
            int key = maskSource.getAsInt();
            out.put((byte) (key >>> 24));
            out.put((byte) (key >>> 16));
            out.put((byte) (key >>> 8));
            out.put((byte) key);
            int at = out.position();
            Masking.maskCopy(payload, payload.position(), out, at, n, key);
            out.position(at + n);
            payload.position(payload.limit());
        } else {
            out.put(payload);
        }
    }
}
