package net.websocket.runtime.internal;

import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A connection's send lock: reentrant mutual exclusion, unfair, like a {@link java.util.concurrent.locks.ReentrantLock}
 * but no object of its own: the connection's {@link Outbound} queue extends it, since every open connection holds one
 * and most of them are idle (a {@code ReentrantLock} would be two objects of 48 bytes together, this adds 16 bytes to
 * the queue). The state is the hold count of the owning thread.
 */
abstract class SendLock extends AbstractQueuedSynchronizer {

    private static final long serialVersionUID = 1L;

    final void lock() {
        acquire(1);
    }

    final boolean tryLock() {
        return tryAcquire(1);
    }

    final void unlock() {
        release(1);
    }

    @Override
    protected final boolean tryAcquire(int holds) {
        Thread current = Thread.currentThread();
        int c = getState();
        if (c == 0) {
            if (compareAndSetState(0, holds)) {
                setExclusiveOwnerThread(current);
                return true;
            }
            return false;
        }
        if (getExclusiveOwnerThread() == current) {
            setState(c + holds);
            return true;
        }
        return false;
    }

    @Override
    protected final boolean tryRelease(int holds) {
        if (getExclusiveOwnerThread() != Thread.currentThread()) {
            throw new IllegalMonitorStateException();
        }
        int c = getState() - holds;
        boolean free = c == 0;
        if (free) {
            setExclusiveOwnerThread(null);
        }
        setState(c);
        return free;
    }

    @Override
    protected final boolean isHeldExclusively() {
        return getExclusiveOwnerThread() == Thread.currentThread();
    }
}
