package net.websocket.itest.support;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** A client connection made with the JDK's {@link java.net.http.WebSocket}, an independent RFC 6455 client. */
public final class JdkPeerClient extends PeerClient {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final WebSocket ws;

    private JdkPeerClient(URI uri, String... subprotocols) throws Exception {
        WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (subprotocols.length > 0) {
            b.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        try {
            ws = b.buildAsync(uri, new Collector()).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                throw new Refused(h.getResponse().statusCode(), h);
            }
            throw e;
        }
    }

    /** Connects, offering these subprotocols. */
    public static JdkPeerClient connect(URI uri, String... subprotocols) throws Exception {
        return new JdkPeerClient(uri, subprotocols);
    }

    @Override
    public void sendText(String text, boolean last) throws Exception {
        ws.sendText(text, last).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The JDK takes text as characters only, so a fragment cannot end inside a character; sent as decoded text. */
    @Override
    public void sendTextBytes(byte[] utf8, boolean first, boolean last) {
        throw new UnsupportedOperationException("java.net.http.WebSocket sends text as characters");
    }

    @Override
    public void sendBinary(byte[] data, boolean last) throws Exception {
        ws.sendBinary(ByteBuffer.wrap(data), last).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void sendPing(byte[] data) throws Exception {
        ws.sendPing(ByteBuffer.wrap(data)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void sendClose(int code, String reason) throws Exception {
        ws.sendClose(code, reason).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public String subprotocol() {
        return ws.getSubprotocol();
    }

    @Override
    public void close() {
        ws.abort();
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
        private int parts;

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            text.append(data);
            parts++;
            if (last) {
                events.add(new Text(text.toString(), parts));
                text.setLength(0);
                parts = 0;
            }
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            parts++;
            if (last) {
                events.add(new Binary(binary.toByteArray(), parts));
                binary.reset();
                parts = 0;
            }
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket w, ByteBuffer message) {
            events.add(new Ping(bytes(message)));
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket w, ByteBuffer message) {
            events.add(new Pong(bytes(message)));
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
            events.add(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket w, Throwable error) {
            events.add(new Error(error));
        }

        private static byte[] bytes(ByteBuffer b) {
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        }
    }
}
