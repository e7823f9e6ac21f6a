package net.websocket.runtime.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Accepts a server's sockets on one I/O loop and hands each to the server. Accepting never ends while the server
 * runs: when it fails (out of file descriptors, EMFILE or ENFILE, or with any other exception or error, in
 * {@code accept} or in handing the socket over) accepting pauses for {@link #BACKOFF_NANOS} (the listening socket is
 * no longer selected; a timer selects it again) and then resumes. Each failure may be logged at WARNING, at most one
 * line per {@link #REPORT_INTERVAL_NANOS}, each telling how many failures went unreported since the line before; the
 * logging itself cannot fail this class ({@link QuietLog}), and the path a failure takes makes nothing that needs a
 * file descriptor. Only the loop's closing ({@link #loopClosed}, when the server stops) closes the listening socket.
 */
final class Acceptor implements IoLoop.Handler {

    /**
     * Sockets accepted per readiness event, so that a connection storm cannot starve the loop's other channels: as
     * many as the loops together take handshake steps in a round or two (see
     * {@link IoLoop#HANDSHAKE_STEPS_PER_ROUND}).
     */
    static final int ACCEPTS_PER_EVENT = 16;

    /** How long accepting pauses after it failed (e.g. out of file descriptors). */
    static final long BACKOFF_NANOS = 100_000_000L;

    /** The least time between two warnings about failed accepts. */
    static final long REPORT_INTERVAL_NANOS = 10_000_000_000L;

    private final ServerSocketChannel channel;
    private final IoLoop loop;
    private final Consumer<SocketChannel> server;
    private final BooleanSupplier running;
    private final String address;
    private final ReportThrottle reports = new ReportThrottle(REPORT_INTERVAL_NANOS);
    /** Made once, so that pausing makes no new lambda. */
    private final Runnable resume = this::resume;
    private SelectionKey key;
    private boolean paused;

    /**
     * @param channel the listening socket, non-blocking
     * @param loop    the loop that accepts
     * @param server  takes each accepted socket (loop thread); may throw, and the socket is then closed
     * @param running whether the server still runs (a failure after it stopped is no failure)
     */
    Acceptor(ServerSocketChannel channel, IoLoop loop, Consumer<SocketChannel> server, BooleanSupplier running) {
        this.channel = channel;
        this.loop = loop;
        this.server = server;
        this.running = running;
        String a;
        try {
            a = String.valueOf(channel.getLocalAddress());
        } catch (IOException e) {
            a = "?";
        }
        this.address = a;
        FailurePathWarmup.run();
    }

    /** Starts accepting (loop thread). */
    void register() throws ClosedChannelException {
        key = loop.register(channel, SelectionKey.OP_ACCEPT, this);
    }

    /** Whether accepting is paused after a failure (loop thread; tests). */
    boolean paused() {
        return paused;
    }

    @Override
    public void ready(SelectionKey k, int readyOps) {
        for (int i = 0; i < ACCEPTS_PER_EVENT; i++) {
            SocketChannel ch;
            try {
                ch = channel.accept();
            } catch (Throwable e) {
                failed(e);
                return;
            }
            if (ch == null) {
                return;
            }
            try {
                server.accept(ch);
            } catch (Throwable e) {
                closeQuietly(ch);
                failed(e);
                return;
            }
        }
    }

    /** Accepting failed: pause, resume by a timer, and perhaps say so. Never closes the listening socket. */
    @Override
    public void failed(Throwable error) {
        if (!running.getAsBoolean() || !channel.isOpen()) {
            return; // the server stops: nothing to resume
        }
        pause();
        report(error);
    }

    private void pause() {
        if (paused || key == null) {
            return;
        }
        try {
            key.interestOps(0);
        } catch (RuntimeException e) {
            return; // the key is cancelled: the server is closing
        }
        paused = true;
        try {
            loop.schedule(BACKOFF_NANOS, resume);
        } catch (Throwable e) {
            resume(); // no timer: keep accepting rather than stop for good
        }
    }

    private void resume() {
        paused = false;
        try {
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        } catch (RuntimeException e) {
            // cancelled meanwhile: the server is closing
        }
    }

    private void report(Throwable error) {
        long unreported;
        try {
            unreported = reports.failure(System.nanoTime());
            if (unreported < 0) {
                return;
            }
            String more = unreported == 0 ? "" : " (" + unreported + " more failures since the last report)";
            // an I/O failure (e.g. "Too many open files") says all in its message; anything else gets its trace
            QuietLog.log(Logs.SERVER, Level.WARNING, "accepting on " + address + " failed" + more + ": " + error
                    + "; accepting pauses for " + BACKOFF_NANOS / 1_000_000 + " ms and resumes",
                    error instanceof IOException ? null : error);
        } catch (Throwable e) {
            // not even the line could be made: accepting goes on regardless
        }
    }

    @Override
    public void loopClosed() {
        try {
            channel.close();
        } catch (IOException e) {
            // closed anyway
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (Throwable e) {
            // closed anyway
        }
    }
}
