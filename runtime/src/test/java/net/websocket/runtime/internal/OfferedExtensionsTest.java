package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.websocket.api.ConnectRequest;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.Extension;
import net.websocket.api.spi.ExtensionFactory;
import net.websocket.api.spi.ExtensionParameters;

/** {@link ClientImpl#offered}: the extensions one connection offers, as its request chooses them. */
class OfferedExtensionsTest {

    private static ExtensionFactory factory(String name) {
        return new ExtensionFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<Extension> negotiate(ExtensionParameters offer, EngineConfig config) {
                return Optional.empty();
            }

            @Override
            public List<ExtensionParameters> offers(EngineConfig config) {
                return List.of();
            }

            @Override
            public Extension accept(ExtensionParameters response, EngineConfig config) {
                throw new UnsupportedOperationException("never asked here");
            }
        };
    }

    private final ExtensionFactory deflate = factory("permessage-deflate");
    private final ExtensionFactory other = factory("x-other");
    private final List<ExtensionFactory> clients = List.of(deflate, other);

    @Test
    void withoutAChoiceEveryExtensionOfTheClientIsOffered() {
        assertEquals(clients, ClientImpl.offered(clients, ConnectRequest.defaults()));
    }

    @Test
    void theRequestsNamesChooseInItsOrderIgnoringCaseAndUnknownNames() {
        ConnectRequest r = ConnectRequest.builder().extensions(List.of("X-Other", "unknown", "permessage-deflate"))
                .build();
        assertEquals(List.of(other, deflate), ClientImpl.offered(clients, r));
        assertEquals(r.extensions(), r.toBuilder().build().extensions());
    }

    @Test
    void anEmptyChoiceOffersNone() {
        assertEquals(List.of(), ClientImpl.offered(clients, ConnectRequest.builder().extensions(List.of()).build()));
    }
}
