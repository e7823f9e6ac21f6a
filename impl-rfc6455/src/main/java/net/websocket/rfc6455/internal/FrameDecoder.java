package net.websocket.rfc6455.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import net.websocket.api.CloseCodes;
import net.websocket.api.MessageType;
import net.websocket.api.codec.Utf8;
import net.websocket.api.spi.Extension;
import net.websocket.api.spi.ExtensionDecoder;
import net.websocket.api.spi.ExtensionException;
import net.websocket.api.spi.FrameSink;

/**
 * The receiving half of the RFC 6455 framing protocol (sections 5 and 7): an explicit state machine that accepts its
 * input split at any byte. Header bytes are taken one at a time into a few fields; data payloads are unmasked in
 * place in the input (when it is writable) and handed to the sink as they arrive, never buffered; a control payload
 * (at most 125 bytes) is handed over the same way when it is whole in one input, and gathered in a small array until
 * complete when it is cut between inputs. Text is validated as UTF-8 as it arrives, so invalid text fails at its
 * first bad byte.
 *
 * <p>Every violation ends the input with {@link FrameSink#onProtocolError}: 1002 for framing errors, 1007 for
 * invalid UTF-8 (in text or a close reason), 1009 for a data frame or message over the configured limits, reported
 * as soon as the header announces its length and before any of its payload is read. Control frames are bounded by
 * the protocol (125 bytes) and not by the configured limits.
 *
 * <p>With an agreed {@link Extension}, its reserved bits may be set on the first frame of a data message (other
 * reserved bits, and any on continuation or control frames, fail with 1002). A message its decoder takes is restored
 * piece by piece as the frames arrive, into a bounded buffer: the message limit then applies to the restored size,
 * checked after every chunk, so the message fails with 1009 once it would grow past the limit and at most one chunk
 * more than the limit is ever restored; text is validated as restored UTF-8. The frame limit still applies to the
 * bytes on the wire. The wire size of a transformed message is not limited beyond that (as with empty frames,
 * a peer can only make the message last longer, not make it bigger).
 */
final class FrameDecoder {

    // States: where in a frame the next input byte belongs.
    private static final int FIRST_BYTE = 0;
    private static final int SECOND_BYTE = 1;
    private static final int EXTENDED_LENGTH = 2;
    private static final int MASK_KEY = 3;
    private static final int PAYLOAD = 4;
    private static final int DONE = 5;

    /** Bytes of the 16-bit and 64-bit extended payload lengths. */
    private static final int LENGTH_16_BYTES = 2;
    private static final int LENGTH_64_BYTES = 8;

    /**
     * The most masked payload bytes unmasked at a time from read-only input, through a scratch array (writable
     * input is unmasked in place and needs none).
     */
    private static final int READ_ONLY_PIECE = 8192;

    /** The payload of an empty frame. Zero capacity: nothing a sink does to it can change it. */
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    /** No fragmented or unfinished message is open. */
    private static final int NO_MESSAGE = -1;

    /**
     * The bytes restored by an extension per step, handed to the sink between steps. Bounds how far past the message
     * limit a restored message can get before it is refused, and the buffer held while a transformed message is
     * being received (it is dropped when the message ends).
     */
    static final int RESTORE_CHUNK = 16 * 1024;

    private final boolean expectMasked;
    private final long maxFrameSize;
    private final long maxMessageSize;
    private final byte rsvAllowed;
    private final ExtensionDecoder extension;

    // Small codes and counters (state, opcodes, header bytes left, mask offset, control length) are bytes: every
    // open connection holds a decoder, most of them idle.
    private byte state = FIRST_BYTE;

    // The frame being read.
    private boolean fin;
    private byte opcode;
    private boolean masked;
    private byte headerBytesLeft;
    private long length;
    private int maskKey;
    private byte maskOffset;
    private long remaining;

    // The data message being read.
    private byte messageOpcode = NO_MESSAGE;
    private MessageType messageType;
    private boolean firstPiece;
    private long messageSize;
    private int utf8 = Utf8.ACCEPT;

    // Extension: whether the frame being read begins a transformed message, whether the open message is one, and
    // the buffer its restored bytes go to.
    private boolean frameTransformed;
    private boolean transformed;
    private ByteBuffer restored;

    // The control frame being read, when it is cut between inputs (a whole one is read in place); made then, since
    // most control frames arrive whole and its 125 bytes would otherwise be held by every open connection.
    private byte[] control;
    private byte controlLength;

    private byte[] scratch;

    /** Whether a data frame's header was read since {@link #restingAfterControlOnly()} last asked. */
    private boolean dataRead;

    private volatile boolean finished;

    /**
     * @param server         whether this is the server side (frames must then be masked; a client's must not be)
     * @param maxFrameSize   the largest data frame payload accepted
     * @param maxMessageSize the largest data message accepted
     */
    FrameDecoder(boolean server, long maxFrameSize, long maxMessageSize) {
        this(server, maxFrameSize, maxMessageSize, null);
    }

    /**
     * @param extension the agreed extension, or {@code null}
     */
    FrameDecoder(boolean server, long maxFrameSize, long maxMessageSize, Extension extension) {
        this.expectMasked = server;
        this.maxFrameSize = maxFrameSize;
        this.maxMessageSize = maxMessageSize;
        this.rsvAllowed = extension == null ? 0 : (byte) (extension.rsvBits() & Frames.RSV);
        this.extension = extension == null ? null : extension.decoder();
    }

    /** Whether a close frame arrived or the input broke the protocol. */
    boolean finished() {
        return finished;
    }

    /**
     * Whether it is between frames with no message open and not finished, and only control frames were read since the
     * last time this was asked: a new decoder would then read what follows the same way, so this one need not be
     * kept (nor its control frame array).
     */
    boolean restingAfterControlOnly() {
        boolean data = dataRead;
        dataRead = false;
        return !data && state == FIRST_BYTE && messageOpcode == NO_MESSAGE && extension == null;
    }

    /** Consumes all of {@code in}, reporting to {@code sink}. */
    void decode(ByteBuffer in, FrameSink sink) {
        while (true) {
            switch (state) {
                case FIRST_BYTE -> {
                    if (!in.hasRemaining()) {
                        return;
                    }
                    firstByte(in.get(), sink);
                }
                case SECOND_BYTE -> {
                    if (!in.hasRemaining()) {
                        return;
                    }
                    secondByte(in.get(), sink);
                }
                case EXTENDED_LENGTH -> {
                    if (!in.hasRemaining()) {
                        return;
                    }
                    length = (length << 8) | (in.get() & 0xFF);
                    if (--headerBytesLeft == 0) {
                        lengthKnown(sink);
                    }
                }
                case MASK_KEY -> {
                    if (!in.hasRemaining()) {
                        return;
                    }
                    maskKey = (maskKey << 8) | (in.get() & 0xFF);
                    if (--headerBytesLeft == 0) {
                        headerDone(sink);
                    }
                }
                case PAYLOAD -> {
                    if (!in.hasRemaining()) {
                        return;
                    }
                    if (Frames.isControl(opcode)) {
                        controlPayload(in, sink);
                    } else {
                        dataPayload(in, sink);
                    }
                }
                default -> {
                    in.position(in.limit());
                    return;
                }
            }
        }
    }

    private void firstByte(byte b, FrameSink sink) {
        fin = (b & Frames.FIN) != 0;
        opcode = (byte) (b & Frames.OPCODE);
        int rsv = b & Frames.RSV;
        if ((rsv & ~rsvAllowed) != 0) {
            fail(sink, CloseCodes.PROTOCOL_ERROR, "reserved bits RSV1-3 are 0x" + Integer.toHexString(rsv)
                    + " in a " + Frames.name(opcode) + " frame, but " + (rsvAllowed == 0
                    ? "no extension was negotiated" : "the negotiated extension uses only 0x"
                    + Integer.toHexString(rsvAllowed)));
            return;
        }
        switch (opcode) {
            case Frames.CONTINUATION -> {
                if (messageOpcode == NO_MESSAGE) {
                    fail(sink, CloseCodes.PROTOCOL_ERROR, "continuation frame without a message to continue");
                    return;
                }
            }
            case Frames.TEXT, Frames.BINARY -> {
                if (messageOpcode != NO_MESSAGE) {
                    fail(sink, CloseCodes.PROTOCOL_ERROR, Frames.name(opcode)
                            + " frame while a fragmented message is unfinished (expected a continuation frame)");
                    return;
                }
            }
            case Frames.CLOSE, Frames.PING, Frames.PONG -> {
                if (!fin) {
                    fail(sink, CloseCodes.PROTOCOL_ERROR, "fragmented " + Frames.name(opcode) + " frame");
                    return;
                }
            }
            default -> {
                fail(sink, CloseCodes.PROTOCOL_ERROR, "frame with " + Frames.name(opcode));
                return;
            }
        }
        if (rsv != 0 && (opcode == Frames.CONTINUATION || Frames.isControl(opcode))) {
            fail(sink, CloseCodes.PROTOCOL_ERROR, "reserved bits 0x" + Integer.toHexString(rsv) + " in a "
                    + Frames.name(opcode) + " frame: the extension marks only the first frame of a data message");
            return;
        }
        if (opcode == Frames.TEXT || opcode == Frames.BINARY) {
            frameTransformed = extension != null
                    && extension.begin(opcode == Frames.TEXT ? MessageType.TEXT : MessageType.BINARY, rsv);
            if (rsv != 0 && !frameTransformed) {
                fail(sink, CloseCodes.PROTOCOL_ERROR, "reserved bits 0x" + Integer.toHexString(rsv)
                        + " in a " + Frames.name(opcode) + " frame that the extension does not take");
                return;
            }
        }
        state = SECOND_BYTE;
    }

    private void secondByte(byte b, FrameSink sink) {
        masked = (b & Frames.MASK) != 0;
        if (masked != expectMasked) {
            fail(sink, CloseCodes.PROTOCOL_ERROR, expectMasked ? "frame from the client is not masked"
                    : "frame from the server is masked");
            return;
        }
        int len = b & Frames.LENGTH;
        if (len == Frames.LENGTH_16) {
            length = 0;
            headerBytesLeft = LENGTH_16_BYTES;
            state = EXTENDED_LENGTH;
        } else if (len == Frames.LENGTH_64) {
            length = 0;
            headerBytesLeft = LENGTH_64_BYTES;
            state = EXTENDED_LENGTH;
        } else {
            length = len;
            lengthKnown(sink);
        }
    }

    private void lengthKnown(FrameSink sink) {
        if (length < 0) {
            fail(sink, CloseCodes.PROTOCOL_ERROR, "64-bit payload length has its most significant bit set");
            return;
        }
        if (Frames.isControl(opcode)) {
            // Judged by the length itself: a non-minimal 16- or 64-bit form of a short length is allowed.
            if (length > Frames.MAX_CONTROL_PAYLOAD) {
                fail(sink, CloseCodes.PROTOCOL_ERROR, Frames.name(opcode) + " frame payload of " + length
                        + " bytes is longer than " + Frames.MAX_CONTROL_PAYLOAD);
                return;
            }
            if (opcode == Frames.CLOSE && length == 1) {
                fail(sink, CloseCodes.PROTOCOL_ERROR, "close frame payload of 1 byte (a status code takes 2)");
                return;
            }
        } else {
            if (length > maxFrameSize) {
                fail(sink, CloseCodes.MESSAGE_TOO_BIG, "frame payload of " + length
                        + " bytes exceeds the limit of " + maxFrameSize);
                return;
            }
            long before = opcode == Frames.CONTINUATION ? messageSize : 0;
            boolean restoredLater = opcode == Frames.CONTINUATION ? transformed : frameTransformed;
            if (!restoredLater && length > maxMessageSize - before) {
                fail(sink, CloseCodes.MESSAGE_TOO_BIG, "message of " + before + " + " + length
                        + " bytes exceeds the limit of " + maxMessageSize);
                return;
            }
        }
        if (masked) {
            maskKey = 0;
            headerBytesLeft = Frames.MASK_KEY_BYTES;
            state = MASK_KEY;
        } else {
            headerDone(sink);
        }
    }

    private void headerDone(FrameSink sink) {
        remaining = length;
        maskOffset = 0;
        state = PAYLOAD;
        if (Frames.isControl(opcode)) {
            controlLength = 0;
            if (remaining == 0) {
                controlDone(EMPTY, sink);
            }
            return;
        }
        dataRead = true;
        if (opcode != Frames.CONTINUATION) {
            messageOpcode = opcode;
            messageType = opcode == Frames.TEXT ? MessageType.TEXT : MessageType.BINARY;
            firstPiece = true;
            messageSize = 0;
            utf8 = Utf8.ACCEPT;
            transformed = frameTransformed;
        }
        if (transformed) {
            if (remaining == 0) {
                state = FIRST_BYTE;
                if (fin) {
                    restore(EMPTY, true, sink);
                }
            }
            return;
        }
        messageSize += length;
        if (remaining == 0) {
            state = FIRST_BYTE;
            if (fin) {
                // An empty final frame still ends the message; an empty non-final one says nothing.
                deliver(EMPTY, sink);
            }
        }
    }

    private void dataPayload(ByteBuffer in, FrameSink sink) {
        int pos = in.position();
        int n = (int) Math.min(remaining, in.remaining());
        ByteBuffer piece;
        if (!masked) {
            piece = in.slice(pos, n);
        } else if (!in.isReadOnly()) {
            maskOffset = (byte) Masking.unmaskInPlace(in, pos, n, maskKey, maskOffset);
            piece = in.slice(pos, n);
        } else {
            // Read-only input cannot be unmasked in place: unmask a bounded piece at a time into a scratch array.
            n = Math.min(n, READ_ONLY_PIECE);
            if (scratch == null) {
                scratch = new byte[READ_ONLY_PIECE];
            }
            in.get(pos, scratch, 0, n);
            maskOffset = (byte) Masking.unmaskInPlace(scratch, 0, n, maskKey, maskOffset);
            piece = ByteBuffer.wrap(scratch, 0, n);
        }
        remaining -= n;
        if (transformed) {
            in.position(pos + n);
            if (remaining == 0) {
                state = FIRST_BYTE;
            }
            restore(piece, remaining == 0 && fin, sink);
            return;
        }
        if (messageOpcode == Frames.TEXT) {
            utf8 = Utf8.validate(piece, 0, n, utf8);
            if (utf8 == Utf8.REJECT) {
                fail(sink, CloseCodes.INVALID_PAYLOAD, "text message is not valid UTF-8");
                return;
            }
        }
        in.position(pos + n);
        if (remaining == 0) {
            state = FIRST_BYTE;
            deliver(piece, sink);
        } else {
            sendPiece(piece, false, sink);
        }
    }

    /** Delivers the last piece of a frame, which ends the message if the frame is final. */
    private void deliver(ByteBuffer piece, FrameSink sink) {
        if (!fin) {
            sendPiece(piece, false, sink);
            return;
        }
        if (messageOpcode == Frames.TEXT && utf8 != Utf8.ACCEPT) {
            fail(sink, CloseCodes.INVALID_PAYLOAD, "text message ends inside a UTF-8 sequence");
            return;
        }
        messageOpcode = NO_MESSAGE;
        sendPiece(piece, true, sink);
    }

    /**
     * Passes a piece of a transformed message through the extension's decoder, a bounded chunk at a time, checking
     * the restored size against the message limit and the restored text as UTF-8 after every chunk.
     */
    private void restore(ByteBuffer piece, boolean end, FrameSink sink) {
        if (restored == null) {
            restored = ByteBuffer.allocate(RESTORE_CHUNK);
        }
        while (true) {
            long room = maxMessageSize - messageSize;
            restored.clear();
            if (room < restored.capacity()) {
                restored.limit((int) room + 1); // one byte more than allowed tells that the limit is exceeded
            }
            boolean done;
            try {
                done = extension.decode(piece, end, restored);
            } catch (ExtensionException e) {
                fail(sink, e.closeCode(), "the extension cannot restore the message: " + e.getMessage());
                return;
            }
            restored.flip();
            int n = restored.remaining();
            // The bytes within the limit are judged first, so that the first fault in the message decides the
            // close code, however the input was split.
            int within = (int) Math.min(n, room);
            if (messageOpcode == Frames.TEXT && within > 0) {
                utf8 = Utf8.validate(restored, 0, within, utf8);
                if (utf8 == Utf8.REJECT) {
                    fail(sink, CloseCodes.INVALID_PAYLOAD, "text message is not valid UTF-8");
                    return;
                }
            }
            if (n > room) {
                fail(sink, CloseCodes.MESSAGE_TOO_BIG, "message restored by the extension exceeds the limit of "
                        + maxMessageSize + " bytes");
                return;
            }
            messageSize += n;
            if (done && end) {
                if (messageOpcode == Frames.TEXT && utf8 != Utf8.ACCEPT) {
                    fail(sink, CloseCodes.INVALID_PAYLOAD, "text message ends inside a UTF-8 sequence");
                    return;
                }
                messageOpcode = NO_MESSAGE;
                transformed = false;
                ByteBuffer last = restored;
                restored = null; // not kept between messages
                sendPiece(last, true, sink);
                return;
            }
            if (n > 0) {
                sendPiece(restored, false, sink);
            }
            if (done) {
                return;
            }
        }
    }

    private void sendPiece(ByteBuffer piece, boolean last, FrameSink sink) {
        boolean first = firstPiece;
        firstPiece = false;
        sink.onData(messageType, piece, first, last);
    }

    private void controlPayload(ByteBuffer in, FrameSink sink) {
        int n = (int) Math.min(remaining, in.remaining());
        if (controlLength == 0 && n == remaining && !in.isReadOnly()) {
            // the whole payload is in this input: unmasked in place and handed over as a view of it, as data is
            int pos = in.position();
            if (masked) {
                Masking.unmaskInPlace(in, pos, n, maskKey, 0);
            }
            in.position(pos + n);
            remaining = 0;
            controlDone(in.slice(pos, n), sink);
            return;
        }
        // cut between inputs (or read-only): gathered in a small array until whole
        if (control == null) {
            control = new byte[Frames.MAX_CONTROL_PAYLOAD];
        }
        in.get(control, controlLength, n);
        if (masked) {
            maskOffset = (byte) Masking.unmaskInPlace(control, controlLength, n, maskKey, maskOffset);
        }
        controlLength += n;
        remaining -= n;
        if (remaining == 0) {
            controlDone(ByteBuffer.wrap(control, 0, controlLength).slice(), sink);
        }
    }

    /** A whole control frame's payload, from its position 0 to its limit. */
    private void controlDone(ByteBuffer payload, FrameSink sink) {
        state = FIRST_BYTE;
        switch (opcode) {
            case Frames.PING -> sink.onPing(payload);
            case Frames.PONG -> sink.onPong(payload);
            default -> closeFrame(payload, sink);
        }
    }

    private void closeFrame(ByteBuffer payload, FrameSink sink) {
        int length = payload.remaining();
        if (length == 0) {
            finish();
            sink.onClose(CloseCodes.NO_STATUS, "");
            return;
        }
        int code = ((payload.get(0) & 0xFF) << 8) | (payload.get(1) & 0xFF);
        if (!CloseCodes.isValidOnWire(code)) {
            fail(sink, CloseCodes.PROTOCOL_ERROR, "close frame with status code " + code
                    + ", which may not be sent");
            return;
        }
        int reasonLength = length - 2;
        if (Utf8.validate(payload, 2, reasonLength, Utf8.ACCEPT) != Utf8.ACCEPT) {
            fail(sink, CloseCodes.INVALID_PAYLOAD, "close reason is not valid UTF-8");
            return;
        }
        byte[] reasonBytes = new byte[reasonLength];
        payload.get(2, reasonBytes);
        String reason = new String(reasonBytes, StandardCharsets.UTF_8);
        finish();
        sink.onClose(code, reason);
    }

    private void finish() {
        state = DONE;
        finished = true;
        restored = null;
        if (extension != null) {
            extension.release();
        }
    }

    private void fail(FrameSink sink, int closeCode, String message) {
        finish();
        sink.onProtocolError(closeCode, message);
    }
}
