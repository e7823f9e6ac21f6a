package net.websocket.runtime.internal;

import java.lang.System.Logger.Level;
import java.nio.channels.SocketChannel;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the paths taken when file descriptors have run out would otherwise set up on first use, done once per process
 * when a server starts, while descriptors are there. Set up for the first time without descriptors, it fails, and a
 * class whose initialisation or loading failed stays broken for the life of the process (for every class that
 * refers to it): had no socket been closed before, NIO could close none again (its closing machinery holds a
 * descriptor of its own), so every descriptor would leak; had nothing been logged before, the JDK's default log
 * formatter could print no line (it reads the time zone rules from a file); and a class of ours first needed then
 * could not be loaded from a class directory (from a jar, which stays open, it can).
 */
final class FailurePathWarmup {

    /** The runtime's classes the accept and loop failure paths use, loaded with this class. */
    private static final Class<?>[] FAILURE_PATH = {QuietLog.class, Logs.class, ReportThrottle.class,
        IoLoop.Timer.class};

    private static final AtomicBoolean DONE = new AtomicBoolean();

    private FailurePathWarmup() {
    }

    /** Sets up, once per process, NIO's closing of sockets and what logging needs; failures are ignored. */
    static void run() {
        if (!DONE.compareAndSet(false, true)) {
            return;
        }
        try {
            SocketChannel.open().close();
        } catch (Throwable ignored) {
            // closing will be set up when first needed
        }
        try {
            Logs.IO.isLoggable(Level.WARNING);
            Logs.SERVER.isLoggable(Level.WARNING);
            ZoneId.systemDefault().getRules();
        } catch (Throwable ignored) {
            // logging will be set up when first needed
        }
    }
}
