package net.websocket.runtime.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.CookieHandler;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.websocket.api.Headers;

/**
 * A client's {@link CookieHandler} and its opening handshakes: the cookies it has for a URI go into the request's
 * {@code Cookie} field, and a response's {@code Set-Cookie} fields go back to it. The handler is asked with the
 * URI's {@code http}/{@code https} form (see {@link ClientUris#httpForm}). It is user code: called only on the
 * connecting thread or a handler thread.
 */
final class ClientCookies {

    private ClientCookies() {
    }

    /**
     * {@code headers} with the handler's cookies for {@code uri} added: one {@code Cookie} field (RFC 6265 section
     * 5.4), after a {@code Cookie} value the request already had.
     *
     * @throws IOException if the handler fails
     */
    static Headers withCookies(CookieHandler handler, URI uri, Headers headers) throws IOException {
        Map<String, List<String>> found = handler.get(ClientUris.httpForm(uri), asMap(headers));
        List<String> cookies = new ArrayList<>();
        if (found != null) {
            for (Map.Entry<String, List<String>> e : found.entrySet()) {
                if ("Cookie".equalsIgnoreCase(e.getKey()) && e.getValue() != null) {
                    for (String v : e.getValue()) {
                        if (v != null && !v.isBlank()) {
                            cookies.add(v.strip());
                        }
                    }
                }
            }
        }
        if (cookies.isEmpty()) {
            return headers;
        }
        String own = headers.get("Cookie");
        String value = (own == null || own.isBlank() ? "" : own.strip() + "; ") + String.join("; ", cookies);
        return headers.toBuilder().set("Cookie", value).build();
    }

    /**
     * Gives the {@code Set-Cookie} fields of a response from {@code uri} to the handler. A handler that fails is
     * logged (DEBUG) and otherwise ignored: the connection does not depend on its cookies being kept.
     */
    static void store(CookieHandler handler, URI uri, Headers response) {
        if (!response.contains("Set-Cookie") && !response.contains("Set-Cookie2")) {
            return;
        }
        try {
            handler.put(ClientUris.httpForm(uri), asMap(response));
        } catch (IOException | RuntimeException e) {
            IoLoop.LOG.log(Level.DEBUG, "the cookie handler failed to store the cookies of " + uri, e);
        }
    }

    /** The fields as {@link CookieHandler} takes them: each name with its values, in order. */
    private static Map<String, List<String>> asMap(Headers headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Headers.Field f : headers) {
            map.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(f.value());
        }
        return map;
    }
}
