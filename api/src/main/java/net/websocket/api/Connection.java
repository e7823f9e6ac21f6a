package net.websocket.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLSession;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One open WebSocket connection, server or client side, of whatever protocol variant the handshake chose.
 *
 * <h2>Sending</h2>
 * All send methods may be called from any thread; sends are written in the order they were made. Every send is
 * bounded by the connection's {@link ConnectionSettings#outboundQueueLimit() outbound queue limit}. Blocking sends
 * return once the frame is handed to the runtime's outbound queue, waiting while more than the limit is queued
 * (backpressure from a slow peer), at most for the {@link ConnectionSettings#sendTimeout() send timeout}, after which
 * they throw {@link OutboundQueueFullException}. Asynchronous sends never wait: they return a stage that completes
 * when the frame has been written to the socket, or that fails at once with {@link OutboundQueueFullException} while
 * more than the limit is queued. A peer that takes none of our bytes for the
 * {@link ConnectionSettings#writeTimeout() write timeout} is dropped. A message sent in fragments
 * ({@link #sendFragment}, {@link #sendStream}, {@link #openBinaryStream}, {@link #openTextWriter}) must be finished
 * before another message is started.
 *
 * <h2>Receiving</h2>
 * A connection created for a {@link Handler} (or a client connection opened without a listener) queues whole
 * messages; {@link #receive()} and its relatives take them in order, blocking, with a timeout, as streams or
 * asynchronously. End of stream (the peer closed, or the connection failed) is {@code null}, never a message.
 * A connection created for a {@link Listener} delivers events to it instead, and its receive methods throw
 * {@link IllegalStateException}.
 *
 * <h2>Closing</h2>
 * {@link #close(int, String)} starts the closing handshake and is idempotent. The runtime answers a peer's close,
 * answers pings with pongs, and closes the TCP connection as RFC 6455 section 7 prescribes for each side.
 */
@ProviderType
public interface Connection extends AutoCloseable {

    // ---------------------------------------------------------------------------------------------- sending

    /**
     * Sends a whole text message, waiting while more than the outbound queue limit is queued.
     *
     * @param text the message; it is sent encoded as UTF-8
     * @throws OutboundQueueFullException if no room came within the send timeout (the message is not sent)
     * @throws ConnectionClosedException if the connection is closing or closed
     * @throws IOException if the wait for room was interrupted ({@link java.io.InterruptedIOException})
     */
    void sendText(CharSequence text) throws IOException;

    /**
     * Sends a whole binary message of {@code data}'s remaining bytes (the buffer's position is not changed), waiting
     * as {@link #sendText} does.
     *
     * @param data the message's bytes, from the buffer's position to its limit
     * @throws OutboundQueueFullException if no room came within the send timeout (the message is not sent)
     * @throws ConnectionClosedException if the connection is closing or closed
     * @throws IOException if the wait for room was interrupted ({@link java.io.InterruptedIOException})
     * @throws UnsupportedOperationException if the variant has no binary messages (hybi-00)
     */
    void sendBinary(ByteBuffer data) throws IOException;

    /**
     * Sends a whole binary message, as {@link #sendBinary(ByteBuffer)} does.
     *
     * @param data the message's bytes
     * @throws IOException as {@link #sendBinary(ByteBuffer)} throws
     */
    default void sendBinary(byte[] data) throws IOException {
        sendBinary(ByteBuffer.wrap(data));
    }

    /**
     * Sends a whole message of the given type, as {@link #sendText} or {@link #sendBinary(ByteBuffer)} does.
     *
     * @param message the message
     * @throws IOException as {@link #sendText} and {@link #sendBinary(ByteBuffer)} throw
     */
    default void send(Message message) throws IOException {
        if (message.isText()) {
            sendText(message.text());
        } else {
            sendBinary(message.data());
        }
    }

    /**
     * Sends one fragment of a message: the first fragment of a message is {@link PayloadType#TEXT} or {@link PayloadType#BINARY}, the others
     * {@link PayloadType#CONTINUATION}; the last has {@code finalFragment} set. The fragments of a text message
     * together must be valid UTF-8, but one fragment may end inside a character. Waits for room as
     * {@link #sendText} does.
     *
     * @param type          the fragment's payload type
     * @param payload       the fragment's bytes, from the buffer's position to its limit (the position is not
     *                      changed); may be empty
     * @param finalFragment whether this fragment ends the message
     * @throws UnsupportedOperationException if the variant does not support fragmentation (hybi-00)
     * @throws IllegalStateException if the type does not fit the fragments sent before
     * @throws IOException as {@link #sendText} throws
     */
    void sendFragment(PayloadType type, ByteBuffer payload, boolean finalFragment) throws IOException;

    /**
     * Sends everything {@code in} yields until its end as one message of the given type, in fragments of at most
     * {@link #streamFragmentSize()} bytes. On a variant without
     * fragmentation the whole content is read first and sent as one message. Waits for room as {@link #sendText}
     * does, for each fragment.
     *
     * @param in   the content; read to its end, not closed
     * @param type the message's type
     * @throws IOException if reading {@code in} fails, or as {@link #sendText} throws; a message whose first
     *                     fragments were sent is then left unfinished
     * @throws UnsupportedOperationException if {@code type} is binary and the variant has no binary messages
     */
    void sendStream(InputStream in, MessageType type) throws IOException;

    /**
     * A stream whose bytes are sent as one binary message, one fragment each time
     * {@link #streamFragmentSize()} bytes are buffered or {@code flush()} is called; {@code close()} sends the final
     * fragment.
     *
     * @return the stream; its writes wait for room as {@link #sendText} does
     * @throws UnsupportedOperationException if the variant supports neither fragmentation nor binary
     * @throws ConnectionClosedException if the connection is closing or closed
     */
    OutputStream openBinaryStream() throws IOException;

    /**
     * Like {@link #openBinaryStream()}, for one text message. On a variant without fragmentation the text is
     * buffered and sent as one message on {@code close()}.
     *
     * @return the writer; what it is given is sent encoded as UTF-8
     * @throws ConnectionClosedException if the connection is closing or closed
     */
    Writer openTextWriter() throws IOException;

    /**
     * {@return the largest fragment {@link #sendStream}, {@link #openBinaryStream} and {@link #openTextWriter} send,
     * in bytes} The connection's {@link ConnectionSettings#streamFragmentSize()}.
     */
    int streamFragmentSize();

    /**
     * Sends a whole text message without waiting; the stage completes when it has been written, or fails: with
     * {@link OutboundQueueFullException} at once if more than the outbound queue limit is queued (the message is
     * not sent), with {@link ConnectionClosedException} if the connection is or gets closed before it is written.
     *
     * @param text the message; it is sent encoded as UTF-8
     * @return a stage that completes with {@code null} once the message is written to the socket
     */
    CompletionStage<Void> sendTextAsync(CharSequence text);

    /**
     * Like {@link #sendTextAsync}, for a whole binary message.
     *
     * @param data the message's bytes, from the buffer's position to its limit (the position is not changed)
     * @return a stage that completes with {@code null} once the message is written to the socket; it fails with
     *         {@link UnsupportedOperationException} if the variant has no binary messages
     */
    CompletionStage<Void> sendBinaryAsync(ByteBuffer data);

    /**
     * Sends a ping with up to 125 bytes of application data. The stage completes with the round-trip time when a
     * pong carrying the same data arrives, and fails if the connection closes first.
     *
     * @param data the ping's payload, from the buffer's position to its limit (the position is not changed); at
     *             most 125 bytes
     * @return a stage that completes with the round-trip time, or fails with {@link ConnectionClosedException}
     * @throws UnsupportedOperationException if the variant has no ping (hybi-00)
     * @throws IllegalArgumentException if {@code data} holds more than 125 bytes
     * @throws ConnectionClosedException if the connection is closing or closed
     */
    CompletionStage<Duration> ping(ByteBuffer data) throws IOException;

    /**
     * Sends an unsolicited pong (a unidirectional heartbeat).
     *
     * @param data the pong's payload, from the buffer's position to its limit (the position is not changed); at
     *             most 125 bytes
     * @throws UnsupportedOperationException if the variant has no pong (hybi-00)
     * @throws IllegalArgumentException if {@code data} holds more than 125 bytes
     * @throws ConnectionClosedException if the connection is closing or closed
     */
    void pong(ByteBuffer data) throws IOException;

    // -------------------------------------------------------------------------------------------- receiving

    /**
     * Waits for the next whole message.
     *
     * @return the message, or {@code null} at end of stream (the connection closed)
     * @throws ProtocolException at end of stream after the peer broke the protocol, if protocol errors are
     *                           propagated ({@link ConnectionSettings#propagateProtocolErrors()})
     * @throws IOException if the wait was interrupted ({@link java.io.InterruptedIOException})
     * @throws IllegalStateException if the connection delivers to a {@link Listener}
     */
    Message receive() throws IOException;

    /**
     * Waits at most {@code timeout} for the next whole message.
     *
     * @param timeout how long to wait; {@link Duration#ZERO} (or negative) takes only a message already there
     * @return the message, or {@code null} at end of stream
     * @throws TimeoutException if no message arrived in time; the connection stays open
     * @throws IOException as {@link #receive()} throws
     */
    Message receive(Duration timeout) throws IOException, TimeoutException;

    /**
     * {@return the next message as text (a binary message's bytes decoded as UTF-8), or {@code null} at end of
     * stream} Waits for it as {@link #receive()} does.
     *
     * @throws IOException as {@link #receive()} throws
     */
    default String receiveText() throws IOException {
        Message m = receive();
        return m == null ? null : m.text();
    }

    /**
     * {@return the next message as bytes (a text message's UTF-8 encoding), or {@code null} at end of stream} The
     * buffer is read-only. Waits for it as {@link #receive()} does.
     *
     * @throws IOException as {@link #receive()} throws
     */
    default ByteBuffer receiveBinary() throws IOException {
        Message m = receive();
        return m == null ? null : m.data();
    }

    /**
     * {@return the next message as a stream of its bytes, delivered as its fragments arrive (it need not be
     * buffered whole), or {@code null} at end of stream} Read it to its end before receiving the next message. If
     * the connection fails mid-message, reading throws an {@link IOException}.
     *
     * @throws IOException as {@link #receive()} throws
     */
    InputStream receiveStream() throws IOException;

    /**
     * {@return the next message as characters, decoded from UTF-8 as its fragments arrive, or {@code null} at end
     * of stream} Read it to its end before receiving the next message.
     *
     * @throws IOException as {@link #receive()} throws
     */
    Reader receiveReader() throws IOException;

    /**
     * {@return the next whole message, asynchronously} The stage completes with {@code null} at end of stream (or
     * fails as {@link #receive()} throws). Calls are served in order: each call takes the next message.
     *
     * @throws IllegalStateException if the connection delivers to a {@link Listener}
     */
    CompletionStage<Message> receiveAsync();

    // ---------------------------------------------------------------------------------------------- closing

    /** Closes with 1000 (normal closure). Idempotent. */
    @Override
    default void close() {
        close(CloseCodes.NORMAL, "");
    }

    /**
     * Starts the closing handshake with this code and reason (at most 123 UTF-8 bytes) unless it was started
     * already; returns without waiting. On variants that do not signal status on close the code and reason are
     * not sent.
     *
     * @param code   the status code to send
     * @param reason the reason text, possibly empty ({@code null} is taken as empty); cut to 123 UTF-8 bytes on a
     *               character boundary if longer
     * @throws IllegalArgumentException if the code may not be sent ({@link CloseCodes#isValidOnWire})
     */
    void close(int code, String reason);

    /** Closes the TCP connection at once, without a closing handshake (the peer sees 1006). */
    void abort();

    /**
     * Changes this connection's idle timeout ({@link ConnectionSettings#idleTimeout()}) while it is open: from now on
     * the connection is closed with 1001 once the peer sent no frame for this long, counted from its last frame (so
     * a timeout shorter than the time it has been quiet already closes it at once). {@link Duration#ZERO} turns the
     * idle timeout off. The change is the connection's alone; a connection that is closed ignores it.
     *
     * @param timeout the new idle timeout; not negative
     * @throws IllegalArgumentException if the timeout is negative
     * @throws UnsupportedOperationException if this connection cannot change it (the runtime's connections can)
     * @since 1.3
     */
    default void setIdleTimeout(Duration timeout) {
        throw new UnsupportedOperationException("this connection's idle timeout is fixed");
    }

    /**
     * {@return whether the connection is closed or closing (a close frame was sent or received, or the socket is
     * gone)}
     */
    boolean isClosed();

    /** {@return how the connection closed, once it has; empty while it is open} */
    Optional<CloseStatus> closeStatus();

    /**
     * {@return a stage that completes with the close status once the connection is fully closed (socket
     * released)} Never fails.
     */
    CompletionStage<CloseStatus> closed();

    // ------------------------------------------------------------------------------------------ description

    /**
     * {@return this connection's id: a short text, the same for its whole life, that no other connection of this
     * runtime has had or will have while the runtime runs} It names the connection in log messages, in
     * {@code toString()}, in connection listings and in the OSGi runtime's DTOs and commands. Today it is a decimal
     * number, counted from 1 as connections open; treat it as opaque text.
     */
    String id();

    /** {@return whether this is the server side of the connection} */
    boolean isServer();

    /** {@return the name of the protocol variant the handshake chose, e.g. {@code "rfc6455"} or {@code "hybi00"}} */
    String variant();

    /** {@return the request URI: the path and query the client asked for, with scheme and host when known} */
    URI uri();

    /** {@return the request line of the opening handshake, e.g. {@code GET /chat HTTP/1.1}} */
    String requestLine();

    /** {@return the request headers of the opening handshake} */
    Headers requestHeaders();

    /** {@return the response headers of the opening handshake} */
    Headers responseHeaders();

    /** {@return the request path, percent-decoding not applied} */
    String path();

    /** {@return the raw query string, without {@code ?}, or empty} */
    Optional<String> query();

    /** {@return the subprotocol the handshake chose, if any} */
    Optional<String> subprotocol();

    /** {@return the subprotocols the client offered, in order (empty if none)} */
    List<String> offeredSubprotocols();

    /** {@return the peer's address: the client's on the server side, the server's on the client side} */
    InetSocketAddress remoteAddress();

    /** {@return this side's address of the TCP connection} */
    InetSocketAddress localAddress();

    /**
     * The TLS session of a {@code wss://} connection: the protocol version and cipher suite negotiated, the peer's
     * certificates ({@link SSLSession#getPeerCertificates()}: on a server, those of a client that presented one; it
     * throws {@link javax.net.ssl.SSLPeerUnverifiedException} for a client that did not) and, on a server, the host
     * name the client asked for ({@link javax.net.ssl.ExtendedSSLSession#getRequestedServerNames()}, SNI).
     *
     * @return the TLS session, fixed when the connection opened; empty for a plain {@code ws://} connection
     * @since 1.3
     */
    default Optional<SSLSession> sslSession() {
        return Optional.empty();
    }

    /**
     * {@return the state object the {@link HandshakeHook} returned for this connection, or {@code null}}
     *
     * @param <T> the state's type, as the caller expects it; a wrong one fails with {@link ClassCastException} where
     *            the result is used
     */
    <T> T state();

    /** {@return whether the variant supports fragmented and streamed messages (RFC 6455 yes, hybi-00 no)} */
    boolean supportsFragmentation();

    /**
     * {@return whether the variant can carry this payload type (RFC 6455 both, hybi-00 text only)}
     *
     * @param type a message type
     */
    boolean supportsPayloadType(MessageType type);

    /** {@return whether close codes and reasons reach the peer (RFC 6455 yes, hybi-00 no)} */
    boolean signalsStatusOnClose();
}
