package net.websocket.runtime.internal;

import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A connection's send lock: reentrant mutual exclusion, unfair, like a {@link java.util.concurrent.locks.ReentrantLock}
 * but one object of 32 bytes instead of two of 48 together, since every open connection holds one and most of them
 * are idle. The state is the hold count of the owning thread.
 */
final class SendLock extends AbstractQueuedSynchronizer {

    private static final long serialVersionUID = 1L;

    void lock() {
        acquire(1);
    }

    boolean tryLock() {
        return tryAcquire(1);
    }

    void unlock() {
        release(1);
    }

    @Override
    protected boolean tryAcquire(int holds) {
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
    protected boolean tryRelease(int holds) {
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
    protected boolean isHeldExclusively() {
        return getExclusiveOwnerThread() == Thread.currentThread();
    }
}
