package net.websocket.api;

/**
 * The peer broke the WebSocket protocol (a malformed or forbidden frame, invalid UTF-8 in a text message, a frame or
 * message over the limit). The runtime has answered with a close frame carrying {@link #closeCode()} and is closing
 * the connection.
 *
 * <p>Whether the application hears of it is the runtime's error policy: by default such errors only close the
 * connection; when protocol errors are propagated, a {@link Listener} receives this exception in
 * {@link Listener#onError} and a {@link Handler}'s blocking receive throws it instead of returning end of stream.
 *
 * <p>Since API 1.0.0.
 */
public class ProtocolException extends WebSocketException {
    private static final long serialVersionUID = 1L;

    /** The code of the close frame sent in answer. */
    private final int closeCode;

    /**
     * @param closeCode the code of the close frame sent in answer, e.g. {@link CloseCodes#PROTOCOL_ERROR},
     *                  {@link CloseCodes#INVALID_PAYLOAD} or {@link CloseCodes#MESSAGE_TOO_BIG}
     * @param message   what was wrong
     */
    public ProtocolException(int closeCode, String message) {
        super(message);
        this.closeCode = closeCode;
    }

    /** {@return the code of the close frame the runtime answered the error with} */
    public int closeCode() {
        return closeCode;
    }
}
