package net.websocket.jakarta.internal;

/**
 * The defaults of a Jakarta container, as its {@code WebSocketContainer} getters and setters show them (Jakarta
 * WebSocket 2.1, the Javadoc of {@link jakarta.websocket.WebSocketContainer}): the value set on the container, or,
 * where none was, what the runtime beneath it has. Both containers, server and client, keep theirs in one of these.
 */
public final class ContainerDefaults {

    private volatile long asyncSendTimeout;
    private volatile long sessionIdleTimeout;
    private volatile int maxTextMessageBufferSize = -1;
    private volatile int maxBinaryMessageBufferSize = -1;
    private volatile long runtimeMaxMessageSize;
    private volatile long runtimeIdleTimeout;

    /**
     * Defaults over a runtime's settings.
     *
     * @param runtimeMaxMessageSize the runtime's message size limit: the buffer sizes where none was set
     * @param runtimeIdleTimeout    the runtime's idle timeout in milliseconds, reported where none was set (0: none
     *                              reported, the runtime's stays in force)
     */
    public ContainerDefaults(long runtimeMaxMessageSize, long runtimeIdleTimeout) {
        runtime(runtimeMaxMessageSize, runtimeIdleTimeout);
    }

    /**
     * The runtime's settings changed (a server container has started on its options).
     *
     * @param maxMessageSize the runtime's message size limit
     * @param idleTimeout    its idle timeout in milliseconds
     */
    public void runtime(long maxMessageSize, long idleTimeout) {
        runtimeMaxMessageSize = maxMessageSize;
        runtimeIdleTimeout = idleTimeout;
    }

    /** {@return the async send timeout in milliseconds} */
    public long asyncSendTimeout() {
        return asyncSendTimeout;
    }

    /** @param millis the async send timeout */
    public void asyncSendTimeout(long millis) {
        asyncSendTimeout = millis;
    }

    /** {@return the session idle timeout set on the container, in milliseconds; 0 or less if none was} */
    public long sessionIdleTimeoutSet() {
        return sessionIdleTimeout;
    }

    /** {@return the session idle timeout set, else the runtime's} */
    public long sessionIdleTimeout() {
        long set = sessionIdleTimeout;
        return set > 0 ? set : runtimeIdleTimeout;
    }

    /** @param millis the session idle timeout */
    public void sessionIdleTimeout(long millis) {
        sessionIdleTimeout = millis;
    }

    /** {@return the binary buffer size set, else the runtime's message size limit} */
    public int maxBinaryMessageBufferSize() {
        return orLimit(maxBinaryMessageBufferSize);
    }

    /** @param max the binary buffer size */
    public void maxBinaryMessageBufferSize(int max) {
        maxBinaryMessageBufferSize = max;
    }

    /** {@return the text buffer size set, else the runtime's message size limit} */
    public int maxTextMessageBufferSize() {
        return orLimit(maxTextMessageBufferSize);
    }

    /** @param max the text buffer size */
    public void maxTextMessageBufferSize(int max) {
        maxTextMessageBufferSize = max;
    }

    private int orLimit(int set) {
        return set > 0 ? set : (int) Math.min(Integer.MAX_VALUE, runtimeMaxMessageSize);
    }
}
