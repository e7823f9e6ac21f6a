package net.websocket.examples.internal;

/** The command line was wrong; the message says how. The tools print it with their usage and exit with 2. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
