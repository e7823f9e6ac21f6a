package net.websocket.runtime.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A server's open connections, linked through fields of the connections themselves: a set would cost an entry
 * object and table space for each, and most of a busy server's connections are idle, so every byte per connection
 * counts. Adding and removing happen once per connection; reading the whole list only when the server stops.
 */
final class ConnectionList {

    private WsConnection head;
    private int size;

    synchronized void add(WsConnection c) {
        if (c.listed) {
            return;
        }
        c.listed = true;
        c.listPrev = null;
        c.listNext = head;
        if (head != null) {
            head.listPrev = c;
        }
        head = c;
        size++;
    }

    /** Removes {@code c}; whether it was in the list. */
    synchronized boolean remove(WsConnection c) {
        if (!c.listed) {
            return false;
        }
        c.listed = false;
        if (c.listPrev != null) {
            c.listPrev.listNext = c.listNext;
        } else {
            head = c.listNext;
        }
        if (c.listNext != null) {
            c.listNext.listPrev = c.listPrev;
        }
        c.listPrev = null;
        c.listNext = null;
        size--;
        return true;
    }

    synchronized int size() {
        return size;
    }

    /** The connections in the list now. */
    synchronized List<WsConnection> snapshot() {
        List<WsConnection> all = new ArrayList<>(size);
        for (WsConnection c = head; c != null; c = c.listNext) {
            all.add(c);
        }
        return all;
    }
}
