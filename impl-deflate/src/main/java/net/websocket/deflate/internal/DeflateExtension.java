package net.websocket.deflate.internal;

import net.websocket.api.spi.Extension;
import net.websocket.api.spi.ExtensionParameters;

/** permessage-deflate on one connection: the agreed parameters, RSV1, and the two halves. */
public final class DeflateExtension implements Extension {

    private final ExtensionParameters parameters;
    private final MessageInflater decoder;
    private final MessageDeflater encoder;

    public DeflateExtension(ExtensionParameters parameters, MessageInflater decoder, MessageDeflater encoder) {
        this.parameters = parameters;
        this.decoder = decoder;
        this.encoder = encoder;
    }

    @Override
    public ExtensionParameters parameters() {
        return parameters;
    }

    /** RFC 7692 section 6: RSV1 marks a compressed message. */
    @Override
    public int rsvBits() {
        return RSV1;
    }

    @Override
    public MessageInflater decoder() {
        return decoder;
    }

    @Override
    public MessageDeflater encoder() {
        return encoder;
    }

    @Override
    public String toString() {
        return parameters.headerValue() + " (sending " + (encoder.huffmanOnly() ? "Huffman-only" : "LZ77")
                + (encoder.noContextTakeover() ? ", no context takeover" : ", context takeover") + "; receiving "
                + (decoder.noContextTakeover() ? "without" : "with") + " context takeover)";
    }
}
