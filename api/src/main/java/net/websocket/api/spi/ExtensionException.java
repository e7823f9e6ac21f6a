package net.websocket.api.spi;

import net.websocket.api.CloseCodes;

/**
 * An extension refused its input: received data it cannot restore (the connection then fails with
 * {@link #closeCode()}), or, on the client side of a handshake, a response it cannot agree to (the handshake then
 * fails).
 */
public class ExtensionException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The status the connection is closed with. */
    private final int closeCode;

    /**
     * An error that closes the connection with {@link CloseCodes#PROTOCOL_ERROR}.
     *
     * @param message what was wrong
     */
    public ExtensionException(String message) {
        this(CloseCodes.PROTOCOL_ERROR, message);
    }

    /**
     * An error that closes the connection with {@code closeCode}.
     *
     * @param closeCode the status to close the connection with, e.g. {@link CloseCodes#INVALID_PAYLOAD} for data
     *                  that does not decompress
     * @param message   what was wrong
     */
    public ExtensionException(int closeCode, String message) {
        super(message);
        this.closeCode = closeCode;
    }

    /** {@return the status the connection is closed with} */
    public int closeCode() {
        return closeCode;
    }
}
