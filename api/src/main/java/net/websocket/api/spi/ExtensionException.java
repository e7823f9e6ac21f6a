package net.websocket.api.spi;

import net.websocket.api.CloseCodes;

/**
 * An extension refused its input: received data it cannot restore (the connection then fails with
 * {@link #closeCode()}), or, on the client side of a handshake, a response it cannot agree to (the handshake then
 * fails).
 */
public class ExtensionException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int closeCode;

    /** An error that closes the connection with {@link CloseCodes#PROTOCOL_ERROR}. */
    public ExtensionException(String message) {
        this(CloseCodes.PROTOCOL_ERROR, message);
    }

    /**
     * @param closeCode the status to close the connection with, e.g. {@link CloseCodes#INVALID_PAYLOAD} for data
     *                  that does not decompress
     */
    public ExtensionException(int closeCode, String message) {
        super(message);
        this.closeCode = closeCode;
    }

    /** The status the connection is closed with. */
    public int closeCode() {
        return closeCode;
    }
}
