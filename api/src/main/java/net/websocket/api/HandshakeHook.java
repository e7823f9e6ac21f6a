package net.websocket.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Inspects each opening handshake before it is accepted: it sees the
 * request line and headers, and either accepts, adding response headers and producing a state object that the
 * connection carries ({@link Connection#state()}), or rejects with an HTTP status.
 *
 * <p>It runs after routing chose an endpoint and before the 101 response is written. It is called on a handler
 * thread, so it may block briefly (for example to check a token), though every moment it takes delays that
 * handshake. If it throws, the handshake is answered {@code 500}.
 */
@ConsumerType
@FunctionalInterface
public interface HandshakeHook {
    /** Accepts every handshake with no extra headers and no state. */
    HandshakeHook ACCEPT_ALL = request -> HandshakeDecision.accept();

    /**
     * Decides on one handshake.
     *
     * @param request the handshake request as the server received it
     * @return {@link HandshakeDecision#accept()} or another acceptance, or a {@link HandshakeDecision.Reject};
     *         {@code null} accepts with no extra headers and no state
     * @throws Exception anything; the handshake is then answered {@code 500}
     */
    HandshakeDecision onHandshake(HandshakeRequest request) throws Exception;
}
