package net.websocket.whiteboard.internal;

import java.util.Comparator;

import net.websocket.api.HandshakeHook;

/** A {@link HandshakeHook} service on the whiteboard, with its checked properties. */
final class HookRegistration {

    /** Higher {@code service.ranking} first, then lower {@code service.id}. */
    static final Comparator<HookRegistration> ORDER = Comparator
            .comparingInt((HookRegistration h) -> -h.spec().ranking())
            .thenComparingLong(HookRegistration::serviceId);

    private final long serviceId;
    private final long bundleId;
    private final HandshakeHook hook;
    private volatile WhiteboardSpec spec;

    HookRegistration(long serviceId, long bundleId, HandshakeHook hook, WhiteboardSpec spec) {
        this.serviceId = serviceId;
        this.bundleId = bundleId;
        this.hook = hook;
        this.spec = spec;
    }

    long serviceId() {
        return serviceId;
    }

    long bundleId() {
        return bundleId;
    }

    HandshakeHook hook() {
        return hook;
    }

    WhiteboardSpec spec() {
        return spec;
    }

    void spec(WhiteboardSpec spec) {
        this.spec = spec;
    }

    /** Whether the hook sees handshakes for this path on the server with this name. */
    boolean applies(String serverName, String path) {
        WhiteboardSpec s = spec;
        return s.appliesTo(serverName) && (s.pattern() == null || s.pattern().matcher(path).matches());
    }
}
