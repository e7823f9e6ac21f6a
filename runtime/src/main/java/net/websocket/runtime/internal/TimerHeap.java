package net.websocket.runtime.internal;

import java.util.Arrays;

/**
 * A loop's timers, earliest first: a binary heap in which each {@link IoLoop.Timer} knows its own place, so that a
 * cancelled timer leaves the heap at once (in logarithmic time) instead of staying, with whatever its action holds,
 * until its deadline. A connection cancels its handshake timeout as it opens and its idle check as it closes: at
 * 10,000 connections opened in a burst, cancelled timers left in place would keep every handshake's request alive.
 *
 * <h2>Threads</h2>
 * Loop thread only.
 */
final class TimerHeap {

    private IoLoop.Timer[] heap = new IoLoop.Timer[64];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest timer, or {@code null}. */
    IoLoop.Timer peek() {
        return size == 0 ? null : heap[0];
    }

    void add(IoLoop.Timer t) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        siftUp(size++, t);
    }

    /** Takes the earliest timer out, or returns {@code null}. */
    IoLoop.Timer poll() {
        if (size == 0) {
            return null;
        }
        IoLoop.Timer first = heap[0];
        removeAt(0);
        return first;
    }

    /** Takes {@code t} out if it is in the heap. */
    void remove(IoLoop.Timer t) {
        int i = t.index;
        if (i >= 0 && i < size && heap[i] == t) {
            removeAt(i);
        }
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].index = -1;
            heap[i] = null;
        }
        size = 0;
    }

    private void removeAt(int i) {
        IoLoop.Timer gone = heap[i];
        gone.index = -1;
        IoLoop.Timer last = heap[--size];
        heap[size] = null;
        if (i == size) {
            return;
        }
        siftDown(i, last);
        if (heap[i] == last) {
            siftUp(i, last);
        }
        if (heap.length > 64 && size < heap.length / 4) {
            heap = Arrays.copyOf(heap, heap.length / 2); // a burst of connections gone: give the array back
        }
    }

    private void siftUp(int i, IoLoop.Timer t) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            IoLoop.Timer p = heap[parent];
            if (t.compareTo(p) >= 0) {
                break;
            }
            place(i, p);
            i = parent;
        }
        place(i, t);
    }

    private void siftDown(int i, IoLoop.Timer t) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            IoLoop.Timer c = heap[child];
            int right = child + 1;
            if (right < size && heap[right].compareTo(c) < 0) {
                child = right;
                c = heap[right];
            }
            if (t.compareTo(c) <= 0) {
                break;
            }
            place(i, c);
            i = child;
        }
        place(i, t);
    }

    private void place(int i, IoLoop.Timer t) {
        heap[i] = t;
        t.index = i;
    }
}
