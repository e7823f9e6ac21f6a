package net.websocket.api.spi;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A WebSocket extension (RFC 6455 section 9) that a protocol variant can negotiate, such as permessage-deflate
 * (RFC 7692). The factory takes part in opening handshakes; each agreement makes one {@link Extension} for one
 * connection.
 *
 * <h2>Server side</h2>
 * The variant parses the client's {@code Sec-WebSocket-Extensions} offers and passes each offer bearing this
 * factory's {@link #name()}, in the client's order, to {@link #negotiate} until one is accepted: the first acceptable
 * offer wins. The agreed extension's {@link Extension#parameters()} become the response element. An offer the
 * factory cannot or will not honour (unknown or repeated parameters, invalid values, requirements it cannot meet)
 * is declined with an empty result; a declined offer is left out of the response, and the handshake goes on.
 *
 * <h2>Client side</h2>
 * The variant sends the {@link #offers} of every factory; if the server's response names this extension, the
 * variant passes that element to {@link #accept}, which checks it against what this factory offered (for the same
 * config) and either makes the extension or throws, which fails the handshake. A response naming an extension that
 * was not offered, or naming one twice, fails the handshake in the variant.
 *
 * <h2>How factories reach a variant</h2>
 * The runtime passes the factories present in {@link EngineConfig#extensions()} to
 * {@link ProtocolVariant#startServer} and {@link ProtocolVariant#startClient}; a variant that supports no extensions
 * ignores them. Factories are found through {@link java.util.ServiceLoader}
 * ({@code provides net.websocket.api.spi.ExtensionFactory}) and, in OSGi, as services of this type with the
 * service property {@value #EXTENSION_PROPERTY} naming the extension. Which factories a server or client uses is
 * a runtime option.
 *
 * <p>Thread-safe and stateless: one factory serves many handshakes at once. Offers must depend only on the
 * factory's settings and the config, since {@link #accept} judges the response against them.
 */
@ConsumerType
public interface ExtensionFactory {

    /** The service property that names the extension in OSGi. */
    String EXTENSION_PROPERTY = "websocket.extension";

    /**
     * {@return the extension's registered name (the token in {@code Sec-WebSocket-Extensions}), e.g.
     * {@code permessage-deflate}}
     */
    String name();

    /**
     * Server side: judges one offer of this extension.
     *
     * @param offer  one element of the client's {@code Sec-WebSocket-Extensions} with this factory's name
     * @param config the server's engine config
     * @return the extension for this connection, whose parameters are the response; empty to decline the offer
     */
    Optional<Extension> negotiate(ExtensionParameters offer, EngineConfig config);

    /**
     * Client side: the offers to send, most preferred first; empty to offer nothing (e.g. when disabled).
     *
     * @param config the client's engine config
     * @return the offers, each an element of {@code Sec-WebSocket-Extensions} named {@link #name()}; possibly empty
     */
    List<ExtensionParameters> offers(EngineConfig config);

    /**
     * Client side: checks the server's response to this factory's offers and makes the extension.
     *
     * @param response the element of the server's {@code Sec-WebSocket-Extensions} with this factory's name
     * @param config   the client's engine config, the same that {@link #offers} was given
     * @return the extension for this connection, whose parameters are the response as accepted
     * @throws ExtensionException if the response is not a valid answer to any of the offers (an unknown, repeated
     *                            or invalid parameter, or one the offers did not allow): the handshake fails
     */
    Extension accept(ExtensionParameters response, EngineConfig config) throws ExtensionException;
}
