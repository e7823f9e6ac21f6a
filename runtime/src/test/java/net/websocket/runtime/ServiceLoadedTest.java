package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import net.websocket.api.spi.ExtensionFactory;
import net.websocket.api.spi.ProtocolVariant;

import org.junit.jupiter.api.Test;

/** The providers found through ServiceLoader: loaded once, arranged by each type's rule. */
class ServiceLoadedTest {

    @Test
    void variantsAreLoadedOnceNewestProtocolFirst() {
        List<ProtocolVariant> variants = VariantSource.serviceLoader().variants();
        assertEquals(List.of("rfc6455", "hybi00"), variants.stream().map(ProtocolVariant::name).toList());
        assertSame(variants, VariantSource.serviceLoader().variants());
        assertSame(variants, ServiceLoaded.VARIANTS.get());
    }

    @Test
    void extensionsAreOnePerNameInNameOrderAndTheOptionsDefault() {
        List<ExtensionFactory> extensions = ServiceLoaded.EXTENSIONS.get();
        List<String> names = extensions.stream().map(ExtensionFactory::name).toList();
        assertEquals(names.stream().distinct().sorted().toList(), names);
        assertSame(extensions, ServiceLoaded.EXTENSIONS.get());
        assertSame(extensions, ServerOptions.defaults().extensions().get());
        assertSame(extensions, ClientOptions.defaults().extensions().get());
    }
}
