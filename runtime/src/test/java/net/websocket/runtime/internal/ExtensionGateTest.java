package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import net.websocket.api.HandshakeDecision;
import net.websocket.api.HandshakeHook;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.Extension;
import net.websocket.api.spi.ExtensionFactory;
import net.websocket.api.spi.ExtensionParameters;

/** A handshake hook narrows the extensions a handshake that already started may agree. */
class ExtensionGateTest {

    /** Declines every offer, noting that it was asked. */
    private static final class Asked implements ExtensionFactory {
        final String name;
        final List<String> asked = new ArrayList<>();

        Asked(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Optional<Extension> negotiate(ExtensionParameters offer, EngineConfig config) {
            asked.add(offer.name());
            return Optional.empty();
        }

        @Override
        public List<ExtensionParameters> offers(EngineConfig config) {
            return List.of(ExtensionParameters.of(name));
        }

        @Override
        public Extension accept(ExtensionParameters response, EngineConfig config) {
            throw new UnsupportedOperationException();
        }
    }

    private static final HandshakeHook HOOK = r -> HandshakeDecision.accept();

    @Test
    void onlyTheFactoriesTheHookAllowsNegotiate() {
        Asked a = new Asked("x-a");
        Asked b = new Asked("x-b");
        EngineConfig base = EngineConfig.defaults(EngineConfig.Role.SERVER).withExtensions(List.of(a, b));
        ExtensionGate gate = ExtensionGate.around(base, HOOK);
        List<ExtensionFactory> gated = gate.config().extensions();
        assertEquals(List.of("x-a", "x-b"), gated.stream().map(ExtensionFactory::name).toList());
        assertEquals(List.of(ExtensionParameters.of("x-a")), gated.get(0).offers(gate.config()));

        gate.allow(Optional.of(Set.of("x-b")));
        gated.get(0).negotiate(ExtensionParameters.of("x-a"), gate.config());
        gated.get(1).negotiate(ExtensionParameters.of("x-b"), gate.config());
        assertEquals(List.of(), a.asked, "left out by the hook: declined without asking the factory");
        assertEquals(List.of("x-b"), b.asked);

        gate.allow(Optional.empty());
        gated.get(0).negotiate(ExtensionParameters.of("x-a"), gate.config());
        assertEquals(List.of("x-a"), a.asked, "no narrowing: every factory negotiates");

        gate.allow(Optional.of(Set.of()));
        gated.get(1).negotiate(ExtensionParameters.of("x-b"), gate.config());
        assertEquals(List.of("x-b"), b.asked, "none allowed");
    }

    @Test
    void noGateWhereThereIsNothingToNarrow() {
        EngineConfig none = EngineConfig.defaults(EngineConfig.Role.SERVER);
        assertNull(ExtensionGate.around(none, HOOK));
        EngineConfig some = none.withExtensions(List.of(new Asked("x-a")));
        assertNull(ExtensionGate.around(some, HandshakeHook.ACCEPT_ALL));
        assertEquals(some.maxMessageSize(), ExtensionGate.around(some, HOOK).config().maxMessageSize());
    }
}
