package net.websocket.jakarta.internal;

import net.websocket.jakarta.HostRequest;

/**
 * The hosting server's view of the request whose handshake is decided on this thread
 * ({@code JakartaServerContainer#handshakeHosted}): the hosting server hands the request head to the runtime's
 * {@code UpgradeServer}, which runs the handshake hook on the calling thread, where {@link JakartaHandshake} finds it.
 */
public final class CurrentHostRequest {

    private static final ThreadLocal<HostRequest> CURRENT = new ThreadLocal<>();

    private CurrentHostRequest() {
    }

    /**
     * Runs {@code action} with {@code request} as the host's request of handshakes decided on this thread meanwhile.
     *
     * @param request what the hosting server knows of the request
     * @param action  what decides the handshake
     * @param <X>     what it may throw
     * @throws X as the action fails
     */
    public static <X extends Exception> void during(HostRequest request, GivenEndpoint.Action<X> action) throws X {
        HostRequest outer = CURRENT.get();
        CURRENT.set(request);
        try {
            action.run();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** {@return the host's request of the handshake decided on this thread, or {@code null}} */
    static HostRequest current() {
        return CURRENT.get();
    }
}
