package net.websocket.api.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An extension agreed for one connection: the parameters both sides settled on, the reserved bits it gives meaning
 * to, and the two halves that transform messages. The SPI covers per-message extensions in the model of RFC 7692
 * section 6: a reserved bit on a data message's first frame marks a transformed message, and the whole message's
 * payload (over all its frames) is one transformed stream. Frame headers, control frames, masking and limits stay
 * the variant's business.
 *
 * <p>The {@link #decoder()} is used only by the thread that decodes and the {@link #encoder()} only by the one that
 * encodes; they must share no mutable state, since the two may run at once. Neither is thread-safe on its own.
 */
@ConsumerType
public interface Extension {

    /** The RSV1 bit of a frame's first byte. */
    int RSV1 = 0x40;
    /** The RSV2 bit of a frame's first byte. */
    int RSV2 = 0x20;
    /** The RSV3 bit of a frame's first byte. */
    int RSV3 = 0x10;

    /**
     * {@return the agreed parameters: on the server, the response element written into
     * {@code Sec-WebSocket-Extensions}; on the client, the server's response as accepted}
     */
    ExtensionParameters parameters();

    /**
     * {@return the reserved bits this extension uses ({@link #RSV1}, {@link #RSV2}, {@link #RSV3} or'ed), set only on
     * the first frame of a transformed data message} The variant refuses frames with other reserved bits, and these
     * bits on control frames and continuation frames, with 1002.
     */
    int rsvBits();

    /** {@return the receiving half} */
    ExtensionDecoder decoder();

    /** {@return the sending half} */
    ExtensionEncoder encoder();
}
