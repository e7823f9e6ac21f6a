package net.websocket.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Inspects each opening handshake before it is accepted: it sees the
 * request line and headers, and either accepts, adding response headers and producing a state object that the
 * connection carries ({@link Connection#state()}), or rejects with an HTTP status.
 *
 * <p>It runs after routing chose an endpoint and before the 101 response is written. It is called on a handler
 * thread, so it may block briefly (for example to check a token), though every moment it takes delays that
 * handshake. If it throws, the handshake is answered {@code 500}. A hook with nothing to decide on some requests
 * says so in {@link #decides}: those are accepted on the I/O thread without the hand-off.
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

    /**
     * Whether this hook has anything to decide on {@code request}. When it answers {@code false} the handshake is
     * accepted as {@link #ACCEPT_ALL} would accept it, at once on the I/O thread, without the hand-off to a handler
     * thread and back that {@link #onHandshake} costs; a hook that only looks at some paths says so here. Called on
     * an I/O thread, before {@link #onHandshake}: it must be quick and must not block.
     *
     * @param request the handshake request as the server received it
     * @return {@code true} (the default) to have {@link #onHandshake} decide; {@code false} to accept at once
     * @throws Exception anything; the handshake is then answered {@code 500}
     */
    default boolean decides(HandshakeRequest request) throws Exception {
        return true;
    }
}
