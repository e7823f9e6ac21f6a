package net.websocket.runtime.internal;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import net.websocket.api.WebSocketMetrics;

/**
 * The {@link WebSocketMetrics} of a server or a client: the counts of its loops ({@link LoopMeters}) added up when
 * read, and what it knows of its open connections. It holds the loops and two functions, never the server or client
 * itself, so that a client nobody uses any more can be collected while its MBean is registered.
 */
final class RuntimeMeters implements WebSocketMetrics {

    private final IoLoop[] loops;
    private final IntSupplier open;
    private final LongSupplier queued;

    /**
     * @param loops  the loops whose counts these are
     * @param open   the connections open now
     * @param queued the bytes queued for sending now on the open connections
     */
    RuntimeMeters(IoLoop[] loops, IntSupplier open, LongSupplier queued) {
        this.loops = loops.clone();
        this.open = Objects.requireNonNull(open, "open");
        this.queued = Objects.requireNonNull(queued, "queued");
    }

    private long sum(int slot) {
        long n = 0;
        for (IoLoop l : loops) {
            n += l.meters.read(slot);
        }
        return n;
    }

    private long max(int slot) {
        long n = 0;
        for (IoLoop l : loops) {
            n = Math.max(n, l.meters.read(slot));
        }
        return n;
    }

    @Override
    public int openConnections() {
        return open.getAsInt();
    }

    @Override
    public long handshakesAccepted() {
        return sum(LoopMeters.ACCEPTED);
    }

    @Override
    public long handshakesRefused(RefusalReason reason) {
        return sum(LoopMeters.REFUSED + reason.ordinal());
    }

    @Override
    public long messagesReceived() {
        return sum(LoopMeters.MESSAGES_IN);
    }

    @Override
    public long messagesSent() {
        return sum(LoopMeters.MESSAGES_OUT);
    }

    @Override
    public long bytesReceived() {
        return sum(LoopMeters.BYTES_IN);
    }

    @Override
    public long bytesSent() {
        return sum(LoopMeters.BYTES_OUT);
    }

    @Override
    public long connectionsClosed() {
        return sum(LoopMeters.CLOSED);
    }

    @Override
    public Map<Integer, Long> closeCodes() {
        Map<Integer, Long> all = new TreeMap<>();
        for (IoLoop l : loops) {
            l.meters.readCloseCodes(all);
        }
        return Collections.unmodifiableMap(all);
    }

    @Override
    public long pingsSent() {
        return sum(LoopMeters.PINGS_OUT);
    }

    @Override
    public long pingsReceived() {
        return sum(LoopMeters.PINGS_IN);
    }

    @Override
    public long pongsSent() {
        return sum(LoopMeters.PONGS_OUT);
    }

    @Override
    public long pongsReceived() {
        return sum(LoopMeters.PONGS_IN);
    }

    @Override
    public long keepaliveFailures() {
        return sum(LoopMeters.KEEPALIVE_FAILURES);
    }

    @Override
    public long queuedOutboundBytes() {
        return queued.getAsLong();
    }

    @Override
    public Timing handshakeTimes() {
        return new Timing(sum(LoopMeters.HANDSHAKE_COUNT), Duration.ofNanos(sum(LoopMeters.HANDSHAKE_NANOS)),
                Duration.ofNanos(max(LoopMeters.HANDSHAKE_MAX)));
    }

    @Override
    public Timing closeTimes() {
        return new Timing(sum(LoopMeters.CLOSE_COUNT), Duration.ofNanos(sum(LoopMeters.CLOSE_NANOS)),
                Duration.ofNanos(max(LoopMeters.CLOSE_MAX)));
    }

    @Override
    public String toString() {
        return "WebSocketMetrics[open=" + openConnections() + ", accepted=" + handshakesAccepted() + ", refused="
                + handshakesRefused() + ", messages in/out=" + messagesReceived() + "/" + messagesSent() + "]";
    }
}
