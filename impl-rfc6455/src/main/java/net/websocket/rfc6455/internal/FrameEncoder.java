package net.websocket.rfc6455.internal;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntSupplier;

import net.websocket.api.CloseCodes;
import net.websocket.api.MessageType;
import net.websocket.api.PayloadType;
import net.websocket.api.spi.Extension;
import net.websocket.api.spi.ExtensionEncoder;

/**
 * The sending half of the RFC 6455 framing protocol: writes frames with the shortest length form. Clients mask with
 * a fresh key per frame from the mask source while copying the payload; servers copy it as it is. Tracks whether a
 * fragmented message is open and whether a close frame was sent.
 *
 * <p>With an agreed {@link Extension}, each data message is offered to its encoder at the first frame; a message it
 * takes has the extension's reserved bits on its first frame and every frame's payload transformed. The transformed
 * payload is written straight into the output after room for the longest header it could need, then the header is
 * written before it (and the payload moved down if the header turned out shorter), so the frame is never copied
 * through a scratch buffer. {@link #frameLength} then announces the longest frame the transform may produce.
 */
final class FrameEncoder {

    private static final byte[] NO_BYTES = new byte[0];

    private final boolean client;
    private final IntSupplier maskSource;
    private final int rsvBits;
    private final ExtensionEncoder extension;
    private boolean messageOpen;
    private boolean transformed;
    /** Whether a data frame was encoded since {@link #restingAfterControlOnly()} last asked. */
    private boolean dataEncoded;
    private volatile boolean closed;

    FrameEncoder(boolean client, IntSupplier maskSource) {
        this(client, maskSource, null);
    }

    /**
     * @param extension the agreed extension, or {@code null}
     */
    FrameEncoder(boolean client, IntSupplier maskSource, Extension extension) {
        this.client = client;
        this.maskSource = maskSource;
        this.rsvBits = extension == null ? 0 : extension.rsvBits() & Frames.RSV;
        this.extension = extension == null ? null : extension.encoder();
    }

    boolean closed() {
        return closed;
    }

    /**
     * Whether no message is open, no close frame was sent, and only control frames were encoded since the last time
     * this was asked: a new encoder would then encode the same frames, so this one need not be kept.
     */
    boolean restingAfterControlOnly() {
        boolean data = dataEncoded;
        dataEncoded = false;
        return !data && !messageOpen && !closed && extension == null;
    }

    /** The bytes of a frame with this payload length: at most that many when an extension may transform it. */
    int frameLength(int payloadLength) {
        if (payloadLength < 0) {
            throw new IllegalArgumentException("negative payload length " + payloadLength);
        }
        long longest = extension == null ? payloadLength
                : Math.max(payloadLength, extension.maxEncodedLength(payloadLength));
        if (longest > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a frame of " + payloadLength + " payload bytes exceeds 2 GiB");
        }
        return exactFrameLength((int) longest);
    }

    private int exactFrameLength(int payloadLength) {
        return plainFrameLength(client, payloadLength);
    }

    /** The bytes of a frame with this payload length, sent unchanged by a client ({@code client}) or a server. */
    static int plainFrameLength(boolean client, int payloadLength) {
        if (payloadLength < 0) {
            throw new IllegalArgumentException("negative payload length " + payloadLength);
        }
        long total = (long) headerLength(client, payloadLength) + payloadLength;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a frame of " + payloadLength + " payload bytes exceeds 2 GiB");
        }
        return (int) total;
    }

    private int headerLength(int payloadLength) {
        return headerLength(client, payloadLength);
    }

    private static int headerLength(boolean client, int payloadLength) {
        int len = 2;
        if (payloadLength > Frames.MAX_16BIT_PAYLOAD) {
            len += 8;
        } else if (payloadLength > Frames.MAX_CONTROL_PAYLOAD) {
            len += 2;
        }
        return client ? len + Frames.MASK_KEY_BYTES : len;
    }

    void encodeData(PayloadType type, boolean finalFragment, ByteBuffer payload, ByteBuffer out) {
        int opcode = dataOpcode(type);
        if (type != PayloadType.CONTINUATION) {
            transformed = extension != null && extension.begin(type == PayloadType.TEXT ? MessageType.TEXT
                    : MessageType.BINARY, payload.remaining(), finalFragment);
        }
        if (transformed) {
            writeTransformedFrame(finalFragment, opcode, opcode == Frames.CONTINUATION ? 0 : rsvBits, payload, out);
        } else {
            writeFrame(finalFragment, opcode, payload, out);
        }
        messageOpen = !finalFragment;
        dataEncoded = true;
        if (finalFragment) {
            transformed = false;
        }
    }

    /**
     * Writes the header of a data frame whose payload follows unchanged, if this side sends payloads unchanged: a
     * server without an extension.
     *
     * @return the header's length, or -1 (nothing written) for a client or with an extension negotiated
     */
    int encodeDataHeader(PayloadType type, boolean finalFragment, int payloadLength, ByteBuffer out) {
        if (client || extension != null) {
            return -1;
        }
        int opcode = dataOpcode(type);
        if (payloadLength < 0) {
            throw new IllegalArgumentException("negative payload length " + payloadLength);
        }
        int length = headerLength(payloadLength);
        if (out.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        if (out.remaining() < length) {
            throw new IllegalArgumentException("the output has " + out.remaining() + " bytes left, the header of "
                    + Frames.name(opcode) + " frame needs " + length);
        }
        writeHeader(finalFragment, 0, opcode, payloadLength, out);
        messageOpen = !finalFragment;
        dataEncoded = true;
        return length;
    }

    /** The opcode of a data frame of {@code type}, if it may be sent now (the frames before it allow it). */
    private int dataOpcode(PayloadType type) {
        Objects.requireNonNull(type, "type");
        if (closed) {
            throw new IllegalStateException("a close frame was sent: no data frame may follow");
        }
        if (type == PayloadType.CONTINUATION) {
            if (!messageOpen) {
                throw new IllegalStateException("a CONTINUATION frame needs an unfinished message to continue");
            }
            return Frames.CONTINUATION;
        }
        if (messageOpen) {
            throw new IllegalStateException("a fragmented message is unfinished: send CONTINUATION frames up to"
                    + " the final one before a new " + type + " message");
        }
        return type == PayloadType.TEXT ? Frames.TEXT : Frames.BINARY;
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
        if (extension != null) {
            extension.release();
        }
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

    /**
     * Writes a data frame whose payload the extension transforms: the transformed bytes go into {@code out} after
     * room for the header of the longest possible payload; the real header is then written at the frame's start and
     * the payload moved down to follow it if that header is shorter; a client masks the payload in place last.
     */
    private void writeTransformedFrame(boolean fin, int opcode, int rsv, ByteBuffer payload, ByteBuffer out) {
        int n = payload.remaining();
        int total = frameLength(n);
        if (out.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        if (out.remaining() < total) {
            throw new IllegalArgumentException("the output has " + out.remaining() + " bytes left, the "
                    + Frames.name(opcode) + " frame needs up to " + total);
        }
        int start = out.position();
        int longest = Math.max(n, extension.maxEncodedLength(n));
        int payloadStart = start + headerLength(longest);
        ByteBuffer dst = out.duplicate();
        dst.limit(start + total).position(payloadStart);
        extension.encode(payload, fin, dst);
        if (payload.hasRemaining()) {
            throw new IllegalStateException("the extension's encoder left " + payload.remaining() + " bytes");
        }
        int len = dst.position() - payloadStart;
        int header = headerLength(len);
        int at = start + header;
        if (at != payloadStart) {
            moveDown(out, payloadStart, at, len);
        }
        out.position(start);
        int key = writeHeader(fin, rsv, opcode, len, out);
        if (client) {
            Masking.unmaskInPlace(out, at, len, key, 0);
        }
        out.position(at + len);
    }

    /** Moves {@code len} bytes of {@code buf} from {@code from} down to {@code to} (lower), absolute indexes. */
    private static void moveDown(ByteBuffer buf, int from, int to, int len) {
        if (buf.hasArray()) {
            byte[] a = buf.array();
            System.arraycopy(a, buf.arrayOffset() + from, a, buf.arrayOffset() + to, len);
        } else {
            for (int i = 0; i < len; i++) {
                buf.put(to + i, buf.get(from + i)); // ascending: safe, the target lies below the source
            }
        }
    }

    /**
     * Writes a frame header at {@code out}'s position: first byte, length, and for a client a fresh masking key.
     *
     * @return the masking key (0 for a server)
     */
    private int writeHeader(boolean fin, int rsv, int opcode, int n, ByteBuffer out) {
        int maskBit = client ? Frames.MASK : 0;
        out.put((byte) ((fin ? Frames.FIN : 0) | rsv | opcode));
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
        if (!client) {
            return 0;
        }
        int key = maskSource.getAsInt();
        out.put((byte) (key >>> 24));
        out.put((byte) (key >>> 16));
        out.put((byte) (key >>> 8));
        out.put((byte) key);
        return key;
    }

    private void writeFrame(boolean fin, int opcode, ByteBuffer payload, ByteBuffer out) {
        int n = payload.remaining();
        int total = exactFrameLength(n);
        if (out.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        if (out.remaining() < total) {
            throw new IllegalArgumentException("the output has " + out.remaining() + " bytes left, the "
                    + Frames.name(opcode) + " frame needs " + total);
        }
        int key = writeHeader(fin, 0, opcode, n, out);
        if (client) {
            int at = out.position();
            Masking.maskCopy(payload, payload.position(), out, at, n, key);
            out.position(at + n);
            payload.position(payload.limit());
        } else {
            out.put(payload);
        }
    }
}
