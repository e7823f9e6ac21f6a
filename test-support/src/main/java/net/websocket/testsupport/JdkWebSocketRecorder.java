package net.websocket.testsupport;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A listener of the JDK's WebSocket client ({@link java.net.http.WebSocket}), an independent peer for tests, that
 * records what the server sends: each whole message (a {@link String} for text, a {@code byte[]} for binary, its
 * parts joined) in order, and the close code. A test waits on these events, each wait bounded by the recorder's
 * timeout; a connection that closes or fails while a test waits for a message ends the wait at once.
 *
 * <pre>{@code
 * try (JdkWebSocketRecorder ws = JdkWebSocketRecorder.connect(uri)) {
 *     ws.socket().sendText("hello", true).get(10, TimeUnit.SECONDS);
 *     assertEquals("hello", ws.nextText());
 * }
 * }</pre>
 */
public final class JdkWebSocketRecorder implements WebSocket.Listener, AutoCloseable {

    /** How long a wait lasts unless the recorder was given another timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    /** Put after the last message when the connection closed or failed. */
    private static final Object END = new Object();

    private final Duration timeout;
    private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private volatile WebSocket socket;

    /** A recorder whose waits last at most {@link #DEFAULT_TIMEOUT}. */
    public JdkWebSocketRecorder() {
        this(DEFAULT_TIMEOUT);
    }

    /**
     * A recorder whose waits last at most {@code timeout}.
     *
     * @param timeout the longest wait for a message, the close, the connection
     */
    public JdkWebSocketRecorder(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Connects a new JDK client to {@code uri}, recording with {@link #DEFAULT_TIMEOUT}.
     *
     * @param uri the server's URI
     * @return the recorder, connected
     * @throws Exception if the connection or handshake fails, or takes longer than the timeout
     */
    public static JdkWebSocketRecorder connect(URI uri) throws Exception {
        return connect(uri, List.of());
    }

    /**
     * Connects a new JDK client to {@code uri}, offering these subprotocols, with these extra request headers,
     * recording with {@link #DEFAULT_TIMEOUT}.
     *
     * @param uri          the server's URI
     * @param subprotocols the subprotocols offered, in order; may be empty
     * @param headers      header names and values, alternately
     * @return the recorder, connected
     * @throws Exception if the connection or handshake fails (an {@link ExecutionException} whose cause is the JDK's
     *                   {@code WebSocketHandshakeException} for a refusal), or takes longer than the timeout
     */
    public static JdkWebSocketRecorder connect(URI uri, List<String> subprotocols, String... headers)
            throws Exception {
        JdkWebSocketRecorder r = new JdkWebSocketRecorder();
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(r.timeout);
        if (!subprotocols.isEmpty()) {
            b.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return r.connect(b, uri);
    }

    /**
     * Connects with a builder the test prepared (headers, subprotocols, timeouts), this recorder listening.
     *
     * @param builder the JDK client's WebSocket builder
     * @param uri     the server's URI
     * @return this recorder, connected
     * @throws Exception if the connection or handshake fails, or takes longer than the timeout
     */
    public JdkWebSocketRecorder connect(WebSocket.Builder builder, URI uri) throws Exception {
        socket = builder.buildAsync(uri, this).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** {@return the connected WebSocket, to send with; {@code null} before the connection opened} */
    public WebSocket socket() {
        return socket;
    }

    /**
     * {@return the next whole message: a {@link String} or a {@code byte[]}}
     *
     * @throws AssertionError if none arrives within the timeout, or the connection closed or failed before one
     * @throws InterruptedException if interrupted while waiting
     */
    public Object next() throws InterruptedException {
        Object m = nextWithin(timeout);
        if (m == null) {
            throw new AssertionError("no message within " + timeout);
        }
        return m;
    }

    /**
     * {@return the next whole message if one arrives within {@code wait} (a {@link String} or a {@code byte[]}),
     * else {@code null}} For a retry loop that waits a short while each round.
     *
     * @param wait how long to wait
     * @throws AssertionError if the connection closed or failed before a message
     * @throws InterruptedException if interrupted while waiting
     */
    public Object nextWithin(Duration wait) throws InterruptedException {
        Object m = messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (m == END) {
            messages.add(END); // every later wait ends at once too
            throw new AssertionError("no more messages: the connection "
                    + closed.handle((code, e) -> e != null ? "failed: " + e : "closed with " + code).join());
        }
        return m;
    }

    /**
     * {@return the next whole message, which must be text}
     *
     * @throws AssertionError as {@link #next()}, or if the message is binary
     * @throws InterruptedException if interrupted while waiting
     */
    public String nextText() throws InterruptedException {
        Object m = next();
        if (!(m instanceof String s)) {
            throw new AssertionError("expected a text message, got " + m.getClass().getSimpleName());
        }
        return s;
    }

    /**
     * {@return the close code the server sent (its close frame's), once it came} Messages not yet read are left.
     *
     * @throws AssertionError if the server does not close within the timeout, or the connection failed
     * @throws InterruptedException if interrupted while waiting
     */
    public int awaitClose() throws InterruptedException {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no close within " + timeout);
        } catch (ExecutionException e) {
            throw new AssertionError("the connection failed instead of closing: " + e.getCause(), e.getCause());
        }
    }

    /** {@return a stage completed with the server's close code, or with the connection's failure} */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            messages.add(text.toString());
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        binary.writeBytes(b);
        if (last) {
            messages.add(binary.toByteArray());
            binary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        messages.add(END);
        return null; // the client answers the close at once
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
        messages.add(END);
    }

    /**
     * Closes with 1000 unless the output is closed already, waits (within the timeout) for the server's close, then
     * drops the connection.
     */
    @Override
    public void close() {
        WebSocket s = socket;
        if (s == null) {
            return;
        }
        if (!s.isOutputClosed()) {
            s.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        closed.completeOnTimeout(-1, timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionally(e -> -1).join();
        s.abort();
    }
}
