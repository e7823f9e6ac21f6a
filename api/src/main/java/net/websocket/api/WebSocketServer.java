package net.websocket.api;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A running server: the handle {@code serve(...)} returns. Closing it stops accepting, closes every connection with
 * 1001 (going away), waits for their closing handshakes up to a timeout, and releases every thread and socket.
 */
@ProviderType
public interface WebSocketServer extends AutoCloseable {

    /** {@return the address the server is bound to, with the actual port when port 0 was asked for} */
    InetSocketAddress address();

    /** {@return the bound port: the actual one when port 0 was asked for} */
    default int port() {
        return address().getPort();
    }

    /** {@return the number of open WebSocket connections} */
    int connectionCount();

    /**
     * {@return the open connections at this moment: a snapshot, in no particular order, that does not change as
     * connections open and close} A connection in it may close at any time after.
     */
    List<Connection> connections();

    /**
     * {@return the open connections at this moment that the route with this path expression accepted: the route of
     * the {@link ServiceMapper} whose path expression ({@link ServiceMapper.Selected#pathPattern()}, the regular
     * expression the route was made with) is {@code pathPattern}, compared as text} A snapshot, as
     * {@link #connections()}; empty when no connection of that route is open. In OSGi the route of an endpoint
     * service is its {@code websocket.path} property.
     *
     * @param pathPattern the path expression of a route, exactly as the mapper was given it
     */
    List<Connection> connections(String pathPattern);

    /**
     * Sends one message to many connections without waiting for any of them, and tells what became of it for each.
     * Each connection either takes the message into its outbound queue, after what was sent to it before, or, when
     * its queue is over its limit, is treated as {@code policy} says (skipped, or closed once it missed too many in
     * a row); a connection in the middle of a fragmented message of its own, or whose variant cannot carry the message
     * (binary on hybi-00), is skipped (never closed for that).
     * One slow connection never holds up the others or the caller. Broadcasts made one after the other by one thread
     * reach each connection in that order.
     *
     * <p>The frame is encoded once and shared (not copied) by the connections whose frames are the same: the server
     * connections of one protocol variant that negotiated no extension (RFC 6455 connections share one frame,
     * hybi-00 connections another). A connection with an extension (permessage-deflate, whose output depends on
     * what the connection sent before when it keeps its context) and a client connection (whose frames are masked)
     * get a frame of their own, encoded for them (on their I/O threads). Connections of another implementation get an
     * asynchronous send.
     *
     * <p>The work is spread over the connections' I/O threads; the stage completes once every connection is counted
     * (its dependents do not run on an I/O thread), never exceptionally. A text message is encoded as UTF-8 once.
     *
     * @param message     the message; not {@code null}
     * @param connections the connections to send it to (of this server, or others of this runtime); not
     *                    {@code null}; a connection given twice gets the message twice
     * @param policy      what to do with a connection that cannot take the message now; not {@code null}
     * @return a stage that completes with the counts
     */
    CompletionStage<BroadcastResult> broadcast(Message message, Collection<? extends Connection> connections,
            BroadcastPolicy policy);

    /**
     * Sends one message to many connections with the {@linkplain BroadcastPolicy#defaults() default policy}: as
     * {@link #broadcast(Message, Collection, BroadcastPolicy)}.
     *
     * @param message     the message; not {@code null}
     * @param connections the connections to send it to; not {@code null}
     * @return a stage that completes with the counts
     */
    default CompletionStage<BroadcastResult> broadcast(Message message, Collection<? extends Connection> connections) {
        return broadcast(message, connections, BroadcastPolicy.defaults());
    }

    /**
     * Sends one message to every open connection with the {@linkplain BroadcastPolicy#defaults() default policy}: as
     * {@link #broadcast(Message, Collection, BroadcastPolicy)} given {@link #connections()}.
     *
     * @param message the message; not {@code null}
     * @return a stage that completes with the counts
     */
    default CompletionStage<BroadcastResult> broadcast(Message message) {
        return broadcast(message, connections(), BroadcastPolicy.defaults());
    }

    /**
     * The server's metrics, read live: connections, handshakes, messages, bytes, close codes, pings, timings.
     *
     * @return the metrics of this server since it started
     */
    WebSocketMetrics metrics();

    /** {@return whether the server is still accepting connections: {@code false} once closing began} */
    boolean isRunning();

    /** Stops the server, waiting up to the configured shutdown timeout for closing handshakes. Idempotent. */
    @Override
    void close();

    /**
     * Stops the server, waiting up to {@code timeout} for closing handshakes. Idempotent.
     *
     * @param timeout how long the connections may take to finish their closing handshakes before the rest are dropped
     *                ({@link Duration#ZERO}: at once); not {@code null}
     */
    void close(Duration timeout);

    /** {@return a stage that completes (with {@code null}, never exceptionally) once the server has fully stopped} */
    CompletionStage<Void> stopped();
}
