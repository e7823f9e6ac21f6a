package net.websocket.hybi00.internal;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

import net.websocket.api.CloseCodes;
import net.websocket.api.MessageType;
import net.websocket.api.PayloadType;
import net.websocket.api.codec.Utf8;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameSink;

/**
 * hybi-00 framing, the same for both roles (nothing is masked).
 *
 * <p>On the wire a frame starts with a type byte. Type {@code 0x00} is a text frame: UTF-8 up to a {@code 0xFF}
 * sentinel. Other types below {@code 0x80} are sentinel frames of unknown meaning and are discarded. Types with the
 * high bit set are followed by a length in base 128 (7 bits a byte, high bit set on every byte but the last) and that
 * many bytes, which are discarded; the one exception is type {@code 0xFF} with length 0, {@code 0xFF 0x00}: the
 * closing handshake. A text frame is a whole message: there is no fragmentation, no binary, no ping, and the close
 * frame carries no status.
 *
 * <p>Limits: a text message (or a discarded sentinel frame) fails with 1009 as soon as it grows past
 * {@link EngineConfig#maxMessageSize()}; a length-prefixed frame fails with 1009 as soon as its length is known to
 * pass {@link EngineConfig#maxFrameSize()}, before any of it is read. Invalid UTF-8 fails with 1007 at the first byte
 * that cannot be part of valid text. Nothing is ever buffered.
 */
public final class Hybi00Engine extends Hybi00Frames {

    /** The type byte of a text frame. */
    static final int TEXT_FRAME = 0x00;
    /** Ends a sentinel frame; as a type byte followed by a zero length, the close frame. */
    static final int SENTINEL = 0xFF;
    /** Set in a type byte when a length follows; set in a length byte when another length byte follows. */
    private static final int HIGH_BIT = 0x80;
    private static final int SEVEN_BITS = 0x7F;
    /** A length above this cannot take another base-128 digit without overflowing a {@code long}. */
    private static final long MAX_LENGTH_BEFORE_SHIFT = (Long.MAX_VALUE - SEVEN_BITS) >> 7;
    /** The close frame: a 0xFF type with a zero length. */
    private static final int CLOSE_FRAME_LENGTH = 2;

    private enum State {
        /** Expecting a frame type byte. */
        FRAME_START,
        /** Inside a text frame, before its sentinel. */
        TEXT,
        /** Inside a sentinel frame of an unknown type, before its sentinel: bytes are dropped. */
        SKIP_TO_SENTINEL,
        /** Reading the base-128 length of a length-prefixed frame. */
        LENGTH,
        /** Inside a length-prefixed frame: bytes are dropped. */
        SKIP_LENGTH,
        /** A close frame arrived or the input failed: everything is ignored. */
        DONE
    }

    // decoder state, used by the decoding thread only
    /** The {@link Utf8} state of the text message being read. */
    private int utf8 = Utf8.ACCEPT;
    private State state = State.FRAME_START;
    private int frameType;
    /** Bytes of the current text message or discarded sentinel frame so far. */
    private long count;
    /** Whether the current text message has had no piece delivered yet. */
    private boolean firstPiece;
    /** The length being read, then the bytes of a length-prefixed frame still to drop. */
    private long length;

    public Hybi00Engine(EngineConfig config) {
        super(config);
    }

    // ------------------------------------------------------------------------------------------------ decoding

    @Override
    public void decode(ByteBuffer in, FrameSink sink) {
        while (in.hasRemaining()) {
            switch (state) {
                case FRAME_START -> startFrame(in.get() & 0xFF);
                case TEXT -> text(in, sink);
                case SKIP_TO_SENTINEL -> skipToSentinel(in, sink);
                case LENGTH -> length(in.get() & 0xFF, sink);
                case SKIP_LENGTH -> {
                    int n = (int) Math.min(length, in.remaining());
                    in.position(in.position() + n);
                    length -= n;
                    if (length == 0) {
                        state = State.FRAME_START;
                    }
                }
                case DONE -> in.position(in.limit());
                default -> throw new AssertionError(state);
            }
        }
    }

    private void startFrame(int type) {
        frameType = type;
        count = 0;
        if (type == TEXT_FRAME) {
            state = State.TEXT;
            firstPiece = true;
            utf8 = Utf8.ACCEPT;
        } else if ((type & HIGH_BIT) != 0) {
            state = State.LENGTH;
            length = 0;
        } else {
            state = State.SKIP_TO_SENTINEL;
        }
    }

    /** Delivers the text up to the sentinel or the end of the input, checking size and UTF-8 byte by byte. */
    private void text(ByteBuffer in, FrameSink sink) {
        int start = in.position();
        int end = in.limit();
        long max = config.maxMessageSize();
        for (int i = start; i < end; i++) {
            int b = in.get(i) & 0xFF;
            if (b == SENTINEL) {
                if (utf8 != Utf8.ACCEPT) {
                    fail(sink, CloseCodes.INVALID_PAYLOAD, "text message ends inside a UTF-8 character");
                    return;
                }
                in.position(i + 1);
                state = State.FRAME_START;
                sink.onData(MessageType.TEXT, in.slice(start, i - start), firstPiece, true);
                return;
            }
            if (++count > max) {
                fail(sink, CloseCodes.MESSAGE_TOO_BIG, "text message longer than " + max + " bytes");
                return;
            }
            utf8 = Utf8.step(utf8, (byte) b);
            if (utf8 == Utf8.REJECT) {
                fail(sink, CloseCodes.INVALID_PAYLOAD,
                        String.format("invalid UTF-8 in text message (byte 0x%02X)", b));
                return;
            }
        }
        in.position(end);
        if (end > start) {
            boolean first = firstPiece;
            firstPiece = false;
            sink.onData(MessageType.TEXT, in.slice(start, end - start), first, false);
        }
    }

    private void skipToSentinel(ByteBuffer in, FrameSink sink) {
        int start = in.position();
        int end = in.limit();
        long max = config.maxMessageSize();
        for (int i = start; i < end; i++) {
            if ((in.get(i) & 0xFF) == SENTINEL) {
                in.position(i + 1);
                state = State.FRAME_START;
                return;
            }
            if (++count > max) {
                fail(sink, CloseCodes.MESSAGE_TOO_BIG, String.format(
                        "frame of type 0x%02X longer than %d bytes", frameType, max));
                return;
            }
        }
        in.position(end);
    }

    private void length(int b, FrameSink sink) {
        long max = config.maxFrameSize();
        if (length > MAX_LENGTH_BEFORE_SHIFT) {
            fail(sink, CloseCodes.MESSAGE_TOO_BIG, "frame length does not fit 63 bits");
            return;
        }
        length = (length << 7) | (b & SEVEN_BITS);
        if (length > max) {
            // the length only grows with more digits, so it is too long whatever follows
            fail(sink, CloseCodes.MESSAGE_TOO_BIG, "frame length above " + max + " bytes");
            return;
        }
        if ((b & HIGH_BIT) != 0) {
            return;
        }
        if (length == 0) {
            state = State.FRAME_START;
            if (frameType == SENTINEL) {
                state = State.DONE;
                inputClosed = true;
                sink.onClose(CloseCodes.NO_STATUS, "");
            }
        } else {
            state = State.SKIP_LENGTH;
        }
    }

    /** Reports a protocol error; in the {@code DONE} state all further input is consumed and ignored. */
    private void fail(FrameSink sink, int code, String message) {
        state = State.DONE;
        inputClosed = true;
        sink.onProtocolError(code, message);
    }

    // ------------------------------------------------------------------------------------------------ encoding

    @Override
    public int frameLength(int payloadLength) {
        if (payloadLength < 0 || payloadLength > Integer.MAX_VALUE - 2) {
            throw new IllegalArgumentException("payload length out of range: " + payloadLength);
        }
        return payloadLength + 2;
    }

    /**
     * Writes a text frame. Only {@link PayloadType#TEXT} with {@code finalFragment} set can be sent; the payload must
     * be valid UTF-8 (which never contains the {@code 0xFF} sentinel).
     *
     * @throws IllegalArgumentException if the payload is not valid UTF-8
     * @throws BufferOverflowException  if {@code out} has less than {@link #frameLength} bytes remaining
     */
    @Override
    public void encodeData(PayloadType type, boolean finalFragment, ByteBuffer payload, ByteBuffer out) {
        checkSendable(type, finalFragment);
        int n = payload.remaining();
        if (out.remaining() < frameLength(n)) {
            throw new BufferOverflowException();
        }
        checkUtf8(payload);
        out.put((byte) TEXT_FRAME).put(payload).put((byte) SENTINEL);
    }

    /**
     * Writes the close frame {@code 0xFF 0x00}; hybi-00 cannot carry the code or reason, so both are dropped.
     *
     * @throws IllegalStateException if the close frame was already sent
     */
    @Override
    public void encodeClose(int code, String reason, ByteBuffer out) {
        if (outputClosed) {
            throw new IllegalStateException("the close frame was already sent");
        }
        if (out.remaining() < CLOSE_FRAME_LENGTH) {
            throw new BufferOverflowException();
        }
        out.put((byte) SENTINEL).put((byte) 0x00);
        outputClosed = true;
    }
}
