package net.websocket.runtime;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a handshake's origin may open a connection: the server asks it on every handshake, before routing and before the handshake hook, and answers a refusal with the
 * access-denied status ({@link ServerOptions#accessDeniedStatus()}, 403 by default).
 *
 * <p>The origin is the {@code Origin} header (RFC 6455, RFC 6454) or, from older drafts, {@code Sec-WebSocket-Origin};
 * browsers always send it, other clients usually do not. Only browsers are constrained by it: any other client can
 * send whatever origin it likes, so an origin policy protects users' browsers from foreign pages (cross-site
 * WebSocket hijacking), not the server from clients.
 */
@FunctionalInterface
public interface OriginPolicy {

    /**
     * Whether a handshake may proceed.
     *
     * @param origin the origin the client sent, if any
     * @param path   the request path
     * @return {@code true} if the handshake may go on to routing and the handshake hook, {@code false} to refuse it
     *         with the access-denied status
     */
    boolean allows(Optional<String> origin, String path);

    /**
     * Allows every origin, and handshakes without one (the default).
     *
     * @return a policy that allows every handshake
     */
    static OriginPolicy any() {
        return (origin, path) -> true;
    }

    /**
     * Allows handshakes whose origin is one of {@code origins} (compared without regard to case, as origins are
     * ASCII serializations such as {@code https://example.com:8443}), and handshakes that carry no origin (clients
     * other than browsers). To refuse those too, write a policy that checks {@code origin.isPresent()}.
     *
     * @param origins the origins allowed, such as {@code https://example.com:8443}; copied, none of them {@code null}
     * @return a policy that allows those origins and handshakes without an origin
     * @throws NullPointerException if {@code origins} is or holds {@code null}
     */
    static OriginPolicy allowing(Collection<String> origins) {
        Set<String> allowed = origins.stream().map(o -> Objects.requireNonNull(o, "origin").toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        return (origin, path) -> origin.isEmpty() || allowed.contains(origin.get().toLowerCase(Locale.ROOT));
    }
}
