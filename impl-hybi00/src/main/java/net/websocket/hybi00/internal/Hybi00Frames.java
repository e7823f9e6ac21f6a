package net.websocket.hybi00.internal;

import java.nio.ByteBuffer;

import net.websocket.api.MessageType;
import net.websocket.api.PayloadType;
import net.websocket.api.codec.Utf8;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;

/**
 * What both hybi-00 framings ({@link Hybi00Engine}, {@link LengthPrefixedEngine}) share: the capabilities (whole
 * text messages only, no ping or pong, a close without status), the checks of what may be sent, and whether each
 * direction is closed.
 */
abstract class Hybi00Frames implements FrameEngine {

    final EngineConfig config;
    /** Set by the decoding thread when a close frame arrived or the input failed. */
    volatile boolean inputClosed;
    /** Set by the encoding thread when the close frame was written. */
    volatile boolean outputClosed;

    Hybi00Frames(EngineConfig config) {
        this.config = config;
    }

    @Override
    public final boolean supportsFragmentation() {
        return false;
    }

    @Override
    public final boolean supportsPayloadType(MessageType type) {
        return type == MessageType.TEXT;
    }

    @Override
    public final boolean signalsStatusOnClose() {
        return false;
    }

    @Override
    public final boolean supportsPing() {
        return false;
    }

    @Override
    public final boolean inputClosed() {
        return inputClosed;
    }

    @Override
    public final boolean outputClosed() {
        return outputClosed;
    }

    /** @throws UnsupportedOperationException always: hybi-00 has no ping frame */
    @Override
    public final void encodePing(ByteBuffer payload, ByteBuffer out) {
        throw new UnsupportedOperationException("hybi-00 has no ping frame");
    }

    /** @throws UnsupportedOperationException always: hybi-00 has no pong frame */
    @Override
    public final void encodePong(ByteBuffer payload, ByteBuffer out) {
        throw new UnsupportedOperationException("hybi-00 has no pong frame");
    }

    /** Refuses what hybi-00 cannot send: binary, fragments, anything after the close frame. */
    final void checkSendable(PayloadType type, boolean finalFragment) {
        if (type == PayloadType.BINARY) {
            throw new UnsupportedOperationException("hybi-00 carries text only");
        }
        if (type == PayloadType.CONTINUATION || !finalFragment) {
            throw new UnsupportedOperationException("hybi-00 does not support fragmentation");
        }
        if (outputClosed) {
            throw new IllegalStateException("the close frame was already sent");
        }
    }

    /** Refuses a text payload that is not whole, valid UTF-8. */
    static void checkUtf8(ByteBuffer payload) {
        int check = Utf8.ACCEPT;
        for (int i = payload.position(); i < payload.limit(); i++) {
            check = Utf8.step(check, payload.get(i));
            if (check == Utf8.REJECT) {
                throw new IllegalArgumentException("text payload is not valid UTF-8 at offset " + i);
            }
        }
        if (check != Utf8.ACCEPT) {
            throw new IllegalArgumentException("text payload ends inside a UTF-8 character");
        }
    }
}
