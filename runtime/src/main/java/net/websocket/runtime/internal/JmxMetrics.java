package net.websocket.runtime.internal;

import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import net.websocket.api.WebSocketMetrics;
import net.websocket.api.WebSocketMetrics.RefusalReason;
import net.websocket.runtime.WebSocketMetricsMXBean;

/**
 * A server's or client's {@link WebSocketMetrics} as an MXBean in the platform MBean server (see
 * {@link WebSocketMetricsMXBean} for the names). Registering never fails the server or client: if the platform MBean
 * server cannot be had or refuses, that is logged at DEBUG and there is no MBean. Should the name be taken (another
 * copy of the runtime in the same JVM numbers its servers from 1 too), {@code ,instance=K} is added to it.
 */
final class JmxMetrics implements WebSocketMetricsMXBean {

    /** Tries of a name with another {@code instance} key before giving up. */
    private static final int NAME_TRIES = 100;

    private final String type;
    private final String name;
    private final String address;
    private final WebSocketMetrics metrics;
    private volatile ObjectName registered;

    private JmxMetrics(String type, String name, String address, WebSocketMetrics metrics) {
        this.type = type;
        this.name = name;
        this.address = address;
        this.metrics = metrics;
    }

    /**
     * Registers the MXBean of a server or client.
     *
     * @param type    {@code Server} or {@code Client}
     * @param name    its name ({@code ws-server-N})
     * @param address {@code host:port} of a server, or empty
     * @param port    the port of a server, or -1
     * @return the registration, to {@link #unregister()}; never {@code null}, also when nothing was registered
     */
    static JmxMetrics register(String type, String name, String address, int port, WebSocketMetrics metrics) {
        JmxMetrics bean = new JmxMetrics(type, name, address, metrics);
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            StandardMBean mbean = new StandardMBean(bean, WebSocketMetricsMXBean.class, true);
            String base = DOMAIN + ":type=" + type + ",name=" + name
                    + (port >= 0 ? ",port=" + port : "");
            for (int i = 1; i <= NAME_TRIES; i++) {
                ObjectName on = new ObjectName(i == 1 ? base : base + ",instance=" + i);
                try {
                    server.registerMBean(mbean, on);
                    bean.registered = on;
                    break;
                } catch (InstanceAlreadyExistsException e) {
                    // try the next instance number
                }
            }
        } catch (JMException | RuntimeException | LinkageError e) {
            IoLoop.LOG.log(Level.DEBUG, "no MBean for " + name, e);
        }
        return bean;
    }

    /** The name it is registered under, or {@code null}. */
    ObjectName objectName() {
        return registered;
    }

    /** Unregisters the MXBean, if it is registered. Idempotent. */
    void unregister() {
        ObjectName on = registered;
        registered = null;
        if (on == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(on);
        } catch (JMException | RuntimeException e) {
            IoLoop.LOG.log(Level.DEBUG, "MBean " + on + " not unregistered", e);
        }
    }

    @Override
    public String getType() {
        return type;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getAddress() {
        return address;
    }

    @Override
    public int getOpenConnections() {
        return metrics.openConnections();
    }

    @Override
    public long getHandshakesAccepted() {
        return metrics.handshakesAccepted();
    }

    @Override
    public long getHandshakesRefused() {
        return metrics.handshakesRefused();
    }

    @Override
    public Map<String, Long> getHandshakesRefusedByReason() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (RefusalReason r : RefusalReason.values()) {
            out.put(r.name(), metrics.handshakesRefused(r));
        }
        return out;
    }

    @Override
    public long getMessagesReceived() {
        return metrics.messagesReceived();
    }

    @Override
    public long getMessagesSent() {
        return metrics.messagesSent();
    }

    @Override
    public long getBytesReceived() {
        return metrics.bytesReceived();
    }

    @Override
    public long getBytesSent() {
        return metrics.bytesSent();
    }

    @Override
    public long getConnectionsClosed() {
        return metrics.connectionsClosed();
    }

    @Override
    public Map<Integer, Long> getCloseCodes() {
        return metrics.closeCodes();
    }

    @Override
    public long getPingsSent() {
        return metrics.pingsSent();
    }

    @Override
    public long getPingsReceived() {
        return metrics.pingsReceived();
    }

    @Override
    public long getPongsSent() {
        return metrics.pongsSent();
    }

    @Override
    public long getPongsReceived() {
        return metrics.pongsReceived();
    }

    @Override
    public long getKeepaliveFailures() {
        return metrics.keepaliveFailures();
    }

    @Override
    public long getQueuedOutboundBytes() {
        return metrics.queuedOutboundBytes();
    }

    @Override
    public long getHandshakeCount() {
        return metrics.handshakeTimes().count();
    }

    @Override
    public double getHandshakeMeanMillis() {
        return millis(metrics.handshakeTimes().mean().toNanos());
    }

    @Override
    public double getHandshakeMaxMillis() {
        return millis(metrics.handshakeTimes().max().toNanos());
    }

    @Override
    public long getCloseCount() {
        return metrics.closeTimes().count();
    }

    @Override
    public double getCloseMeanMillis() {
        return millis(metrics.closeTimes().mean().toNanos());
    }

    @Override
    public double getCloseMaxMillis() {
        return millis(metrics.closeTimes().max().toNanos());
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
