package net.websocket.runtime;

import java.util.List;
import java.util.ServiceLoader;

import net.websocket.api.spi.ProtocolVariant;

/**
 * Where a server or client finds its protocol variants. The runtime asks at every handshake, so a source may change
 * its answer while servers run (the OSGi layer passes one that follows the services present).
 */
@FunctionalInterface
public interface VariantSource {

    /**
     * The variants present now, in order of preference (a server picks the first whose {@code matches} is true).
     *
     * @return the variants, possibly none for now (a server then answers handshakes 503)
     */
    List<ProtocolVariant> variants();

    /**
     * The variants that {@link ServiceLoader} finds, loaded once: providers in named modules of this module's layer
     * and its parents, and providers on the class path. Ordered newest protocol first: by the highest
     * {@link ProtocolVariant#versions() version} they speak, then by name. {@code WebSockets} refuses to start a
     * server or client with this source when it finds no variant (RFC 6455 comes with the runtime's artifact).
     *
     * @return the one service-loaded source (the same instance at every call)
     */
    static VariantSource serviceLoader() {
        return ServiceLoaded.VARIANT_SOURCE;
    }

    /**
     * A fixed list of variants, in the order given.
     *
     * @param variants the variants, in order of preference; none of them {@code null}
     * @return a source that always lists these variants
     */
    static VariantSource of(ProtocolVariant... variants) {
        List<ProtocolVariant> list = List.of(variants);
        return () -> list;
    }
}
