package net.websocket.deflate;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.Extension;
import net.websocket.api.spi.ExtensionException;
import net.websocket.api.spi.ExtensionFactory;
import net.websocket.api.spi.ExtensionParameters;
import net.websocket.deflate.internal.Negotiation;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * The permessage-deflate extension (RFC 7692) as an {@link ExtensionFactory}, for servers and clients.
 *
 * <h2>Negotiation</h2>
 * All four parameters of section 7.1 are understood in offers and responses; an element with any other parameter,
 * a parameter twice, a value where none belongs or a window size that is not 8 to 15 (decimal, no leading zeros) is
 * declined (server) or fails the handshake (client).
 * <ul>
 * <li>As a server it accepts every valid offer (the engine takes the first acceptable one in the client's order):
 * {@code server_no_context_takeover} is answered and kept; {@code server_max_window_bits=N} is answered with N (or
 * less, see {@link DeflateOptions#serverMaxWindowBits()}) and kept, below 15 by compressing with Huffman coding only
 * (see {@link DeflateOptions}); an offered {@code client_no_context_takeover} is echoed; an offered
 * {@code client_max_window_bits} is answered only when {@link DeflateOptions#clientMaxWindowBits()} asks for a
 * limit, since inflating with a 32 KiB window decodes any window.</li>
 * <li>As a client it offers {@code permessage-deflate; client_max_window_bits} plus what the options ask (and a
 * plain fallback offer when they ask something of the server), and accepts a response that answers one of its
 * offers validly; a {@code client_max_window_bits} below 15 in the response is kept by Huffman-only compression.</li>
 * </ul>
 *
 * <h2>Compression</h2>
 * Messages whose first frame is shorter than {@link DeflateOptions#minMessageSize()} go out uncompressed (RSV1
 * clear); others are compressed frame by frame into one stream with sync flushes (fragments: RSV1 on the first
 * frame only). Received compressed messages are inflated as their frames arrive, under the engine's message limit.
 *
 * <p>Found through {@link java.util.ServiceLoader} (with the default options) and, in OSGi, as a Declarative
 * Services component: an {@link ExtensionFactory} service with {@code websocket.extension=permessage-deflate},
 * configurable under the PID {@value #PID} with the properties of {@link DeflateOptions#fromProperties}.
 * Thread-safe and stateless.
 */
@Component(service = ExtensionFactory.class, configurationPid = PerMessageDeflate.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = ExtensionFactory.EXTENSION_PROPERTY + "=" + PerMessageDeflate.NAME)
public final class PerMessageDeflate implements ExtensionFactory {

    /** The extension's registered name. */
    public static final String NAME = "permessage-deflate";

    /** The configuration PID of the OSGi component. */
    public static final String PID = "net.websocket.deflate";

    private final DeflateOptions options;
    private final Negotiation negotiation;

    /** With the {@link DeflateOptions#defaults() default options} (for ServiceLoader). */
    public PerMessageDeflate() {
        this(DeflateOptions.defaults());
    }

    /**
     * With these options.
     *
     * @param options the options
     */
    public PerMessageDeflate(DeflateOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.negotiation = new Negotiation(new Negotiation.Terms(options.enabled(), options.serverMaxWindowBits(),
                options.clientMaxWindowBits(), options.serverNoContextTakeover(), options.clientNoContextTakeover(),
                options.compressionLevel(), options.minMessageSize()));
    }

    /**
     * With options from configuration properties (the OSGi component's constructor).
     *
     * @param properties the configuration (see {@link DeflateOptions#fromProperties(Map)})
     * @throws IllegalArgumentException if a property is invalid
     */
    @Activate
    public PerMessageDeflate(Map<String, Object> properties) {
        this(DeflateOptions.fromProperties(properties));
    }

    /** @return the options this factory negotiates and compresses with */
    public DeflateOptions options() {
        return options;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Extension> negotiate(ExtensionParameters offer, EngineConfig config) {
        return negotiation.answer(offer).map(e -> e);
    }

    @Override
    public List<ExtensionParameters> offers(EngineConfig config) {
        return negotiation.offers();
    }

    @Override
    public Extension accept(ExtensionParameters response, EngineConfig config) throws ExtensionException {
        return negotiation.accept(response);
    }

    @Override
    public String toString() {
        return NAME + " " + options;
    }
}
