package net.websocket.rfc6455.internal;

import java.nio.ByteBuffer;
import java.util.Objects;

import net.websocket.api.MessageType;
import net.websocket.api.PayloadType;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.Extension;
import net.websocket.api.spi.FrameEngine;
import net.websocket.api.spi.FrameSink;

/**
 * The RFC 6455 {@link FrameEngine}: a {@link FrameDecoder} for input and a {@link FrameEncoder} for output, which
 * share nothing, so one thread may decode while another encodes. The role in the config decides masking: a server
 * requires masked input and writes unmasked frames, a client the reverse.
 *
 * <p>{@link #decode} unmasks payloads in place in writable input; read-only input is unmasked through a small
 * scratch array, a bounded piece at a time.
 *
 * <p>Without an extension, the decoder and the encoder exist only while they are needed: each is made for the first
 * frame and dropped again when a read (or an encode) that handled control frames only leaves it between messages.
 * A connection that sends and receives data keeps both; one that sits idle with keepalive holds neither between
 * its pings (and not the decoder's array for control payloads either). Nothing is lost: between messages, with no
 * close frame sent or received, a new decoder or encoder carries on exactly where the dropped one was.
 *
 * <p>An extension agreed in the handshake (at most one) transforms messages: its decoder in the decoding half, its
 * encoder in the encoding half. Both halves are then kept (the extension's state spans messages). The decoder is
 * released when the input ends (close frame or protocol error), the encoder when the close frame is written; a
 * connection dropped without a closing handshake leaves them to the garbage collector.
 */
public final class Rfc6455Engine implements FrameEngine {

    private final EngineConfig config;
    private final Extension extension;

    /**
     * The decoder, made for the first byte and dropped again after a read that brought control frames only and left
     * it between messages (see {@link #decode}): an idle connection with keepalive holds none. Written on the decoding
     * thread; volatile for {@link #inputClosed()} from elsewhere.
     */
    private volatile FrameDecoder decoder;
    /** The encoder, made and dropped the same way on the encoding side ({@link #encoder()}, {@link #rest}). */
    private volatile FrameEncoder encoder;

    /** An engine for the config's role and limits, without extensions. */
    public Rfc6455Engine(EngineConfig config) {
        this(config, null);
    }

    /**
     * An engine for the config's role and limits that runs an agreed extension.
     *
     * @param extension the extension agreed in the handshake, or {@code null} for none
     */
    public Rfc6455Engine(EngineConfig config, Extension extension) {
        this.config = Objects.requireNonNull(config, "config");
        this.extension = extension;
        if (extension != null) {
            // an extension's codecs hold state between messages (a compression context): made once, kept
            this.decoder = newDecoder();
            this.encoder = newEncoder();
        }
    }

    private FrameDecoder newDecoder() {
        return new FrameDecoder(!config.isClient(), config.maxFrameSize(), config.maxMessageSize(), extension);
    }

    private FrameEncoder newEncoder() {
        return new FrameEncoder(config.isClient(), config.maskSource(), extension);
    }

    /** The encoder, made if there is none (encoding thread). */
    private FrameEncoder encoder() {
        FrameEncoder e = encoder;
        if (e == null) {
            encoder = e = newEncoder();
        }
        return e;
    }

    /**
     * Drops the encoder after a control frame if it is between messages and encoded control frames only since it was
     * last asked (encoding thread): a connection that only answers keepalive keeps no encoder between the pings.
     */
    private void rest(FrameEncoder e) {
        if (extension == null && e.restingAfterControlOnly()) {
            encoder = null;
        }
    }

    /** Whether a decoder is held now (for tests of what an idle connection holds). */
    boolean holdsDecoder() {
        return decoder != null;
    }

    /** Whether an encoder is held now (for tests of what an idle connection holds). */
    boolean holdsEncoder() {
        return encoder != null;
    }

    /** The extension this engine runs, or {@code null}. */
    public Extension extension() {
        return extension;
    }

    @Override
    public boolean supportsFragmentation() {
        return true;
    }

    @Override
    public boolean supportsPayloadType(MessageType type) {
        return type == MessageType.TEXT || type == MessageType.BINARY;
    }

    @Override
    public boolean signalsStatusOnClose() {
        return true;
    }

    @Override
    public boolean supportsPing() {
        return true;
    }

    @Override
    public void decode(ByteBuffer in, FrameSink sink) {
        Objects.requireNonNull(sink, "sink");
        FrameDecoder d = decoder;
        if (d == null) {
            if (!in.hasRemaining()) {
                return;
            }
            decoder = d = newDecoder();
        }
        d.decode(in, sink);
        if (extension == null && d.restingAfterControlOnly()) {
            // nothing but control frames (a pong to our keepalive, a ping) and no message open: hold nothing
            decoder = null;
        }
    }

    @Override
    public boolean inputClosed() {
        FrameDecoder d = decoder;
        return d != null && d.finished();
    }

    @Override
    public int frameLength(int payloadLength) {
        return extension == null ? FrameEncoder.plainFrameLength(config.isClient(), payloadLength)
                : encoder.frameLength(payloadLength);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code out} has too little room (nothing is written then)
     */
    @Override
    public void encodeData(PayloadType type, boolean finalFragment, ByteBuffer payload, ByteBuffer out) {
        encoder().encodeData(type, finalFragment, payload, out);
    }

    @Override
    public int encodeDataHeader(PayloadType type, boolean finalFragment, int payloadLength, ByteBuffer out) {
        return encoder().encodeDataHeader(type, finalFragment, payloadLength, out);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the payload exceeds 125 bytes or {@code out} has too little room
     * @throws IllegalStateException    if a close frame was sent
     */
    @Override
    public void encodePing(ByteBuffer payload, ByteBuffer out) {
        FrameEncoder e = encoder();
        e.encodePing(payload, out);
        rest(e);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the payload exceeds 125 bytes or {@code out} has too little room
     * @throws IllegalStateException    if a close frame was sent
     */
    @Override
    public void encodePong(ByteBuffer payload, ByteBuffer out) {
        FrameEncoder e = encoder();
        e.encodePong(payload, out);
        rest(e);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the code may not be sent on the wire (other than
     *                                  {@link net.websocket.api.CloseCodes#NO_STATUS}, which sends none)
     * @throws IllegalStateException    if a close frame was already sent
     */
    @Override
    public void encodeClose(int code, String reason, ByteBuffer out) {
        encoder().encodeClose(code, reason, out);
    }

    @Override
    public boolean outputClosed() {
        FrameEncoder e = encoder;
        return e != null && e.closed();
    }

    @Override
    public String toString() {
        return "RFC 6455 engine (input " + (inputClosed() ? "closed" : "open") + ", output "
                + (outputClosed() ? "closed" : "open") + (extension == null ? "" : ", extension "
                + extension.parameters()) + ")";
    }
}
