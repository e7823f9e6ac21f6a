package net.websocket.hybi00;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.spi.ClientHandshake;
import net.websocket.api.spi.ClientHandshakeRequest;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.api.spi.ServerHandshake;
import net.websocket.hybi00.internal.Hybi00ClientHandshake;
import net.websocket.hybi00.internal.Hybi00Engine;
import net.websocket.hybi00.internal.Hybi00ServerHandshake;
import net.websocket.hybi00.internal.LengthPrefixedEngine;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * The hybi-00 protocol variant: draft-ietf-hybi-thewebsocketprotocol-00, on the wire the same as
 * draft-hixie-thewebsocketprotocol-76, as spoken by browsers of 2010 and 2011.
 *
 * <p>Its handshake is recognised by {@code Sec-WebSocket-Key1} and {@code Sec-WebSocket-Key2} without
 * {@code Sec-WebSocket-Version}; it carries 8 bytes of key after the request head and 16 bytes of challenge answer
 * after the response head. Its framing carries whole text messages only: no binary, no fragments, no ping or pong, and
 * a close without status code or reason. Subprotocols: the client offers a single one (the first of those it is
 * given); the server also accepts a comma-separated list.
 *
 * <p>The framing after the handshake is the draft's {@link Framing#SENTINEL sentinel framing} by default; the
 * {@link Framing#LENGTH_PREFIXED length-prefixed framing} that Racket's net/websocket offers as {@code 'new} is an
 * option, on both sides (the handshake is the same, so a server and its clients must agree beforehand).
 *
 * <p>Found through {@link java.util.ServiceLoader} (with the sentinel framing) and, in OSGi, as a Declarative
 * Services component configurable under the PID {@value #PID}: its property {@value #FRAMING_PROPERTY} is
 * {@code old} (the default) or {@code new}. Sans-I/O and thread-safe; keys come from one shared
 * {@link SecureRandom}.
 */
@Component(service = ProtocolVariant.class, configurationPid = Hybi00Variant.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = { ProtocolVariant.VARIANT_PROPERTY + "=" + Hybi00Variant.NAME })
public final class Hybi00Variant implements ProtocolVariant {

    /** The variant's name. */
    public static final String NAME = "hybi00";

    /** The configuration PID of the OSGi component. */
    public static final String PID = "net.websocket.hybi00";

    /** The configuration property that chooses the {@link Framing}: {@code old} or {@code new}. */
    public static final String FRAMING_PROPERTY = "framing";

    /** How messages are framed after the handshake. */
    public enum Framing {
        /**
         * The draft's framing, Racket's {@code 'old}: a text message is {@code 0x00}, its UTF-8, then {@code 0xFF};
         * the close frame is {@code 0xFF 0x00}. What browsers of 2010 and 2011 and every other hybi-00 peer speak.
         */
        SENTINEL("old", Hybi00Engine::new),
        /**
         * Racket's {@code 'new}: every frame is one type byte ({@code 0x00} text, {@code 0xFF} close), the payload's
         * length as 8 bytes big-endian, then the payload. No independent peer speaks it but Racket's
         * net/websocket.
         */
        LENGTH_PREFIXED("new", LengthPrefixedEngine::new);

        private final String configName;
        private final Function<EngineConfig, FrameEngine> engines;

        Framing(String configName, Function<EngineConfig, FrameEngine> engines) {
            this.configName = configName;
            this.engines = engines;
        }

        /** {@return the value of {@value Hybi00Variant#FRAMING_PROPERTY} that selects it: {@code old} or {@code new}} */
        public String configName() {
            return configName;
        }

        /**
         * The framing a configuration value names.
         *
         * @param value {@code old} or {@code new} (Racket's names), or the constant's name; any case
         * @return the framing
         * @throws IllegalArgumentException for any other value
         */
        public static Framing parse(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            for (Framing f : values()) {
                if (f.configName.equals(v) || f.name().toLowerCase(Locale.ROOT).equals(v)) {
                    return f;
                }
            }
            throw new IllegalArgumentException(FRAMING_PROPERTY + " must be old or new, not " + value);
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Framing framing;

    /** With the sentinel framing (for {@link java.util.ServiceLoader}). */
    public Hybi00Variant() {
        this(Framing.SENTINEL);
    }

    /**
     * With this framing.
     *
     * @param framing how messages are framed after the handshake
     */
    public Hybi00Variant(Framing framing) {
        this.framing = Objects.requireNonNull(framing, "framing");
    }

    /**
     * With the framing a configuration asks for (the OSGi component's constructor).
     *
     * @param properties the configuration: {@value #FRAMING_PROPERTY} is {@code old} (also when absent) or
     *                   {@code new}
     * @throws IllegalArgumentException if {@value #FRAMING_PROPERTY} has another value
     */
    @Activate
    public Hybi00Variant(Map<String, Object> properties) {
        this(Framing.parse(String.valueOf(properties.getOrDefault(FRAMING_PROPERTY, Framing.SENTINEL.configName))));
    }

    /** {@return how this variant frames messages after the handshake} */
    public Framing framing() {
        return framing;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Empty: hybi-00 predates {@code Sec-WebSocket-Version}. */
    @Override
    public List<String> versions() {
        return List.of();
    }

    /** Whether the request has both keys and no {@code Sec-WebSocket-Version}. */
    @Override
    public boolean matches(HandshakeRequest request) {
        var headers = request.headers();
        return headers.contains("Sec-WebSocket-Key1") && headers.contains("Sec-WebSocket-Key2")
                && !headers.contains("Sec-WebSocket-Version");
    }

    @Override
    public ServerHandshake startServer(HandshakeRequest request, EngineConfig config) throws HandshakeException {
        return Hybi00ServerHandshake.start(request, config, framing.engines);
    }

    @Override
    public ClientHandshake startClient(ClientHandshakeRequest request, EngineConfig config) {
        return Hybi00ClientHandshake.start(request, config, random, framing.engines);
    }

    @Override
    public String toString() {
        return framing == Framing.SENTINEL ? NAME : NAME + " (" + framing.configName + " framing)";
    }
}
