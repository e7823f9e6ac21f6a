package net.websocket.itest.support;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client connection made with the JDK's {@link java.net.http.WebSocket}, an independent RFC 6455 client. Every
 * event it sees goes into a queue; text and binary messages are reassembled from the parts the JDK delivers and
 * carry how many parts there were.
 */
public final class JdkWebSocketPeer implements AutoCloseable {

    /** How long {@link #next} waits for an event. */
    public static final Duration EVENT_TIMEOUT = Duration.ofSeconds(20);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Something the JDK client saw. */
    public sealed interface Event permits Text, Binary, Ping, Pong, Closed, Error {
    }

    public record Text(String text, int parts) implements Event {
    }

    public record Binary(byte[] data, int parts) implements Event {
        @Override
        public String toString() {
            return "Binary[" + data.length + " bytes, " + parts + " parts]";
        }
    }

    public record Ping(byte[] data) implements Event {
    }

    public record Pong(byte[] data) implements Event {
    }

    public record Closed(int code, String reason) implements Event {
    }

    public record Error(Throwable error) implements Event {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final WebSocket ws;

    private JdkWebSocketPeer(URI uri, String... subprotocols) throws Exception {
        WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (subprotocols.length > 0) {
            b.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        ws = b.buildAsync(uri, new Collector()).get(30, TimeUnit.SECONDS);
    }

    /** Connects, offering these subprotocols; fails as {@code buildAsync} does. */
    public static JdkWebSocketPeer connect(URI uri, String... subprotocols) throws Exception {
        return new JdkWebSocketPeer(uri, subprotocols);
    }

    public WebSocket ws() {
        return ws;
    }

    /**
     * The next event of the given type. Pings and pongs are skipped while waiting for another type; any other event
     * of the wrong type fails.
     */
    public <T extends Event> T next(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
        while (true) {
            Event e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no " + type.getSimpleName() + " event within " + EVENT_TIMEOUT);
            }
            if (type.isInstance(e)) {
                return type.cast(e);
            }
            if (!(e instanceof Ping) && !(e instanceof Pong)) {
                throw new AssertionError("expected " + type.getSimpleName() + " but got " + e);
            }
        }
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
