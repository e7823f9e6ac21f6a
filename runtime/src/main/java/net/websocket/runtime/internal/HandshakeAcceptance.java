package net.websocket.runtime.internal;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import net.websocket.api.HandshakeDecision;
import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeHook;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.api.ServiceMapper;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.api.spi.ServerHandshake;
import net.websocket.runtime.OriginPolicy;
import net.websocket.runtime.VariantSource;

/**
 * Whether a server accepts an opening handshake, decided from the parsed request and what the server holds at that
 * moment (its variants, origin policy, service mapper and handshake hook), with no socket: the
 * {@link ServerHandshaker} reads the bytes and calls these steps in order, each of which yields its result or the
 * {@link Refusal} to answer with. A failing variant, policy, mapper or hook is logged and answered 500.
 *
 * <p>The refusals, in the order the steps meet them: a malformed request head (400, or 431 when too large: the
 * {@link HttpHeadParser} decides); a request that breaks the HTTP rules of an upgrade (400: see {@link #checkHttp});
 * no variant at all (503); no variant that matches (426 with
 * {@code Sec-WebSocket-Version} listing the versions of all present variants if the request carried
 * {@code Sec-WebSocket-Version}; 426 with {@code Upgrade: websocket} for a plain GET that asks for no upgrade; 400
 * otherwise); the variant's own refusal of the request or its body (its status and headers); a refused origin (the
 * server's access-denied status and body, 403 by default); no route for the path (404); a route but no entry for the
 * offered subprotocols (400); no room for another connection (503); and the hook's rejection (its status, headers and
 * body).
 */
final class HandshakeAcceptance {

    /** Answered when the server cannot take another connection: a slot may free soon, as with admission control. */
    static final Refusal TOO_MANY_CONNECTIONS = new Refusal(503,
            Headers.of("Retry-After", Integer.toString(Admission.RETRY_AFTER_SECONDS)), "too many connections");

    /** Answered when the server stops before the hook could run. */
    static final Refusal SERVER_STOPPING = new Refusal(503, Headers.empty(), "server stopping");

    /** Answered when a variant, the origin policy, the mapper or the hook failed. */
    static final Refusal INTERNAL_ERROR = new Refusal(500, Headers.empty(), "internal error");

    private HandshakeAcceptance() {
    }

    /**
     * A refused handshake: the HTTP status, headers to add, and the message of the plain-text body (the status's
     * reason phrase when empty).
     */
    record Refusal(int status, Headers headers, String message) {

        /** The complete error response (see {@link HttpResponses#error}). */
        ByteBuffer response() {
            String text = message == null || message.isEmpty() ? HttpResponses.reason(status) : message;
            return HttpResponses.error(status, headers, text + "\n");
        }
    }

    /** What one step yields: its value, or the refusal that ends the handshake. */
    record Step<T>(T value, Refusal refusal) {

        static <T> Step<T> of(T value) {
            return new Step<>(value, null);
        }

        static <T> Step<T> refuse(Refusal refusal) {
            return new Step<>(null, refusal);
        }

        static <T> Step<T> refuse(int status, Headers headers, String message) {
            return refuse(new Refusal(status, headers, message));
        }

        boolean refused() {
            return refusal != null;
        }
    }

    /** The refusal of a request head the parser rejected. */
    static Refusal malformed(HttpHeadParser.ParseException e) {
        return new Refusal(e.status(), Headers.empty(), e.getMessage());
    }

    /**
     * Header fields an upgrade request may hold at most once: a second one is answered 400 rather than read one way
     * here and another way by whatever else reads the request (RFC 9110 section 5.3; RFC 6455 section 4.1 for the
     * WebSocket fields; the hybi-00 keys; the origin the origin policy judges). List fields, such as
     * {@code Sec-WebSocket-Protocol}, {@code Sec-WebSocket-Extensions}, {@code Connection} and {@code Upgrade}, may
     * come several times.
     */
    static final List<String> SINGLE_FIELDS = List.of("Host", "Sec-WebSocket-Key", "Sec-WebSocket-Version",
            "Sec-WebSocket-Key1", "Sec-WebSocket-Key2", "Origin", "Sec-WebSocket-Origin", "Content-Length");

    /** The schemes an absolute-form request target may have, each with its default port. */
    private static final Map<String, Integer> SCHEMES = Map.of("ws", 80, "http", 80, "wss", 443, "https", 443);

    /**
     * The HTTP rules (RFC 9110, RFC 9112, RFC 6455) every upgrade request must meet, whatever its variant;
     * {@code null} if it meets them, else a 400:
     * <ul>
     * <li>exactly one {@code Host}, a well-formed host and optional port (RFC 9112 section 3.2);</li>
     * <li>no field of {@link #SINGLE_FIELDS} more than once;</li>
     * <li>no message body: no {@code Transfer-Encoding} at all, and a {@code Content-Length} only of 0 (an upgrade
     * is a GET whose bytes after the head belong to the new protocol, so a declared body could only be smuggled;
     * hybi-00's 8 bytes of key3 are the variant's handshake, see {@code ServerHandshake#bodyLength}, and may be
     * declared as they are by some clients, Netty's among them: {@code Content-Length: 8} with both hybi-00
     * keys);</li>
     * <li>a target in origin form ({@code /path?query}), or in absolute form with scheme {@code ws}, {@code wss},
     * {@code http} or {@code https}, no user information, and the authority of the {@code Host} field (the same
     * host, case aside, and port, a missing one standing for the scheme's default): an absolute target naming
     * another host is a request for a proxy, which this server is not (RFC 9112 section 3.2.2).</li>
     * </ul>
     */
    static Refusal checkHttp(HandshakeRequest request) {
        Headers h = request.headers();
        int[] counts = singleFieldCounts(h);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 1) {
                return badRequest("the " + SINGLE_FIELDS.get(i) + " header appears " + counts[i] + " times");
            }
        }
        String hostField = h.get("Host");
        if (hostField == null) {
            return badRequest("the Host header is missing");
        }
        Authority host = Authority.parse(hostField);
        if (host == null) {
            return badRequest("the Host header is not a host and port");
        }
        if (h.contains("Transfer-Encoding")) {
            return badRequest("an upgrade request has no body, but it has a Transfer-Encoding");
        }
        String length = h.get("Content-Length");
        if (length != null && !isZero(length) && !hybi00Key3(h, length)) {
            return badRequest("an upgrade request has no body, but its Content-Length is " + length);
        }
        String target = request.target();
        if (target.startsWith("/")) {
            return null;
        }
        int sep = target.indexOf("://");
        Integer defaultPort = sep <= 0 ? null : SCHEMES.get(target.substring(0, sep).toLowerCase(Locale.ROOT));
        if (defaultPort == null) {
            return badRequest("the request target is neither a path nor a ws, wss, http or https URI");
        }
        int end = sep + 3;
        while (end < target.length() && "/?#".indexOf(target.charAt(end)) < 0) {
            end++;
        }
        Authority named = Authority.parse(target.substring(sep + 3, end));
        if (named == null) {
            return badRequest("the request target's authority is not a host and port");
        }
        if (!named.sameAs(host, defaultPort)) {
            return badRequest("the request target names another host than the Host header");
        }
        return null;
    }

    /** How many times each of {@link #SINGLE_FIELDS} appears, in one pass over the fields. */
    private static int[] singleFieldCounts(Headers h) {
        int[] counts = new int[SINGLE_FIELDS.size()];
        List<Headers.Field> fields = h.asList();
        for (int i = 0, n = fields.size(); i < n; i++) {
            String name = fields.get(i).name();
            for (int j = 0; j < counts.length; j++) {
                if (name.equalsIgnoreCase(SINGLE_FIELDS.get(j))) {
                    counts[j]++;
                    break;
                }
            }
        }
        return counts;
    }

    private static boolean isZero(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    private static Refusal badRequest(String message) {
        return new Refusal(400, Headers.empty(), message);
    }

    /** The first variant present now that matches the request. */
    static Step<ProtocolVariant> chooseVariant(HandshakeRequest request, VariantSource source) {
        List<ProtocolVariant> variants;
        try {
            variants = source.variants();
        } catch (RuntimeException e) {
            Logs.HANDSHAKE.log(Level.WARNING, "variant source failed", e);
            return Step.refuse(500, Headers.empty(), "no protocol variants");
        }
        if (variants.isEmpty()) {
            return Step.refuse(503, Headers.empty(), "no WebSocket protocol variant is available");
        }
        for (ProtocolVariant v : variants) {
            try {
                if (v.matches(request)) {
                    return Step.of(v);
                }
            } catch (RuntimeException e) {
                Logs.HANDSHAKE.log(Level.WARNING, "variant " + v + " failed", e);
            }
        }
        return Step.refuse(noVariant(request, variants));
    }

    private static Refusal noVariant(HandshakeRequest request, List<ProtocolVariant> variants) {
        Set<String> versions = new LinkedHashSet<>();
        for (ProtocolVariant v : variants) {
            versions.addAll(v.versions());
        }
        String list = String.join(", ", versions);
        Headers h = request.headers();
        if (h.contains("Sec-WebSocket-Version")) {
            return new Refusal(426, list.isEmpty() ? Headers.empty() : Headers.of("Sec-WebSocket-Version", list),
                    "unsupported WebSocket version");
        }
        if (request.method().equals("GET") && !h.containsToken("Upgrade", "websocket")) {
            Headers.Builder b = Headers.builder().add("Upgrade", "websocket");
            if (!list.isEmpty()) {
                b.add("Sec-WebSocket-Version", list);
            }
            return new Refusal(426, b.build(), "this is a WebSocket endpoint");
        }
        return new Refusal(400, Headers.empty(), "not a WebSocket handshake this server accepts");
    }

    /** The chosen variant's validation of the request head: its server handshake. */
    static Step<ServerHandshake> start(ProtocolVariant variant, HandshakeRequest request, EngineConfig config) {
        try {
            return Step.of(variant.startServer(request, config));
        } catch (HandshakeException e) {
            return Step.refuse(e.status(), e.responseHeaders(), e.getMessage());
        } catch (RuntimeException e) {
            Logs.HANDSHAKE.log(Level.WARNING, "variant " + variant.name() + " failed", e);
            return Step.refuse(INTERNAL_ERROR);
        }
    }

    /** The variant's check of the bytes after the head; {@code null} if it takes them. */
    /** Whether a {@code Content-Length} declares hybi-00's 8 bytes of key3 (a request with both of its keys). */
    private static boolean hybi00Key3(Headers h, String length) {
        return "8".equals(length.trim()) && h.contains("Sec-WebSocket-Key1") && h.contains("Sec-WebSocket-Key2");
    }

    static Refusal readBody(ProtocolVariant variant, ServerHandshake handshake, ByteBuffer body) {
        try {
            handshake.readBody(body);
            return null;
        } catch (HandshakeException e) {
            return new Refusal(e.status(), e.responseHeaders(), e.getMessage());
        } catch (RuntimeException e) {
            Logs.HANDSHAKE.log(Level.WARNING, "variant " + variant.name() + " failed", e);
            return INTERNAL_ERROR;
        }
    }

    /**
     * The origin check, then routing by path and offered subprotocols.
     *
     * @param mapper       the server's mapper now (a dynamic one may fail to answer)
     * @param deniedStatus the status to answer a refused origin with
     * @param deniedBody   the body to answer a refused origin with
     */
    static Step<ServiceMapper.Selected> route(HandshakeRequest request, List<String> offered, OriginPolicy origins,
            int deniedStatus, String deniedBody, Supplier<ServiceMapper> mapper) {
        Refusal denied = checkOrigin(request, origins, deniedStatus, deniedBody);
        return denied != null ? Step.refuse(denied) : select(request, offered, mapper);
    }

    /**
     * The origin check: {@code null} if the origin is allowed, else the refusal ({@link #INTERNAL_ERROR} if the policy
     * failed).
     */
    static Refusal checkOrigin(HandshakeRequest request, OriginPolicy origins, int deniedStatus, String deniedBody) {
        boolean allowed;
        try {
            allowed = origins.allows(request.origin(), request.path());
        } catch (RuntimeException e) {
            Logs.HANDSHAKE.log(Level.WARNING, "origin policy failed", e);
            return INTERNAL_ERROR;
        }
        return allowed ? null : new Refusal(deniedStatus, Headers.empty(), deniedBody);
    }

    /** Routing by path, then offered subprotocols (after the origin check): 404 without a route, 400 without entry. */
    static Step<ServiceMapper.Selected> select(HandshakeRequest request, List<String> offered,
            Supplier<ServiceMapper> mapper) {
        ServiceMapper.Selection selection;
        try {
            selection = mapper.get().select(request.path(), offered);
        } catch (RuntimeException e) {
            Logs.HANDSHAKE.log(Level.WARNING, "service mapper failed", e);
            return Step.refuse(INTERNAL_ERROR);
        }
        if (selection instanceof ServiceMapper.NoRoute) {
            return Step.refuse(404, Headers.empty(), "no WebSocket service at this path");
        }
        if (selection instanceof ServiceMapper.NoSubprotocol) {
            return Step.refuse(400, Headers.empty(), "no WebSocket service here for the offered subprotocols");
        }
        return Step.of((ServiceMapper.Selected) selection);
    }

    /**
     * The subprotocol to answer with: the hook's choice ({@link HandshakeDecision.Accept#subprotocol()}) where it
     * made one, else the mapper's; {@code null} for none. A hook's choice the client did not offer is answered 500,
     * as a failing hook is.
     */
    static Step<String> subprotocol(ServiceMapper.Selected selected, HandshakeDecision.Accept accept,
            List<String> offered) {
        if (accept.subprotocol().isEmpty()) {
            return Step.of(selected.subprotocol().orElse(null));
        }
        String chosen = accept.subprotocol().get();
        if (chosen.isEmpty()) {
            return Step.of(null);
        }
        if (!offered.contains(chosen)) {
            Logs.HANDSHAKE.log(Level.WARNING, "handshake hook chose the subprotocol \"" + chosen
                    + "\", which the client did not offer: " + offered);
            return Step.refuse(INTERNAL_ERROR);
        }
        return Step.of(chosen);
    }

    /**
     * Whether {@code hook} has a decision to make on {@code request} ({@link HandshakeHook#decides}): false for
     * {@link HandshakeHook#ACCEPT_ALL}; a hook that throws refuses the handshake with 500. I/O thread.
     */
    static Step<Boolean> hookDecides(HandshakeHook hook, HandshakeRequest request) {
        if (hook == HandshakeHook.ACCEPT_ALL) {
            return Step.of(false);
        }
        try {
            return Step.of(hook.decides(request));
        } catch (Throwable t) {
            Logs.HANDSHAKE.log(Level.WARNING, "handshake hook failed", t);
            return Step.refuse(INTERNAL_ERROR);
        }
    }

    /**
     * Asks the handshake hook (on a handler thread: it may block). A hook that answers {@code null} accepts; one that
     * throws is answered 500.
     */
    static Step<HandshakeDecision.Accept> askHook(HandshakeHook hook, HandshakeRequest request) {
        HandshakeDecision decision;
        try {
            decision = hook.onHandshake(request);
        } catch (Throwable t) {
            Logs.HANDSHAKE.log(Level.WARNING, "handshake hook failed", t);
            return Step.refuse(INTERNAL_ERROR);
        }
        if (decision == null) {
            return Step.of((HandshakeDecision.Accept) HandshakeDecision.accept());
        }
        if (decision instanceof HandshakeDecision.Reject r) {
            return Step.refuse(r.status(), r.headers(), r.body());
        }
        return Step.of((HandshakeDecision.Accept) decision);
    }
}
