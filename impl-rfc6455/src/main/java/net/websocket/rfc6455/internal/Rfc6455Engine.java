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
 * <p>An extension agreed in the handshake (at most one) transforms messages: its decoder in the decoding half, its
 * encoder in the encoding half. The decoder is released when the input ends (close frame or protocol error), the
 * encoder when the close frame is written; a connection dropped without a closing handshake leaves them to the
 * garbage collector.
 */
public final class Rfc6455Engine implements FrameEngine {

    private final FrameDecoder decoder;
    private final FrameEncoder encoder;

    private final Extension extension;

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
        Objects.requireNonNull(config, "config");
        this.extension = extension;
        this.decoder = new FrameDecoder(!config.isClient(), config.maxFrameSize(), config.maxMessageSize(),
                extension);
        this.encoder = new FrameEncoder(config.isClient(), config.maskSource(), extension);
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
        decoder.decode(in, sink);
    }

    @Override
    public boolean inputClosed() {
        return decoder.finished();
    }

    @Override
    public int frameLength(int payloadLength) {
        return encoder.frameLength(payloadLength);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code out} has too little room (nothing is written then)
     */
    @Override
    public void encodeData(PayloadType type, boolean finalFragment, ByteBuffer payload, ByteBuffer out) {
        encoder.encodeData(type, finalFragment, payload, out);
    }

    @Override
    public int encodeDataHeader(PayloadType type, boolean finalFragment, int payloadLength, ByteBuffer out) {
        return encoder.encodeDataHeader(type, finalFragment, payloadLength, out);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the payload exceeds 125 bytes or {@code out} has too little room
     * @throws IllegalStateException    if a close frame was sent
     */
    @Override
    public void encodePing(ByteBuffer payload, ByteBuffer out) {
        encoder.encodePing(payload, out);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the payload exceeds 125 bytes or {@code out} has too little room
     * @throws IllegalStateException    if a close frame was sent
     */
    @Override
    public void encodePong(ByteBuffer payload, ByteBuffer out) {
        encoder.encodePong(payload, out);
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
        encoder.encodeClose(code, reason, out);
    }

    @Override
    public boolean outputClosed() {
        return encoder.closed();
    }

    @Override
    public String toString() {
        return "RFC 6455 engine (input " + (inputClosed() ? "closed" : "open") + ", output "
                + (outputClosed() ? "closed" : "open") + (extension == null ? "" : ", extension "
                + extension.parameters()) + ")";
    }
}
