package net.websocket.jakarta.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import net.websocket.api.Connection;
import net.websocket.api.PayloadType;

/**
 * The two remote endpoints of a session (Jakarta WebSocket 2.1, section 2.1.4 and the Javadoc of
 * {@link RemoteEndpoint}), both over the session's {@link Connection}: {@link Basic} blocks as the connection's
 * blocking sends do (until the frame is queued, within the send timeout), {@link Async} completes a
 * {@code Future} or calls a {@link SendHandler} when the connection's asynchronous send completes (written to the
 * socket). Batching is allowed to be off only: {@code setBatchingAllowed(true)} is remembered and
 * {@code flushBatch()} has nothing to flush, since every send is handed to the runtime at once.
 */
final class Remotes {

    private Remotes() {
    }

    /** What both remote endpoints share: the connection, the session's encoders, pings, pongs, batching. */
    abstract static class Base implements RemoteEndpoint {
        final Connection connection;
        final JakartaSession session;
        private volatile boolean batching;

        Base(JakartaSession session, Connection connection) {
            this.session = session;
            this.connection = connection;
        }

        @Override
        public void setBatchingAllowed(boolean allowed) throws IOException {
            batching = allowed;
        }

        @Override
        public boolean getBatchingAllowed() {
            return batching;
        }

        @Override
        public void flushBatch() throws IOException {
            // nothing is held back: every send goes to the runtime's outbound queue at once
        }

        @Override
        public void sendPing(ByteBuffer data) throws IOException {
            checkControl(data);
            connection.ping(data);
        }

        @Override
        public void sendPong(ByteBuffer data) throws IOException {
            checkControl(data);
            connection.pong(data);
        }

        private static void checkControl(ByteBuffer data) {
            if (data != null && data.remaining() > 125) {
                throw new IllegalArgumentException("a ping or pong carries at most 125 bytes, not "
                        + data.remaining());
            }
        }
    }

    /** The blocking remote endpoint. */
    static final class Basic extends Base implements RemoteEndpoint.Basic {
        /** The payload type of the partial message being sent, or {@code null} between messages. */
        private PayloadType partial;

        Basic(JakartaSession session, Connection connection) {
            super(session, connection);
        }

        @Override
        public void sendText(String text) throws IOException {
            require(text, "text");
            connection.sendText(text);
        }

        @Override
        public void sendBinary(ByteBuffer data) throws IOException {
            require(data, "data");
            connection.sendBinary(data);
        }

        @Override
        public synchronized void sendText(String part, boolean isLast) throws IOException {
            require(part, "part");
            sendPart(PayloadType.TEXT, ByteBuffer.wrap(part.getBytes(StandardCharsets.UTF_8)), isLast);
        }

        @Override
        public synchronized void sendBinary(ByteBuffer part, boolean isLast) throws IOException {
            require(part, "part");
            sendPart(PayloadType.BINARY, part, isLast);
        }

        private void sendPart(PayloadType type, ByteBuffer part, boolean isLast) throws IOException {
            if (partial != null && partial != type) {
                throw new IllegalStateException("a " + partial.name().toLowerCase(java.util.Locale.ROOT)
                        + " message is being sent in parts");
            }
            connection.sendFragment(partial == null ? type : PayloadType.CONTINUATION, part, isLast);
            partial = isLast ? null : type;
        }

        @Override
        public OutputStream getSendStream() throws IOException {
            return connection.openBinaryStream();
        }

        @Override
        public Writer getSendWriter() throws IOException {
            return connection.openTextWriter();
        }

        @Override
        public void sendObject(Object data) throws IOException, EncodeException {
            require(data, "data");
            Object encoded = session.coders().encode(data);
            if (encoded instanceof String s) {
                connection.sendText(s);
            } else {
                connection.sendBinary((ByteBuffer) encoded);
            }
        }
    }

    /** The asynchronous remote endpoint. */
    static final class Async extends Base implements RemoteEndpoint.Async {
        private volatile long sendTimeout;

        Async(JakartaSession session, Connection connection, long sendTimeout) {
            super(session, connection);
            this.sendTimeout = sendTimeout;
        }

        @Override
        public long getSendTimeout() {
            return sendTimeout;
        }

        @Override
        public void setSendTimeout(long timeoutMillis) {
            sendTimeout = timeoutMillis;
        }

        @Override
        public void sendText(String text, SendHandler handler) {
            require(text, "text");
            require(handler, "handler");
            notify(future(connection.sendTextAsync(text)), handler);
        }

        @Override
        public Future<Void> sendText(String text) {
            require(text, "text");
            return future(connection.sendTextAsync(text));
        }

        @Override
        public Future<Void> sendBinary(ByteBuffer data) {
            require(data, "data");
            return future(connection.sendBinaryAsync(data));
        }

        @Override
        public void sendBinary(ByteBuffer data, SendHandler handler) {
            require(data, "data");
            require(handler, "handler");
            notify(future(connection.sendBinaryAsync(data)), handler);
        }

        @Override
        public Future<Void> sendObject(Object data) {
            require(data, "data");
            return future(encodeAndSend(data));
        }

        @Override
        public void sendObject(Object data, SendHandler handler) {
            require(data, "data");
            require(handler, "handler");
            notify(future(encodeAndSend(data)), handler);
        }

        private CompletionStage<Void> encodeAndSend(Object data) {
            Object encoded;
            try {
                encoded = session.coders().encode(data);
            } catch (EncodeException | IOException | RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            return encoded instanceof String s ? connection.sendTextAsync(s)
                    : connection.sendBinaryAsync((ByteBuffer) encoded);
        }

        /** The stage as a future that fails once the send timeout (if positive) has passed. */
        private CompletableFuture<Void> future(CompletionStage<Void> stage) {
            CompletableFuture<Void> f = stage.toCompletableFuture();
            long timeout = sendTimeout;
            return timeout > 0 ? f.copy().orTimeout(timeout, TimeUnit.MILLISECONDS) : f;
        }

        private void notify(CompletableFuture<Void> f, SendHandler handler) {
            f.whenComplete((v, t) -> handler.onResult(t == null ? new SendResult()
                    : new SendResult(t instanceof java.util.concurrent.CompletionException && t.getCause() != null
                            ? t.getCause() : t)));
        }
    }

    private static void require(Object o, String name) {
        if (o == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }
}
