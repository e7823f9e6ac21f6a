package net.websocket.jakarta.internal;

/**
 * A value that holds for what runs on one thread meanwhile, an outer value back afterwards: how the hosting server's
 * facts of one upgrade (its {@link CurrentHostRequest}, the {@link GivenEndpoint}) reach the handshake hook that the
 * runtime runs on the calling thread.
 *
 * @param <T> the value
 */
final class ThreadScope<T> {

    private final ThreadLocal<T> current = new ThreadLocal<>();

    /** Runs {@code action} with {@code value} current on this thread, and the value before it current again after. */
    <X extends Exception> void during(T value, GivenEndpoint.Action<X> action) throws X {
        T outer = current.get();
        current.set(value);
        try {
            action.run();
        } finally {
            if (outer == null) {
                current.remove();
            } else {
                current.set(outer);
            }
        }
    }

    /** {@return the value current on this thread, or {@code null}} */
    T current() {
        return current.get();
    }
}
