package net.websocket.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Routes a handshake to an {@link Endpoint} by URL path and subprotocol:
 * <ol>
 * <li>The routes' path regular expressions are tried in order against the request path (the whole path must match,
 * the query is not part of it). The <em>first</em> route that matches is the only one considered.</li>
 * <li>If the client sent {@code Sec-WebSocket-Protocol}, its tokens are tried in the client's order; for each, the
 * route's entries are searched in order for one that lists it. The first hit is chosen, and that token becomes the
 * connection's subprotocol. If no entry lists any of the tokens, the route's first {@link #any} entry is chosen,
 * with no subprotocol.</li>
 * <li>If the client offered no subprotocol, the route's first entry that takes "none" ({@link #none}, an
 * {@link #entry} with {@code alsoNone}, or {@link #any}) is chosen.</li>
 * </ol>
 * So an entry that lists an offered token always wins over an {@code any} entry of the same route, wherever they
 * stand in it; among entries that take "none", the order decides. When no route matches the path the server answers
 * {@code 404 Not Found}. When a route matches but none of its entries fits the offered subprotocols (or no entry
 * accepts "none"), the server answers {@code 400 Bad Request}: it accepts without a subprotocol a client that
 * offered some only where the route has an {@code any} entry. Immutable and thread-safe.
 *
 * <p>Every method that takes an {@link Endpoint} has a twin that takes a {@link Handler}, the one functional
 * interface among the endpoints, so that a lambda or method reference is a handler without a cast:
 * {@code ServiceMapper.none(c -> c.sendText("hi"))}. A {@link Listener} goes to the {@code Endpoint} form
 * ({@link Listener#ofText} makes one from a lambda).
 */
public final class ServiceMapper {

    /** The result of a lookup. */
    public sealed interface Selection {
    }

    /**
     * An endpoint was chosen, with the subprotocol to answer with (empty for none) and the settings its route and
     * entry override (the entry's on top of the route's).
     *
     * <p>A final class rather than a record, so that what a selection carries can grow without changing its shape
     * for those who read it.
     */
    public static final class Selected implements Selection {

        private final String pathPattern;
        private final Optional<String> subprotocol;
        private final Endpoint endpoint;
        private final ConnectionOverrides overrides;

        /**
         * A selection.
         *
         * @param pathPattern the path expression of the route that matched
         * @param subprotocol the subprotocol to answer with, empty for none
         * @param endpoint    the endpoint chosen
         * @param overrides   the settings the route and entry override
         */
        public Selected(String pathPattern, Optional<String> subprotocol, Endpoint endpoint,
                ConnectionOverrides overrides) {
            this.pathPattern = pathPattern;
            this.subprotocol = subprotocol;
            this.endpoint = endpoint;
            this.overrides = Objects.requireNonNull(overrides, "overrides");
        }

        /**
         * A selection that overrides no settings.
         *
         * @param pathPattern the path expression of the route that matched
         * @param subprotocol the subprotocol to answer with, empty for none
         * @param endpoint    the endpoint chosen
         */
        public Selected(String pathPattern, Optional<String> subprotocol, Endpoint endpoint) {
            this(pathPattern, subprotocol, endpoint, ConnectionOverrides.none());
        }

        /** @return the path expression of the route that matched */
        public String pathPattern() {
            return pathPattern;
        }

        /** @return the subprotocol to answer with, empty for none */
        public Optional<String> subprotocol() {
            return subprotocol;
        }

        /** @return the endpoint chosen */
        public Endpoint endpoint() {
            return endpoint;
        }

        /** @return the settings the route and entry override (the entry's on top of the route's) */
        public ConnectionOverrides overrides() {
            return overrides;
        }

        /** Equal when pattern, subprotocol, endpoint and overrides are equal. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Selected s && Objects.equals(pathPattern, s.pathPattern)
                    && Objects.equals(subprotocol, s.subprotocol) && Objects.equals(endpoint, s.endpoint)
                    && overrides.equals(s.overrides);
        }

        @Override
        public int hashCode() {
            return Objects.hash(pathPattern, subprotocol, endpoint, overrides);
        }

        @Override
        public String toString() {
            return "Selected[pathPattern=" + pathPattern + ", subprotocol=" + subprotocol + ", endpoint=" + endpoint
                    + ", overrides=" + overrides + "]";
        }
    }

    /** No route's path expression matched: answer 404. */
    public record NoRoute() implements Selection {
    }

    /**
     * A route matched the path, but no entry fits the offered subprotocols: answer 400.
     *
     * @param pathPattern the path expression of the route that matched
     * @param offered     the subprotocols the client offered, in its order; empty if none
     */
    public record NoSubprotocol(String pathPattern, List<String> offered) implements Selection {
    }

    /** {@code subprotocols} {@code null}: an {@link #any} entry; {@code overrides}: the route's, then the entry's. */
    private record Entry(List<String> subprotocols, boolean none, Endpoint endpoint, ConnectionOverrides overrides) {
    }

    /** {@code any}: the path expression matches every path ({@code .*} with DOTALL), so no matcher is needed. */
    private record Route(Pattern path, List<Entry> entries, boolean any) {
        Route(Pattern path, List<Entry> entries) {
            this(path, entries, path.pattern().equals(".*") && (path.flags() & Pattern.DOTALL) != 0);
        }

        boolean matches(String p) {
            return any ? Objects.requireNonNull(p) != null : path.matcher(p).matches();
        }
    }

    private final List<Route> routes;

    private ServiceMapper(List<Route> routes) {
        this.routes = routes;
    }

    /**
     * A mapper that sends every path and every (or no) subprotocol to one endpoint, as {@code ws-serve} does. The
     * connection's subprotocol is then none, whatever the client offered: one route for every path, with one
     * {@link #any} entry.
     *
     * @param endpoint the endpoint; not {@code null}
     * @return the mapper
     */
    public static ServiceMapper single(Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return new ServiceMapper(List.of(new Route(Pattern.compile(".*", Pattern.DOTALL),
                List.of(new Entry(null, true, endpoint, ConnectionOverrides.none())))));
    }

    /**
     * {@link #single(Endpoint)} for a handler, so that a lambda needs no cast.
     *
     * @param handler the handler; not {@code null}
     * @return the mapper
     */
    public static ServiceMapper single(Handler handler) {
        return single((Endpoint) handler);
    }

    /** {@return a builder with no route yet} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Chooses an endpoint.
     *
     * @param path    the request path (without query)
     * @param offered the tokens of the client's {@code Sec-WebSocket-Protocol} header, in order; empty if absent
     * @return {@link Selected}, or {@link NoRoute} (answer 404), or {@link NoSubprotocol} (answer 400)
     */
    public Selection select(String path, List<String> offered) {
        for (Route r : routes) {
            if (!r.matches(path)) {
                continue;
            }
            if (offered.isEmpty()) {
                for (Entry e : r.entries) {
                    if (e.none) {
                        return new Selected(r.path.pattern(), Optional.empty(), e.endpoint, e.overrides);
                    }
                }
            } else {
                for (String token : offered) {
                    for (Entry e : r.entries) {
                        if (e.subprotocols != null && e.subprotocols.contains(token)) {
                            return new Selected(r.path.pattern(), Optional.of(token), e.endpoint, e.overrides);
                        }
                    }
                }
                // an any() entry: accept whatever was offered without choosing one
                for (Entry e : r.entries) {
                    if (e.subprotocols == null) {
                        return new Selected(r.path.pattern(), Optional.empty(), e.endpoint, e.overrides);
                    }
                }
            }
            return new NoSubprotocol(r.path.pattern(), List.copyOf(offered));
        }
        return new NoRoute();
    }

    /** {@return the route patterns, in order} */
    public List<String> pathPatterns() {
        List<String> out = new ArrayList<>();
        for (Route r : routes) {
            out.add(r.path.pattern());
        }
        return out;
    }

    /** Builds a {@link ServiceMapper}. */
    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a route for paths that match {@code pathRegex} as a whole.
         *
         * @param pathRegex the path expression ({@link Pattern} syntax)
         * @param entries   its entries, in order, made with {@link ServiceMapper#subprotocols},
         *                  {@link ServiceMapper#none}, {@link ServiceMapper#entry} or {@link ServiceMapper#any}; at
         *                  least one
         * @return this builder
         * @throws java.util.regex.PatternSyntaxException if {@code pathRegex} is not a valid expression
         * @throws IllegalArgumentException if there is no entry
         */
        public Builder route(String pathRegex, RouteEntry... entries) {
            return route(Pattern.compile(pathRegex), entries);
        }

        /**
         * Adds a route for paths that {@code path} matches as a whole.
         *
         * @param path    the path expression
         * @param entries its entries, in order; at least one
         * @return this builder
         * @throws IllegalArgumentException if there is no entry
         */
        public Builder route(Pattern path, RouteEntry... entries) {
            return route(path, ConnectionOverrides.none(), entries);
        }

        /**
         * Adds a route for paths that match {@code pathRegex} as a whole, whose connections have these settings
         * instead of the server's (an entry's own overrides go on top).
         *
         * @param pathRegex the path expression ({@link Pattern} syntax)
         * @param overrides the settings of the route's connections; not {@code null}
         * @param entries   its entries, in order; at least one
         * @return this builder
         * @throws java.util.regex.PatternSyntaxException if {@code pathRegex} is not a valid expression
         * @throws IllegalArgumentException if there is no entry
         */
        public Builder route(String pathRegex, ConnectionOverrides overrides, RouteEntry... entries) {
            return route(Pattern.compile(pathRegex), overrides, entries);
        }

        /**
         * Adds a route for paths that {@code path} matches as a whole, whose connections have these settings instead
         * of the server's (an entry's own overrides go on top).
         *
         * @param path      the path expression
         * @param overrides the settings of the route's connections; not {@code null}
         * @param entries   its entries, in order; at least one
         * @return this builder
         * @throws IllegalArgumentException if there is no entry
         */
        public Builder route(Pattern path, ConnectionOverrides overrides, RouteEntry... entries) {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(overrides, "overrides");
            if (entries.length == 0) {
                throw new IllegalArgumentException("a route needs at least one entry");
            }
            List<Entry> list = new ArrayList<>();
            for (RouteEntry e : entries) {
                list.add(new Entry(e.subprotocols, e.none, e.endpoint, overrides.then(e.overrides)));
            }
            routes.add(new Route(path, List.copyOf(list)));
            return this;
        }

        /** {@return a mapper with the routes added so far, in the order they were added} */
        public ServiceMapper build() {
            return new ServiceMapper(List.copyOf(routes));
        }
    }

    /**
     * One entry of a route: the subprotocols (and/or "none") it serves, its endpoint, and the settings its
     * connections have instead of the route's or the server's.
     */
    public static final class RouteEntry {
        private final List<String> subprotocols;
        private final boolean none;
        private final Endpoint endpoint;
        private final ConnectionOverrides overrides;

        private RouteEntry(List<String> subprotocols, boolean none, Endpoint endpoint) {
            this(subprotocols, none, endpoint, ConnectionOverrides.none());
        }

        private RouteEntry(List<String> subprotocols, boolean none, Endpoint endpoint, ConnectionOverrides overrides) {
            for (String s : subprotocols == null ? List.<String>of() : subprotocols) {
                if (s.isEmpty() || s.contains(",") || s.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
                    throw new IllegalArgumentException("not a subprotocol token: '" + s + "'");
                }
            }
            this.subprotocols = subprotocols == null ? null : List.copyOf(subprotocols);
            this.none = none;
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            this.overrides = Objects.requireNonNull(overrides, "overrides");
        }

        /**
         * This entry with these settings for its connections, on top of its route's (replacing what this entry
         * overrode before).
         *
         * @param overrides the settings; not {@code null}
         * @return a new entry; this one is unchanged
         */
        public RouteEntry with(ConnectionOverrides overrides) {
            return new RouteEntry(subprotocols, none, endpoint, overrides);
        }

        /** {@return the settings this entry overrides (not counting its route's)} */
        public ConnectionOverrides overrides() {
            return overrides;
        }
    }

    /**
     * An entry for clients that offer any of these subprotocols ({@code [(a b) handler]}).
     *
     * @param subprotocols the subprotocol tokens served; at least one
     * @param endpoint     the endpoint; not {@code null}
     * @return the entry
     * @throws IllegalArgumentException if the list is empty, or an element is empty or
     *                                  holds a comma, white space, a control or a non-ASCII character
     */
    public static RouteEntry subprotocols(List<String> subprotocols, Endpoint endpoint) {
        if (subprotocols.isEmpty()) {
            throw new IllegalArgumentException("no subprotocols: use none(endpoint)");
        }
        return new RouteEntry(subprotocols, false, endpoint);
    }

    /**
     * {@link #subprotocols(List, Endpoint)} for a handler, so that a lambda needs no cast.
     *
     * @param subprotocols the subprotocol tokens served; at least one
     * @param handler      the handler; not {@code null}
     * @return the entry
     * @throws IllegalArgumentException if the list is empty, or an element is empty or
     *                                  holds a comma, white space, a control or a non-ASCII character
     */
    public static RouteEntry subprotocols(List<String> subprotocols, Handler handler) {
        return subprotocols(subprotocols, (Endpoint) handler);
    }

    /**
     * An entry for clients that offer this subprotocol ({@code [(a) handler]}).
     *
     * @param subprotocol the subprotocol token served
     * @param endpoint    the endpoint; not {@code null}
     * @return the entry
     * @throws IllegalArgumentException if {@code subprotocol} is empty or holds a comma, white
     *                                  space, a control or a non-ASCII character
     */
    public static RouteEntry subprotocol(String subprotocol, Endpoint endpoint) {
        return subprotocols(List.of(subprotocol), endpoint);
    }

    /**
     * {@link #subprotocol(String, Endpoint)} for a handler, so that a lambda needs no cast.
     *
     * @param subprotocol the subprotocol token served
     * @param handler     the handler; not {@code null}
     * @return the entry
     * @throws IllegalArgumentException if {@code subprotocol} is empty or holds a comma, white
     *                                  space, a control or a non-ASCII character
     */
    public static RouteEntry subprotocol(String subprotocol, Handler handler) {
        return subprotocol(subprotocol, (Endpoint) handler);
    }

    /**
     * An entry for clients that offer no subprotocol ({@code [(#f) handler]}).
     *
     * @param endpoint the endpoint; not {@code null}
     * @return the entry
     */
    public static RouteEntry none(Endpoint endpoint) {
        return new RouteEntry(List.of(), true, endpoint);
    }

    /**
     * {@link #none(Endpoint)} for a handler, so that a lambda needs no cast.
     *
     * @param handler the handler; not {@code null}
     * @return the entry
     */
    public static RouteEntry none(Handler handler) {
        return none((Endpoint) handler);
    }

    /**
     * An entry for clients that offer any subprotocols, or none, answered with no subprotocol: the server accepts the
     * handshake without choosing one, as RFC 6455 (section 4.2.2) lets it. It takes what no entry of its route that
     * lists an offered token takes (those win over it wherever they stand in the route); for a client that offers
     * none it counts as an entry that takes "none", and the first of those in the route's order is chosen. The
     * connection's subprotocol is then none, unless a {@link HandshakeHook} answers with one the client offered
     * ({@link HandshakeDecision.Accept#withSubprotocol}).
     *
     * @param endpoint the endpoint; not {@code null}
     * @return the entry
     */
    public static RouteEntry any(Endpoint endpoint) {
        return new RouteEntry(null, true, endpoint);
    }

    /**
     * {@link #any(Endpoint)} for a handler, so that a lambda needs no cast.
     *
     * @param handler the handler; not {@code null}
     * @return the entry
     */
    public static RouteEntry any(Handler handler) {
        return any((Endpoint) handler);
    }

    /**
     * An entry for these subprotocols and, if {@code alsoNone}, for clients that offer none
     * ({@code [(a b #f) handler]}).
     *
     * @param subprotocols the subprotocol tokens served; may be empty
     * @param alsoNone     whether the entry also serves clients that offer no subprotocol
     * @param endpoint     the endpoint; not {@code null}
     * @return the entry
     * @throws IllegalArgumentException if an element is empty or holds a comma, white space, a
     *                                  control or a non-ASCII character
     */
    public static RouteEntry entry(List<String> subprotocols, boolean alsoNone, Endpoint endpoint) {
        return new RouteEntry(subprotocols, alsoNone, endpoint);
    }

    /**
     * {@link #entry(List, boolean, Endpoint)} for a handler, so that a lambda needs no cast.
     *
     * @param subprotocols the subprotocol tokens served; may be empty
     * @param alsoNone     whether the entry also serves clients that offer no subprotocol
     * @param handler      the handler; not {@code null}
     * @return the entry
     * @throws IllegalArgumentException if an element is empty or holds a comma, white space, a
     *                                  control or a non-ASCII character
     */
    public static RouteEntry entry(List<String> subprotocols, boolean alsoNone, Handler handler) {
        return entry(subprotocols, alsoNone, (Endpoint) handler);
    }
}
