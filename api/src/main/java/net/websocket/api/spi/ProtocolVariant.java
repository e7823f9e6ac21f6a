package net.websocket.api.spi;

import java.util.List;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeRequest;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A WebSocket protocol variant (RFC 6455, hybi-00, ...): it recognises its own kind of opening handshake, performs
 * server and client handshakes, and makes the {@link FrameEngine} that frames the connection afterwards.
 *
 * <p>Sans-I/O and thread-safe: the runtime calls it from any thread, for many connections at once, and it keeps no
 * per-connection state itself (that lives in the handshake and engine objects it returns). The runtime picks a
 * variant for each handshake among those present at that moment, so variants come and go while servers run.
 *
 * <p>Found through {@link java.util.ServiceLoader} ({@code provides net.websocket.api.spi.ProtocolVariant}) and,
 * in OSGi, as a service of this type with the service property {@value #VARIANT_PROPERTY}.
 */
@ConsumerType
public interface ProtocolVariant {

    /** The service property that names the variant in OSGi. */
    String VARIANT_PROPERTY = "websocket.variant";

    /** {@return the variant's name, e.g. {@code "rfc6455"} or {@code "hybi00"}: what clients ask for} */
    String name();

    /**
     * {@return the {@code Sec-WebSocket-Version} values this variant speaks (e.g. {@code ["13"]})} The runtime lists
     * them in a {@code 426 Upgrade Required} answer to a request no present variant accepts. Empty for variants that
     * predate that header.
     */
    List<String> versions();

    /**
     * Whether the request is this variant's kind of handshake (RFC 6455: it has {@code Sec-WebSocket-Version};
     * hybi-00: {@code Sec-WebSocket-Key1} and {@code Key2}). Cheap; does not validate the request.
     *
     * @param request the handshake request as received
     * @return whether this variant should handle it
     */
    boolean matches(HandshakeRequest request);

    /**
     * Validates the request head of a handshake that {@link #matches} and begins the server side of it.
     *
     * @param request the handshake request as received
     * @param config  the server's engine settings: role {@link EngineConfig.Role#SERVER}, limits, the extensions
     *                present
     * @return the server side of this handshake, for the runtime to continue
     * @throws HandshakeException with the HTTP status to answer (400 for a malformed request, 426 with
     *                            {@code Sec-WebSocket-Version} for an unsupported version, ...)
     */
    ServerHandshake startServer(HandshakeRequest request, EngineConfig config) throws HandshakeException;

    /**
     * Begins the client side of a handshake.
     *
     * @param request what the client asks for
     * @param config  the client's engine settings: role {@link EngineConfig.Role#CLIENT}, limits, the extensions
     *                present
     * @return the client side of this handshake, whose {@link ClientHandshake#request()} the runtime writes
     * @throws IllegalArgumentException if the request cannot be sent as asked, e.g. it has a header the handshake
     *                                  sets itself or a subprotocol that is not a token
     */
    ClientHandshake startClient(ClientHandshakeRequest request, EngineConfig config);
}
