package net.websocket.jakarta.internal;

import java.security.Principal;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the hosting server knows of the request whose handshake is decided on this thread
 * ({@code JakartaServerContainer#handshakeHosted}, given a {@code HostRequest}): the hosting server hands the request
 * head to the runtime's {@code UpgradeServer}, which runs the handshake hook on the calling thread, where
 * {@link JakartaHandshake} finds it.
 *
 * @param userPrincipal the authenticated user, or {@code null}
 * @param roles         whether the user has a role
 * @param httpSession   the request's HTTP session, or {@code null}
 */
public record CurrentHostRequest(Principal userPrincipal, Predicate<String> roles, Supplier<Object> httpSession) {

    private static final ThreadScope<CurrentHostRequest> CURRENT = new ThreadScope<>();

    /**
     * Runs {@code action} with this as the host's request of handshakes decided on this thread meanwhile.
     *
     * @param action what decides the handshake
     * @param <X>    what it may throw
     * @throws X as the action fails
     */
    public <X extends Exception> void during(GivenEndpoint.Action<X> action) throws X {
        CURRENT.during(this, action);
    }

    /** {@return the host's request of the handshake decided on this thread, or {@code null}} */
    static CurrentHostRequest current() {
        return CURRENT.current();
    }
}
