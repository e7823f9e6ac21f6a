package net.websocket.runtime.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Logging for the paths that must outlive any failure, the logging's own included: an acceptor, an I/O loop's
 * guards. Out of file descriptors even printing a line can throw (the JDK's default formatter reads the time zone
 * rules from a file the first time it prints one, and a class whose initialisation failed stays broken), and an
 * error escaping a log call must not take down what called it: {@link #log} drops whatever the logging throws.
 * {@link FailurePathWarmup} does early, while descriptors are there, what the first line would otherwise do lazily.
 */
final class QuietLog {

    private QuietLog() {
    }

    /** Logs to the I/O loops' logger ({@link Logs#IO}); whatever the logging throws is dropped. */
    static void log(Level level, String message, Throwable error) {
        log(Logs.IO, level, message, error);
    }

    /** Logs to the I/O loops' logger ({@link Logs#IO}); whatever the logging throws is dropped. */
    static void log(Level level, String message) {
        log(Logs.IO, level, message, null);
    }

    /** Logs to {@code logger}; whatever the logging throws is dropped. */
    static void log(Logger logger, Level level, String message, Throwable error) {
        try {
            if (error == null) {
                logger.log(level, message);
            } else {
                logger.log(level, message, error);
            }
        } catch (Throwable dropped) {
            // the line is lost; whoever called goes on
        }
    }
}
