package net.websocket.examples;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import net.websocket.api.HandshakeDecision;
import net.websocket.api.HandshakeHook;
import net.websocket.api.HandshakeRequest;

/**
 * A handshake hook that inspects the {@code Origin} header: for the paths it guards it only lets browsers in whose page came from this machine.
 *
 * <p>Allowed: {@code null} (what browsers send for a page opened from the file system, such as
 * {@code client.html}), {@code file://...}, and {@code http://} or {@code https://} pages on {@code localhost},
 * {@code 127.0.0.1} or {@code [::1]} (any port). Any other origin is refused with {@code 403 Forbidden}. A request
 * without an {@code Origin} header is accepted: it does not come from a browser page, and a non-browser client could
 * send any origin it liked anyway, so the check protects nothing there. An accepted connection's
 * {@link net.websocket.api.Connection#state() state} is its origin (or {@code null}).
 *
 * <p>Paths it does not guard are accepted unchanged.
 */
public final class OriginCheck implements HandshakeHook {
    private static final Pattern LOCAL_WEB_ORIGIN =
            Pattern.compile("https?://(localhost|127\\.0\\.0\\.1|\\[::1\\])(:[0-9]{1,5})?", Pattern.CASE_INSENSITIVE);

    private final Set<String> guardedPaths;

    /**
     * A hook that checks the origin of handshakes for these request paths.
     *
     * @param guardedPaths the request paths whose handshakes are checked
     */
    public OriginCheck(Set<String> guardedPaths) {
        this.guardedPaths = Set.copyOf(guardedPaths);
    }

    @Override
    public HandshakeDecision onHandshake(HandshakeRequest request) {
        if (!guardedPaths.contains(request.path())) {
            return HandshakeDecision.accept();
        }
        Optional<String> origin = request.origin();
        if (origin.isEmpty()) {
            return HandshakeDecision.accept();
        }
        if (isAllowed(origin.get())) {
            return HandshakeDecision.accept(origin.get());
        }
        return HandshakeDecision.reject(403, "Origin not allowed: " + origin.get() + "\n");
    }

    /**
     * Whether a browser page with this origin may connect.
     *
     * @param origin the {@code Origin} header's value
     * @return whether it may
     */
    public static boolean isAllowed(String origin) {
        String o = origin.trim();
        return o.equals("null") || o.regionMatches(true, 0, "file://", 0, 7) || LOCAL_WEB_ORIGIN.matcher(o).matches();
    }
}
