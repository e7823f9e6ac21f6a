package net.websocket.runtime;

import java.util.Map;

import net.websocket.api.WebSocketMetrics;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The JMX view of a server's or a client's {@link WebSocketMetrics}: the runtime registers one MXBean per server
 * while it runs (from start to close) and one per client (from its making until it is garbage collected) in the
 * platform MBean server, under the domain {@value #DOMAIN}:
 * <ul>
 * <li>{@code net.websocket:type=Server,name=ws-server-N,port=P}: a server, {@code N} its number (its I/O threads are
 * {@code ws-server-N-io-K}), {@code P} its port;</li>
 * <li>{@code net.websocket:type=Client,name=ws-client-N}: a client ({@code ws-client-N-io-K}).</li>
 * </ul>
 * Query {@code net.websocket:type=Server,*} for every server. The attributes are those of {@link WebSocketMetrics},
 * in open types, so any JMX console shows them; durations in milliseconds. Use it with
 * {@link javax.management.JMX#newMXBeanProxy} to read them in code.
 */
@ProviderType
public interface WebSocketMetricsMXBean {

    /** The JMX domain of the runtime's MBeans. */
    String DOMAIN = "net.websocket";

    /** {@return what this is: {@code Server} or {@code Client}} */
    String getType();

    /** {@return the server's or client's name, as in the object name and its thread names} */
    String getName();

    /** {@return the address a server listens on ({@code host:port}); empty for a client} */
    String getAddress();

    /** {@return the connections open now} */
    int getOpenConnections();

    /** {@return the opening handshakes that became connections} */
    long getHandshakesAccepted();

    /** {@return the opening handshakes that ended without a connection} */
    long getHandshakesRefused();

    /** {@return the refused handshakes by reason, named as {@link WebSocketMetrics.RefusalReason}} */
    Map<String, Long> getHandshakesRefusedByReason();

    /** {@return the whole messages received} */
    long getMessagesReceived();

    /** {@return the whole messages sent} */
    long getMessagesSent();

    /** {@return the payload bytes received} */
    long getBytesReceived();

    /** {@return the payload bytes sent} */
    long getBytesSent();

    /** {@return the connections that ended} */
    long getConnectionsClosed();

    /** {@return the connections that ended, by close code} */
    Map<Integer, Long> getCloseCodes();

    /** {@return the pings sent} */
    long getPingsSent();

    /** {@return the pings received} */
    long getPingsReceived();

    /** {@return the pongs sent} */
    long getPongsSent();

    /** {@return the pongs received} */
    long getPongsReceived();

    /** {@return the connections dropped after an unanswered keepalive ping} */
    long getKeepaliveFailures();

    /** {@return the bytes queued for sending now on all open connections} */
    long getQueuedOutboundBytes();

    /** {@return the accepted opening handshakes timed} */
    long getHandshakeCount();

    /** {@return the mean duration of an accepted opening handshake, in milliseconds} */
    double getHandshakeMeanMillis();

    /** {@return the longest accepted opening handshake, in milliseconds} */
    double getHandshakeMaxMillis();

    /** {@return the closing handshakes timed} */
    long getCloseCount();

    /** {@return the mean duration of a closing handshake, in milliseconds} */
    double getCloseMeanMillis();

    /** {@return the longest closing handshake, in milliseconds} */
    double getCloseMaxMillis();
}
