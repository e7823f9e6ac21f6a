package net.websocket.runtime.internal;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import net.websocket.api.Listener;

/**
 * A {@link ListenerDispatch} that lets up to {@code max} messages of one connection be handled at once (the setting
 * {@code maxConcurrentMessages}, the Chicken Scheme egg's {@code with-concurrent-websocket}): the pump hands each
 * {@code onText}/{@code onBinary} to a handler thread of its own while fewer than {@code max} run, and otherwise waits
 * for one to return. Every other event waits until no message runs and is then delivered by the pump alone, so
 * {@code onOpen} still comes first and {@code onClose} last. A message callback that throws is reported to
 * {@code onError}; the connection and the other messages go on.
 *
 * <h2>Waiting</h2>
 * The pump that must wait leaves {@code scheduled} set (no other pump starts) and parks: it sets {@link #parked},
 * looks at the count again, and either takes itself back (when the count changed meanwhile) or returns. The message
 * that returns lowers the count and, if it takes the pump back from parked, runs it again. Exactly one of the two
 * takes it back, through the compare-and-set on {@link #parked}.
 *
 * <h2>Backpressure</h2>
 * A message counts against the inbound queue limit until its callback returns, so the limit bounds the bytes queued
 * and being handled together.
 */
final class ConcurrentListenerDispatch extends ListenerDispatch {

    private static final VarHandle RUNNING;
    private static final VarHandle PARKED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            RUNNING = l.findVarHandle(ConcurrentListenerDispatch.class, "running", int.class);
            PARKED = l.findVarHandle(ConcurrentListenerDispatch.class, "parked", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The most message callbacks running at once. */
    private final int max;
    /** Message callbacks running now (through {@link #RUNNING}). */
    private volatile int running;
    /** Whether the pump waits for a message callback to return (through {@link #PARKED}). */
    private volatile boolean parked;

    ConcurrentListenerDispatch(Listener listener, WsConnection connection, int max) {
        super(listener, connection);
        this.max = max;
    }

    /** Message callbacks running now. */
    int running() {
        return running;
    }

    /** The pump: hands out messages while there is room, delivers every other event alone. */
    @Override
    public void run() {
        while (true) {
            Event e = peek();
            if (e == null) {
                if (!pumpIdle()) {
                    return;
                }
                continue;
            }
            boolean message = isMessage(e);
            if (mustWait(message, running)) {
                parked = true;
                if (mustWait(message, running) || !PARKED.compareAndSet(this, true, false)) {
                    return; // a returning message callback runs the pump again
                }
                continue;
            }
            poll();
            if (message) {
                start(e);
            } else {
                deliver(e);
                delivered(e);
            }
        }
    }

    private static boolean isMessage(Event e) {
        return e.kind == Kind.TEXT || e.kind == Kind.BINARY;
    }

    private boolean mustWait(boolean message, int runningNow) {
        return message ? runningNow >= max : runningNow > 0;
    }

    /** Runs one message's callback on a handler thread of its own (pump thread). */
    private void start(Event e) {
        RUNNING.getAndAdd(this, 1);
        if (!connection.executor.tryExecute(() -> handle(e))) {
            RUNNING.getAndAdd(this, -1);
            delivered(e);
            IoLoop.LOG.log(Level.DEBUG, "listener message dropped: handler threads stopped");
        }
    }

    /** One message's callback (its own handler thread); then makes room, and runs the pump again if it waits. */
    private void handle(Event e) {
        try {
            if (!failed && !closed) {
                if (e.kind == Kind.TEXT) {
                    listener.onText(connection, e.data instanceof String s ? s
                            : new String((byte[]) e.data, 0, e.length, StandardCharsets.UTF_8));
                } else {
                    listener.onBinary(connection, ByteBuffer.wrap((byte[]) e.data, 0, e.length).slice());
                }
            }
        } catch (Throwable t) {
            onError(t);
        } finally {
            delivered(e);
            RUNNING.getAndAdd(this, -1);
            if (PARKED.compareAndSet(this, true, false) && !connection.executor.tryExecute(this)) {
                scheduled = false;
                IoLoop.LOG.log(Level.DEBUG, "listener events dropped: handler threads stopped");
            }
        }
    }
}
