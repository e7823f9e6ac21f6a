package net.websocket.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import net.websocket.api.HandshakeDecision;
import net.websocket.api.HandshakeHook;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.Extension;
import net.websocket.api.spi.ExtensionException;
import net.websocket.api.spi.ExtensionFactory;
import net.websocket.api.spi.ExtensionParameters;

/**
 * The extensions one server handshake may agree, as its handshake hook narrows them
 * ({@link HandshakeDecision.Accept#extensions()}). The variant's handshake starts, with the server's extension
 * factories, before the hook has run, but negotiates only when it is accepted: so it starts with each factory behind
 * this gate, and the gate is told the hook's answer before the acceptance. A factory the answer leaves out declines
 * every offer. Used by one thread at a time, the one that handles the handshake.
 */
final class ExtensionGate {

    private final EngineConfig config;
    /** {@code null}: every factory may negotiate. */
    private Set<String> allowed;

    private ExtensionGate(EngineConfig base) {
        List<ExtensionFactory> gated = new ArrayList<>(base.extensions().size());
        for (ExtensionFactory f : base.extensions()) {
            gated.add(new Gated(f));
        }
        this.config = base.withExtensions(gated);
    }

    /**
     * A gate for a handshake that starts with {@code base}, or {@code null} where there is nothing to narrow: no
     * extension factory, or no hook that could answer (the server's is {@link HandshakeHook#ACCEPT_ALL}).
     *
     * @param base the server's engine config now
     * @param hook the server's handshake hook
     * @return the gate, or {@code null}
     */
    static ExtensionGate around(EngineConfig base, HandshakeHook hook) {
        return base.extensions().isEmpty() || hook == HandshakeHook.ACCEPT_ALL ? null : new ExtensionGate(base);
    }

    /** {@return the config to start the handshake with: the server's, its factories behind this gate} */
    EngineConfig config() {
        return config;
    }

    /**
     * Lets only these factories negotiate from now on.
     *
     * @param names the names the hook allowed; empty: every factory may
     */
    void allow(Optional<Set<String>> names) {
        this.allowed = names.orElse(null);
    }

    /** A factory that declines every offer unless the gate lets it negotiate; a client's calls pass through. */
    private final class Gated implements ExtensionFactory {
        private final ExtensionFactory factory;

        Gated(ExtensionFactory factory) {
            this.factory = factory;
        }

        @Override
        public String name() {
            return factory.name();
        }

        @Override
        public Optional<Extension> negotiate(ExtensionParameters offer, EngineConfig engineConfig) {
            Set<String> a = allowed;
            return a == null || a.contains(factory.name()) ? factory.negotiate(offer, engineConfig) : Optional.empty();
        }

        @Override
        public List<ExtensionParameters> offers(EngineConfig engineConfig) {
            return factory.offers(engineConfig);
        }

        @Override
        public Extension accept(ExtensionParameters response, EngineConfig engineConfig) throws ExtensionException {
            return factory.accept(response, engineConfig);
        }

        @Override
        public String toString() {
            return factory.toString();
        }
    }
}
