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
 * The length-prefixed framing that Racket's net/websocket calls {@code 'new} (its {@code framing-mode}), on the
 * hybi-00 handshake; the same for both roles (nothing is masked).
 *
 * <p>Every frame is one type byte, the payload's length as 8 bytes big-endian (unsigned; a length above 2^63 - 1 is
 * refused), then the payload. Type {@code 0x00} is a text message (UTF-8); type {@code 0xFF} with length 0 is the
 * close frame; a frame of any other type is read and discarded, as the sentinel framing discards frames it does not
 * know. A close frame with a payload is a protocol error (1002). Capabilities are those of hybi-00: whole text
 * messages only, no ping, a close without status.
 *
 * <p>Limits: a frame whose length is above {@link EngineConfig#maxFrameSize()}, or a text frame above
 * {@link EngineConfig#maxMessageSize()}, fails with 1009 as soon as its 8 length bytes are read, before any of its
 * payload; text is delivered in pieces as it arrives and checked for UTF-8 byte by byte (1007 at the first bad byte).
 * At most the 8 length bytes are ever held.
 */
public final class LengthPrefixedEngine extends Hybi00Frames {

    /** The type byte of a text frame. */
    static final int TEXT_FRAME = 0x00;
    /** The type byte of the close frame (with a zero length). */
    static final int CLOSE_FRAME = 0xFF;
    /** Bytes of the length after the type byte. */
    static final int LENGTH_BYTES = Long.BYTES;
    private static final int HEADER_LENGTH = 1 + LENGTH_BYTES;

    private enum State {
        /** Expecting a frame type byte. */
        TYPE,
        /** Reading the 8 length bytes. */
        LENGTH,
        /** Inside a text frame's payload. */
        TEXT,
        /** Inside the payload of a frame of another type: bytes are dropped. */
        SKIP,
        /** A close frame arrived or the input failed: everything is ignored. */
        DONE
    }

    // decoder state, used by the decoding thread only
    private State state = State.TYPE;
    private int frameType;
    private int lengthBytesRead;
    /** The length being read, then the payload bytes of the current frame still to come. */
    private long remaining;
    private int utf8 = Utf8.ACCEPT;
    private boolean firstPiece;

    public LengthPrefixedEngine(EngineConfig config) {
        super(config);
    }

    // ------------------------------------------------------------------------------------------------ decoding

    @Override
    public void decode(ByteBuffer in, FrameSink sink) {
        while (in.hasRemaining()) {
            switch (state) {
                case TYPE -> {
                    frameType = in.get() & 0xFF;
                    state = State.LENGTH;
                    lengthBytesRead = 0;
                    remaining = 0;
                }
                case LENGTH -> length(in.get() & 0xFF, sink);
                case TEXT -> text(in, sink);
                case SKIP -> {
                    int n = (int) Math.min(remaining, in.remaining());
                    in.position(in.position() + n);
                    remaining -= n;
                    if (remaining == 0) {
                        state = State.TYPE;
                    }
                }
                case DONE -> in.position(in.limit());
                default -> throw new AssertionError(state);
            }
        }
    }

    private void length(int b, FrameSink sink) {
        if (lengthBytesRead == 0 && (b & 0x80) != 0) {
            fail(sink, CloseCodes.MESSAGE_TOO_BIG, "frame length does not fit 63 bits");
            return;
        }
        remaining = (remaining << 8) | b;
        if (++lengthBytesRead < LENGTH_BYTES) {
            return;
        }
        if (remaining > config.maxFrameSize()) {
            fail(sink, CloseCodes.MESSAGE_TOO_BIG, "frame length above " + config.maxFrameSize() + " bytes");
        } else if (frameType == CLOSE_FRAME) {
            if (remaining != 0) {
                fail(sink, CloseCodes.PROTOCOL_ERROR, "close frame with a payload of " + remaining + " bytes");
                return;
            }
            state = State.DONE;
            inputClosed = true;
            sink.onClose(CloseCodes.NO_STATUS, "");
        } else if (frameType != TEXT_FRAME) {
            state = remaining == 0 ? State.TYPE : State.SKIP;
        } else if (remaining > config.maxMessageSize()) {
            fail(sink, CloseCodes.MESSAGE_TOO_BIG, "text message longer than " + config.maxMessageSize() + " bytes");
        } else if (remaining == 0) {
            state = State.TYPE;
            sink.onData(MessageType.TEXT, ByteBuffer.allocate(0), true, true);
        } else {
            state = State.TEXT;
            utf8 = Utf8.ACCEPT;
            firstPiece = true;
        }
    }

    /** Delivers the text up to the frame's end or the end of the input, checking UTF-8 byte by byte. */
    private void text(ByteBuffer in, FrameSink sink) {
        int start = in.position();
        int end = start + (int) Math.min(remaining, in.remaining());
        for (int i = start; i < end; i++) {
            utf8 = Utf8.step(utf8, in.get(i));
            if (utf8 == Utf8.REJECT) {
                fail(sink, CloseCodes.INVALID_PAYLOAD,
                        String.format("invalid UTF-8 in text message (byte 0x%02X)", in.get(i) & 0xFF));
                return;
            }
        }
        remaining -= end - start;
        boolean last = remaining == 0;
        if (last && utf8 != Utf8.ACCEPT) {
            fail(sink, CloseCodes.INVALID_PAYLOAD, "text message ends inside a UTF-8 character");
            return;
        }
        in.position(end);
        if (last) {
            state = State.TYPE;
        }
        boolean first = firstPiece;
        firstPiece = false;
        sink.onData(MessageType.TEXT, in.slice(start, end - start), first, last);
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
        if (payloadLength < 0 || payloadLength > Integer.MAX_VALUE - HEADER_LENGTH) {
            throw new IllegalArgumentException("payload length out of range: " + payloadLength);
        }
        return payloadLength + HEADER_LENGTH;
    }

    /**
     * Writes a text frame. Only {@link PayloadType#TEXT} with {@code finalFragment} set can be sent; the payload must
     * be valid UTF-8.
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
        out.put((byte) TEXT_FRAME);
        putLength(n, out);
        out.put(payload);
    }

    /**
     * Writes the close frame: type {@code 0xFF} and a zero length; the code and reason cannot be carried.
     *
     * @throws IllegalStateException if the close frame was already sent
     */
    @Override
    public void encodeClose(int code, String reason, ByteBuffer out) {
        if (outputClosed) {
            throw new IllegalStateException("the close frame was already sent");
        }
        if (out.remaining() < HEADER_LENGTH) {
            throw new BufferOverflowException();
        }
        out.put((byte) CLOSE_FRAME);
        putLength(0, out);
        outputClosed = true;
    }

    /** Writes a length as 8 bytes big-endian, whatever the buffer's byte order. */
    private static void putLength(long length, ByteBuffer out) {
        for (int shift = (LENGTH_BYTES - 1) * Byte.SIZE; shift >= 0; shift -= Byte.SIZE) {
            out.put((byte) (length >>> shift));
        }
    }
}
