package net.websocket.deflate.internal;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import net.websocket.api.CloseCodes;
import net.websocket.api.MessageType;
import net.websocket.api.spi.Extension;
import net.websocket.api.spi.ExtensionDecoder;
import net.websocket.api.spi.ExtensionException;

/**
 * Decompresses received messages (RFC 7692 section 7.2.2): a message with RSV1 on its first frame is raw DEFLATE
 * data to which {@code 00 00 ff ff} is appended at its end. Pieces are inflated as they arrive into the room the
 * engine gives, so the engine sees the inflated size grow and can stop a compression bomb at its message limit.
 * The {@link Inflater} always has a 32 KiB window, which decodes data compressed with any window up to that.
 *
 * <p>A block with BFINAL set ends a DEFLATE stream; data after it (within the message, as in section 7.2.3.4's
 * example, or in later messages) starts a new stream with an empty window, so a peer that kept referring back
 * across such a block would fail with 1007 rather than be misread. With context takeover off for the peer's
 * direction the {@link Inflater} is released after every message.
 *
 * <p>Data that does not inflate fails with 1007 (invalid frame payload data).
 */
public final class MessageInflater implements ExtensionDecoder {

    /** Appended to each message before inflating: the end of the empty stored block the sender removed. */
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};

    private static final byte[] NO_INPUT = new byte[0];

    private final boolean noContextTakeover;
    private Inflater inflater;
    private final ByteBuffer tail = ByteBuffer.wrap(TAIL);
    private boolean pendingOutput;
    /** A BFINAL block ended the stream and no data of the message has come since. */
    private boolean streamEnded;
    /** Whether the message had any compressed bytes at all. */
    private boolean anyInput;
    private boolean released;

    /**
     * @param noContextTakeover whether the peer compresses each message on its own (the inflater is then released
     *                          between messages)
     */
    public MessageInflater(boolean noContextTakeover) {
        this.noContextTakeover = noContextTakeover;
    }

    boolean noContextTakeover() {
        return noContextTakeover;
    }

    /** Whether an {@link Inflater} is held now (for tests of the memory held between messages). */
    public boolean holdsInflater() {
        return inflater != null;
    }

    @Override
    public boolean begin(MessageType type, int rsv) {
        if (released) {
            throw new IllegalStateException("released");
        }
        if ((rsv & Extension.RSV1) == 0) {
            return false;
        }
        if (inflater == null) {
            inflater = new Inflater(true);
        }
        tail.clear();
        pendingOutput = false;
        streamEnded = false;
        anyInput = false;
        return true;
    }

    @Override
    public boolean decode(ByteBuffer in, boolean endOfMessage, ByteBuffer out) throws ExtensionException {
        Inflater inf = inflater;
        if (inf == null) {
            throw new IllegalStateException("no compressed message begun");
        }
        try {
            while (true) {
                if (inf.finished()) {
                    // A BFINAL block ended the stream. What follows in the message starts a new one; if nothing
                    // does, the tail we append is not needed.
                    inf.reset();
                    pendingOutput = false;
                    streamEnded = true;
                }
                if (in.hasRemaining()) {
                    streamEnded = false;
                    anyInput = true;
                }
                // The tail completes the empty stored block the sender removed; a message without any compressed
                // bytes (which a sender should not send: it ought to be at least 00) gets none, as there is nothing
                // it could complete.
                ByteBuffer src = in.hasRemaining() ? in
                        : endOfMessage && anyInput && !streamEnded && tail.hasRemaining() ? tail : null;
                if (src == null && !pendingOutput) {
                    if (endOfMessage) {
                        endMessage();
                    }
                    return true;
                }
                if (!out.hasRemaining()) {
                    return false;
                }
                int room = out.remaining();
                int before = src == null ? 0 : src.remaining();
                if (src == null) {
                    inf.setInput(NO_INPUT);
                } else {
                    inf.setInput(src);
                }
                int n = inf.inflate(out);
                pendingOutput = n == room;
                if (inf.needsDictionary()) {
                    throw new ExtensionException(CloseCodes.INVALID_PAYLOAD,
                            "the compressed data asks for a preset dictionary");
                }
                if (n == 0 && !inf.finished() && src != null && src.remaining() == before) {
                    throw new ExtensionException(CloseCodes.INVALID_PAYLOAD,
                            "the compressed data cannot be inflated further");
                }
            }
        } catch (DataFormatException e) {
            throw new ExtensionException(CloseCodes.INVALID_PAYLOAD, "invalid compressed data: " + e.getMessage());
        } finally {
            if (inflater != null) {
                inflater.setInput(NO_INPUT); // keep no reference to the caller's buffer
            }
        }
    }

    private void endMessage() {
        if (noContextTakeover) {
            inflater.end();
            inflater = null;
        }
    }

    @Override
    public void release() {
        released = true;
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }
}
