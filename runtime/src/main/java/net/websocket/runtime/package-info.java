/**
 * The net.websocket runtime: start servers and open client connections.
 *
 * <p>{@link net.websocket.nio.WebSockets} is the entry point outside a framework; variants are found with
 * {@link java.util.ServiceLoader} ({@link net.websocket.runtime.VariantSource#serviceLoader()}). In OSGi the
 * whiteboard bundle ({@code net.websocket.whiteboard}) does the same with services.
 *
 * <h2>Threads</h2>
 * Sockets are served by a few selector threads ({@code ioThreads}); no application code runs on them. Handlers,
 * listener callbacks and handshake hooks run on handler threads: a virtual thread per task on Java 21 and later,
 * otherwise pooled daemon platform threads named {@code ws-handler-N}. A listener's callbacks for one connection run
 * one at a time, in order.
 *
 * <h2>Flow control</h2>
 * Each connection has a bounded outbound queue (blocking sends wait while it is over its limit, at most the send
 * timeout; asynchronous sends fail at once) and a bounded inbound queue (the socket is not read while the application
 * is behind), so a slow peer or a slow handler holds back its counterpart instead of filling memory. A peer that
 * takes none of our bytes for the write timeout is dropped, and a server's queues together are bounded by
 * {@link net.websocket.runtime.ServerOptions#maxQueuedBytes()}.
 *
 * <p>What a listener's callbacks send is written in batches: while callbacks run for messages that have already
 * arrived, their frames (up to 64 KiB) are held and then written together, in one system call, when those callbacks
 * are done (or after 64 of them). So a callback that blocks also holds back what the callbacks before it in the same
 * run sent; sends from other threads, and from handlers, are written at once.
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
 *
 * <h2>Keepalive</h2>
 * A connection that has received nothing for the ping interval (15 s by default) sends a ping; a peer that shows no
 * sign of life within the pong timeout after it gets a close frame with 1001 "ping timeout" and is dropped at once
 * (the endpoint sees {@link net.websocket.api.CloseCodes#ABNORMAL} "ping timeout"), at the ping interval plus the
 * pong timeout. A ping that cannot be written because the peer does not read counts as unanswered. Only for variants
 * with ping frames. The peer's pings are answered; at most one pong waits per connection, carrying the payload of
 * the latest ping.
 *
 * <h2>Policies</h2>
 * A server's {@link net.websocket.runtime.OriginPolicy} refuses handshakes from other origins (403 by default) before
 * routing and the handshake hook. The peer's protocol errors are answered with the right close frame; whether the
 * endpoint hears of them ({@link net.websocket.api.ProtocolException}) is the error policy
 * ({@code propagateProtocolErrors}). Every limit and refusal is listed, with its test, in the project's
 * {@code docs/ROBUSTNESS.md}.
 *
 * <h2>TLS</h2>
 * A server given TLS settings ({@link net.websocket.runtime.TlsOptions}, through
 * {@link net.websocket.runtime.ServerOptions.Builder#tlsOptions} or the short forms {@code tls(...)}) serves
 * {@code wss://} through {@link javax.net.ssl.SSLEngine} in the same I/O loops; its handshake counts against the
 * handshake timeout, and {@link net.websocket.api.HandshakeRequest#secure()} is {@code true}. Clients connect to
 * {@code wss://} URIs with {@link net.websocket.runtime.ClientOptions#tlsOptions()}, sending SNI and verifying the
 * host name unless told not to. The settings choose protocol versions, cipher suites and client certificates, and
 * may reload key store files as they change; each connection's session is
 * {@link net.websocket.api.Connection#sslSession()}. Delegated TLS tasks run on handler threads; TLS 1.2
 * renegotiation is refused.
 */
@Version("1.2.0")
@Export
package net.websocket.runtime;

import net.websocket.nio.WebSockets;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
