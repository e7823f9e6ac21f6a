package net.websocket.itest.support;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client connection of an independent implementation (the JDK's, Netty's) to our server. Sends complete before the
 * method returns; everything the peer receives is queued as an {@link Event}, messages reassembled from the parts
 * the implementation delivers.
 */
public abstract class PeerClient implements AutoCloseable {

    /** How long {@link #next} waits for an event. */
    public static final Duration EVENT_TIMEOUT = Duration.ofSeconds(20);

    /** Something the peer saw. */
    public sealed interface Event permits Text, Binary, Ping, Pong, Closed, Error {
    }

    /** A whole text message, delivered in {@code parts} parts. */
    public record Text(String text, int parts) implements Event {
    }

    /** A whole binary message, delivered in {@code parts} parts. */
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

    /** The closing handshake ended: the code and reason the server sent. */
    public record Closed(int code, String reason) implements Event {
    }

    public record Error(Throwable error) implements Event {
    }

    /** The server refused the opening handshake with this HTTP status. */
    public static final class Refused extends Exception {
        private final int status;

        public Refused(int status, Throwable cause) {
            super("handshake refused with HTTP " + status, cause);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    protected final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    /** Sends a text message, or one fragment of one. */
    public abstract void sendText(String text, boolean last) throws Exception;

    /** Sends a text fragment of raw bytes (which may end inside a character), if the implementation can. */
    public abstract void sendTextBytes(byte[] utf8, boolean first, boolean last) throws Exception;

    /** Sends a binary message, or one fragment of one. */
    public abstract void sendBinary(byte[] data, boolean last) throws Exception;

    public abstract void sendPing(byte[] data) throws Exception;

    /** Starts the closing handshake. */
    public abstract void sendClose(int code, String reason) throws Exception;

    /** The subprotocol the server chose, or the empty string. */
    public abstract String subprotocol();

    /**
     * The {@code Sec-WebSocket-Extensions} field of the handshake response the peer accepted (its view of the
     * extensions agreed), or {@code null} when there was none or the implementation does not show it.
     */
    public String extensions() {
        return null;
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

    /** Drops the connection. */
    @Override
    public abstract void close();
}
