package net.websocket.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a server or a client has done since it started, read live: connections, handshakes, messages, bytes, close
 * codes, pings and pongs, and how long handshakes and closing handshakes took. Every count only grows (except
 * {@link #openConnections()} and {@link #queuedOutboundBytes()}, which say how things are now); each method reads the
 * current value, from any thread, without stopping the I/O threads, so two values read one after the other need not
 * add up exactly while connections are busy.
 *
 * <p>A server's or client's own {@link WebSocketServer#metrics()} and {@link WebSocketClient#metrics()} give it; the
 * runtime also shows it as a JMX MBean, and the {@code net.websocket.micrometer} module binds it to a Micrometer
 * registry.
 */
@ProviderType
public interface WebSocketMetrics {

    /** Why an opening handshake did not become a connection. */
    enum RefusalReason {
        /**
         * Server: the request broke the HTTP rules of an upgrade or the variant's (400, 426, 431, or the variant's
         * own status). Client: the server's response was malformed or not what the variant expects.
         */
        BAD_REQUEST,
        /** Server: no route for the path (404), or no entry for the offered subprotocols (400). */
        NO_ROUTE,
        /** Server: the origin policy refused the request's origin. */
        ORIGIN,
        /** Server: the handshake hook rejected the request. */
        HOOK,
        /**
         * Server: a limit refused it with 503: handshakes in progress, sockets per address (both at accept), or
         * open connections.
         */
        LIMITS,
        /** The handshake (TLS included, and for a client the TCP connect) did not end within its timeout. */
        TIMEOUT,
        /** The TLS handshake failed. */
        TLS,
        /** Client: the server answered with a status other than 101. */
        REJECTED,
        /**
         * Something failed on our side: a variant, policy, mapper or hook threw (500), no variant was present, or the
         * server was stopping.
         */
        ERROR,
        /**
         * The peer closed or the network failed before the handshake ended (for a client also a TCP connect that
         * failed).
         */
        DROPPED
    }

    /** {@return the connections open now} */
    int openConnections();

    /** {@return the opening handshakes that became connections} */
    long handshakesAccepted();

    /**
     * {@return the opening handshakes that ended without a connection for {@code reason}}
     *
     * @param reason why
     */
    long handshakesRefused(RefusalReason reason);

    /** {@return the opening handshakes that ended without a connection, for any reason} */
    default long handshakesRefused() {
        long n = 0;
        for (RefusalReason r : RefusalReason.values()) {
            n += handshakesRefused(r);
        }
        return n;
    }

    /** {@return the whole messages received (a fragmented message counts once, when its last fragment arrives)} */
    long messagesReceived();

    /** {@return the whole messages sent (a fragmented message counts once, with its last fragment)} */
    long messagesSent();

    /**
     * {@return the payload bytes of the data frames received: what the endpoint gets, after permessage-deflate,
     * without frame headers or control frames}
     */
    long bytesReceived();

    /**
     * {@return the payload bytes of the data frames sent: what the endpoint gave, before permessage-deflate, without
     * frame headers or control frames}
     */
    long bytesSent();

    /** {@return the connections that ended (the sum of {@link #closeCodes()})} */
    long connectionsClosed();

    /**
     * How many connections ended with each close code: the code of each connection's final
     * {@link CloseStatus} (1006 for one that dropped or timed out). Each I/O thread keeps its first 256 distinct codes
     * apart and counts later new ones under 0, so that peers cannot make the map grow.
     *
     * @return a map from close code to count, of the codes seen
     */
    Map<Integer, Long> closeCodes();

    /** {@return the pings sent: the application's and the keepalive's} */
    long pingsSent();

    /** {@return the pings received from peers} */
    long pingsReceived();

    /** {@return the pongs sent: answers to the peer's pings and the application's own} */
    long pongsSent();

    /** {@return the pongs received: answers to our pings (keepalive ones too) and unsolicited ones} */
    long pongsReceived();

    /** {@return the connections dropped because a keepalive ping went unanswered for the pong timeout} */
    long keepaliveFailures();

    /** {@return the bytes queued for sending now on all open connections together, not yet taken by the network} */
    long queuedOutboundBytes();

    /**
     * How long the accepted opening handshakes took: from the accepted socket (client: the start of the connect) to
     * the open connection.
     *
     * @return their count, total and longest duration
     */
    Timing handshakeTimes();

    /**
     * How long closing took: from the first close frame sent or received (or the protocol error) to the release of
     * the socket, for the connections that closed that way.
     *
     * @return their count, total and longest duration
     */
    Timing closeTimes();

    /** A count of events with their total and longest duration. */
    final class Timing {

        private final long count;
        private final Duration total;
        private final Duration max;

        /**
         * @param count how many
         * @param total their durations together
         * @param max   the longest of them ({@link Duration#ZERO} when none)
         */
        public Timing(long count, Duration total, Duration max) {
            this.count = count;
            this.total = Objects.requireNonNull(total, "total");
            this.max = Objects.requireNonNull(max, "max");
        }

        /** {@return how many} */
        public long count() {
            return count;
        }

        /** {@return their durations together} */
        public Duration total() {
            return total;
        }

        /** {@return the longest of them, {@link Duration#ZERO} when none} */
        public Duration max() {
            return max;
        }

        /** {@return the mean duration, {@link Duration#ZERO} when none} */
        public Duration mean() {
            return count == 0 ? Duration.ZERO : total.dividedBy(count);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Timing t && t.count == count && t.total.equals(total) && t.max.equals(max);
        }

        @Override
        public int hashCode() {
            return Objects.hash(count, total, max);
        }

        @Override
        public String toString() {
            return "Timing[count=" + count + ", total=" + total + ", max=" + max + "]";
        }
    }
}
