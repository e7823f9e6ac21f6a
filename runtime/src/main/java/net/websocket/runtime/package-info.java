/**
 * The net.websocket runtime: start servers and open client connections.
 *
 * <p>{@link net.websocket.runtime.WebSockets} is the entry point outside a framework; variants are found with
 * {@link java.util.ServiceLoader} ({@link net.websocket.runtime.VariantSource#serviceLoader()}). In OSGi the runtime's
 * components do the same with services.
 *
 * <h2>Threads</h2>
 * Sockets are served by a few selector threads ({@code ioThreads}); no application code runs on them. Handlers,
 * listener callbacks and handshake hooks run on handler threads: a virtual thread per task on Java 21 and later,
 * otherwise pooled daemon platform threads named {@code ws-handler-N}. A listener's callbacks for one connection run
 * one at a time, in order.
 *
 * <h2>Flow control</h2>
 * Each connection has a bounded outbound queue (blocking sends wait while it is over its limit) and a bounded
 * inbound queue (the socket is not read while the application is behind), so a slow peer or a slow handler holds
 * back its counterpart instead of filling memory.
 *
 * <h2>Closing</h2>
 * Closing follows RFC 6455 section 7: a close frame is answered with the same code; the server closes the TCP
 * connection, the client waits for it; close and idle timeouts bound every wait. The answer to the peer's close frame
 * (and the close frame that answers a protocol error) is sent only once the endpoint has consumed every message that
 * arrived before it, so that replies to those messages still go out: for a listener, once its callbacks for them
 * have returned; for a connection read with {@code receive} and its relatives, once the reader reaches the end of
 * the stream, closes the connection, or (a handler) returns, and at the latest after the close timeout. Nothing
 * that arrives after the close frame or the bad input is delivered. A connection that has sent its close frame
 * keeps reading the peer's remaining messages with the usual backpressure. Connections that time out or drop
 * report {@link net.websocket.api.CloseCodes#ABNORMAL}; idle connections are closed with
 * {@link net.websocket.api.CloseCodes#GOING_AWAY} "idle timeout"; a stopping server closes its connections with
 * {@link net.websocket.api.CloseCodes#GOING_AWAY} "going away".
 */
@Version("1.0.0")
@Export
package net.websocket.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
