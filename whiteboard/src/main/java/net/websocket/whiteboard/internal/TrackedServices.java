package net.websocket.whiteboard.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The services of one kind that the whiteboard tracks, by {@code service.id}: what every kind does the same (keep
 * them, under the whiteboard's lock, and tell the whiteboard after each change so that it rebuilds what depends on
 * them), with what differs between kinds in a {@link Kind}.
 *
 * @param <S> the service type
 * @param <T> what the whiteboard keeps for each service
 */
final class TrackedServices<S, T> {

    /** What differs between the kinds of service tracked. */
    interface Kind<S, T> {

        /** What to keep for a service that arrives (called without the lock held). */
        T added(S service, Map<String, Object> props);

        /** What to keep for a tracked service whose properties changed (lock held): {@code tracked}, updated, or new. */
        T modified(T tracked, S service, Map<String, Object> props);

        /** A service has gone and the whiteboard has been rebuilt without it (no lock held). Nothing by default. */
        default void removed(T tracked) {
        }
    }

    private final Object lock;
    private final Kind<S, T> kind;
    private final Runnable changed;
    private final Map<Long, T> tracked = new HashMap<>();

    /**
     * @param lock    the whiteboard's lock, held while the services change and {@code changed} runs
     * @param kind    what this kind of service does
     * @param changed rebuilds what depends on the services (lock held)
     */
    TrackedServices(Object lock, Kind<S, T> kind, Runnable changed) {
        this.lock = lock;
        this.kind = kind;
        this.changed = changed;
    }

    void add(S service, Map<String, Object> props) {
        T t = kind.added(service, props);
        synchronized (lock) {
            tracked.put(ServiceProps.serviceId(props), t);
            changed.run();
        }
    }

    void modify(S service, Map<String, Object> props) {
        synchronized (lock) {
            long id = ServiceProps.serviceId(props);
            T t = tracked.get(id);
            if (t != null) {
                tracked.put(id, kind.modified(t, service, props));
                changed.run();
            }
        }
    }

    void remove(S service, Map<String, Object> props) {
        T t;
        synchronized (lock) {
            t = tracked.remove(ServiceProps.serviceId(props));
            changed.run();
        }
        if (t != null) {
            kind.removed(t);
        }
    }

    /** The services tracked now, in no particular order (lock held). */
    List<T> values() {
        return new ArrayList<>(tracked.values());
    }
}
