package net.websocket.runtime.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import net.websocket.api.ConnectRequest;
import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeResponse;

/**
 * Following a redirect of an opening handshake (when {@code ClientOptions.maxRedirects()} allows): which answers
 * are redirects, where one leads, and which are refused (a loop, one too many, from {@code wss} to {@code ws} unless
 * allowed, a scheme that is not HTTP's or WebSocket's). No I/O.
 */
final class Redirects {

    private Redirects() {
    }

    /** Whether {@code status} redirects (RFC 9110 section 15.4): 301, 302, 303, 307, 308. */
    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * Where a redirect leads.
     *
     * @param trail the URIs asked so far, the first one first and {@code from} last
     * @param max   the most redirects followed
     * @param toPlain whether a redirect from {@code wss} to {@code ws} is followed
     * @return the next URI, {@code ws} or {@code wss}, without fragment
     * @throws HandshakeException (with the redirect's status and headers) if it is not to be followed
     */
    static URI next(URI from, HandshakeResponse response, List<URI> trail, int max, boolean toPlain)
            throws HandshakeException {
        int status = response.status();
        String location = response.headers().get("Location");
        if (location == null || location.isBlank()) {
            throw refused(response, "the server redirected (" + response.statusLine() + ") without a Location");
        }
        if (trail.size() > max) {
            throw refused(response, "more than " + max + " redirects: " + chain(trail) + " -> " + location);
        }
        URI to;
        try {
            URI ref = new URI(location.strip());
            String resolved = ClientUris.httpForm(from).resolve(ref).toString();
            int hash = resolved.indexOf('#');
            to = new URI(hash < 0 ? resolved : resolved.substring(0, hash));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw refused(response, "the server redirected to a malformed Location: " + location);
        }
        to = ClientUris.wsForm(to);
        String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw refused(response, "the server redirected to " + location + ", not a ws, wss, http or https URI");
        }
        if (to.getHost() == null || to.getHost().isEmpty()) {
            throw refused(response, "the server redirected to " + location + ", which names no host");
        }
        if (!toPlain && ClientUris.secure(from) && !ClientUris.secure(to)) {
            throw refused(response, "the server redirected from " + from + " to " + to
                    + ": a redirect from encrypted to plain is not followed (ClientOptions.redirectToPlainAllowed)");
        }
        for (URI seen : trail) {
            if (seen.equals(to)) {
                throw refused(response, "redirect loop: " + chain(trail) + " -> " + to);
            }
        }
        return to;
    }

    /** {@code trail} with {@code to} added. */
    static List<URI> append(List<URI> trail, URI to) {
        List<URI> out = new ArrayList<>(trail);
        out.add(to);
        return List.copyOf(out);
    }

    /**
     * The request to send to {@code to}: the same, less its {@code Authorization} header when {@code to} is on
     * another host or port (credentials for one server are not given to another).
     */
    static ConnectRequest requestFor(ConnectRequest request, URI from, URI to) {
        if (!request.headers().contains("Authorization")
                || ClientUris.authority(from).equalsIgnoreCase(ClientUris.authority(to))
                        && ClientUris.secure(from) == ClientUris.secure(to)) {
            return request;
        }
        return request.toBuilder().headers(request.headers().toBuilder().remove("Authorization").build()).build();
    }

    private static String chain(List<URI> trail) {
        StringBuilder sb = new StringBuilder();
        for (URI u : trail) {
            sb.append(sb.length() == 0 ? "" : " -> ").append(u);
        }
        return sb.toString();
    }

    private static HandshakeException refused(HandshakeResponse response, String message) {
        return new HandshakeException(response.status(), message, response.headers());
    }
}
