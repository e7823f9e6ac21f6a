package net.websocket.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the soak's loads did, counted by name ({@code "bomb.closed"}, {@code "bystander.echoes"}, ...), and the
 * invariants they saw broken, each with what happened. Shared by every load thread.
 */
final class Tally {

    /** At most this many violations are kept word for word (the count is kept whatever the number). */
    private static final int MAX_KEPT = 50;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final LongAdder violationCount = new LongAdder();

    void add(String name) {
        add(name, 1);
    }

    void add(String name, long n) {
        counts.computeIfAbsent(name, k -> new LongAdder()).add(n);
    }

    long get(String name) {
        LongAdder a = counts.get(name);
        return a == null ? 0 : a.sum();
    }

    /** Records a broken invariant. */
    void violation(String what) {
        violationCount.increment();
        if (violations.size() < MAX_KEPT) {
            violations.add(what);
        }
        System.out.println("[soak] VIOLATION: " + what);
        System.out.flush();
    }

    long violationCount() {
        return violationCount.sum();
    }

    List<String> violations() {
        return new ArrayList<>(violations);
    }

    /** Every count, sorted by name. */
    Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<>();
        counts.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}
