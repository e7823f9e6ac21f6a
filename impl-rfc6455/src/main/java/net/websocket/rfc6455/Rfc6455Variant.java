package net.websocket.rfc6455;

import java.util.List;
import java.util.Objects;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.spi.ClientHandshake;
import net.websocket.api.spi.ClientHandshakeRequest;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.api.spi.ServerHandshake;
import net.websocket.rfc6455.internal.Rfc6455ClientHandshake;
import net.websocket.rfc6455.internal.Rfc6455ServerHandshake;

import org.osgi.service.component.annotations.Component;

/**
 * The RFC 6455 protocol variant, version 13 of the WebSocket protocol: the opening handshake of section 4 and the
 * framing of sections 5 and 7, and the extensions of section 9 whose factories the config carries (at most one per
 * connection; see {@link net.websocket.api.spi.ExtensionFactory}). Sans-I/O, stateless and thread-safe; all per-connection state
 * lives in the handshakes and engines it returns.
 *
 * <p>Found through {@link java.util.ServiceLoader} and, in OSGi, as a Declarative Services component registered as
 * a {@link ProtocolVariant} service with {@code websocket.variant=rfc6455}.
 */
@Component(service = ProtocolVariant.class,
        property = {ProtocolVariant.VARIANT_PROPERTY + "=" + Rfc6455Variant.NAME, "websocket.versions=13"})
public final class Rfc6455Variant implements ProtocolVariant {

    /** The variant's name. */
    public static final String NAME = "rfc6455";

    /** The only {@code Sec-WebSocket-Version} this variant speaks. */
    public static final String VERSION = "13";

    private static final List<String> VERSIONS = List.of(VERSION);

    /** Creates the variant (for ServiceLoader and Declarative Services). */
    public Rfc6455Variant() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> versions() {
        return VERSIONS;
    }

    /** An RFC 6455 handshake is one that carries {@code Sec-WebSocket-Version} (whatever its value). */
    @Override
    public boolean matches(HandshakeRequest request) {
        return request.headers().contains("Sec-WebSocket-Version");
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code config} is not for the server role
     */
    @Override
    public ServerHandshake startServer(HandshakeRequest request, EngineConfig config) throws HandshakeException {
        Objects.requireNonNull(request, "request");
        requireRole(config, EngineConfig.Role.SERVER);
        return Rfc6455ServerHandshake.start(request, config);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code config} is not for the client role, if the extra headers name a
     *                                  header the handshake itself sets, or if a subprotocol is not a valid token
     *                                  or is offered twice
     */
    @Override
    public ClientHandshake startClient(ClientHandshakeRequest request, EngineConfig config) {
        Objects.requireNonNull(request, "request");
        requireRole(config, EngineConfig.Role.CLIENT);
        return new Rfc6455ClientHandshake(request, config);
    }

    private static void requireRole(EngineConfig config, EngineConfig.Role role) {
        Objects.requireNonNull(config, "config");
        if (config.role() != role) {
            throw new IllegalArgumentException("a " + role + " handshake needs a " + role + " engine config, not "
                    + config.role());
        }
    }

    @Override
    public String toString() {
        return "RFC 6455 (version " + VERSION + ")";
    }
}
