package net.websocket.hybi00;

import java.security.SecureRandom;
import java.util.List;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.spi.ClientHandshake;
import net.websocket.api.spi.ClientHandshakeRequest;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.api.spi.ServerHandshake;
import net.websocket.hybi00.internal.Hybi00ClientHandshake;
import net.websocket.hybi00.internal.Hybi00ServerHandshake;

import org.osgi.service.component.annotations.Component;

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
 * <p>Sans-I/O and thread-safe; keys come from one shared {@link SecureRandom}.
 */
@Component(service = ProtocolVariant.class, property = { ProtocolVariant.VARIANT_PROPERTY + "=" + Hybi00Variant.NAME })
public final class Hybi00Variant implements ProtocolVariant {

    /** The variant's name. */
    public static final String NAME = "hybi00";

    private final SecureRandom random = new SecureRandom();

    /** Made by {@link java.util.ServiceLoader} and by Declarative Services. */
    public Hybi00Variant() {
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
        return Hybi00ServerHandshake.start(request, config);
    }

    @Override
    public ClientHandshake startClient(ClientHandshakeRequest request, EngineConfig config) {
        return Hybi00ClientHandshake.start(request, config, random);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
