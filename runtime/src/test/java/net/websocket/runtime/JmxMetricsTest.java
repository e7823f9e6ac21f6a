package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.CloseCodes;
import net.websocket.api.Connection;
import net.websocket.api.HandshakeException;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketServer;
import net.websocket.runtime.internal.ClientImpl;

/**
 * The MBeans of servers and clients, read the way an operator's console reads them: through a real
 * {@link JMXConnector} to an RMI connector server that this test starts on loopback only.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JmxMetricsTest {

    private static Registry registry;
    private static JMXConnectorServer connectorServer;
    private static JMXConnector connector;
    private static MBeanServerConnection jmx;

    /** RMI sockets on loopback only: servers bound to it, clients connecting to it whatever host a stub names. */
    static final class LoopbackSockets implements RMIServerSocketFactory, RMIClientSocketFactory, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return new Socket(InetAddress.getLoopbackAddress(), port);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LoopbackSockets;
        }

        @Override
        public int hashCode() {
            return LoopbackSockets.class.hashCode();
        }
    }

    @BeforeAll
    static void startConnectorServer() throws Exception {
        LoopbackSockets sockets = new LoopbackSockets();
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        registry = LocateRegistry.createRegistry(port, sockets, sockets);
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        connectorServer = JMXConnectorServerFactory.newJMXConnectorServer(url,
                Map.of(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets,
                        RMIConnectorServer.RMI_CLIENT_SOCKET_FACTORY_ATTRIBUTE, sockets),
                ManagementFactory.getPlatformMBeanServer());
        connectorServer.start();
        connector = JMXConnectorFactory.connect(url, null);
        jmx = connector.getMBeanServerConnection();
    }

    @AfterAll
    static void stopConnectorServer() throws Exception {
        if (connector != null) {
            connector.close();
        }
        if (connectorServer != null) {
            connectorServer.stop();
        }
        if (registry != null) {
            UnicastRemoteObject.unexportObject(registry, true);
        }
    }

    /** The one server MBean of {@code s}, found by its port as an operator would query. */
    private static ObjectName serverName(WebSocketServer s) throws Exception {
        Set<ObjectName> names = jmx.queryNames(new ObjectName("net.websocket:type=Server,port=" + s.port() + ",*"),
                null);
        assertEquals(1, names.size(), "one MBean per server: " + names);
        return names.iterator().next();
    }

    private static long attribute(ObjectName name, String attribute) throws Exception {
        return ((Number) jmx.getAttribute(name, attribute)).longValue();
    }

    @Test
    void serverMBeanFollowsConnectionsAsTheyOpenExchangeAndClose() throws Exception {
        ServiceMapper mapper = ServiceMapper.builder().route("/echo", ServiceMapper.none(TestSupport.ECHO)).build();
        WebSocketClient client = TestSupport.client();
        ObjectName name;
        WebSocketServer s = TestSupport.serve(mapper);
        try {
            name = serverName(s);
            assertEquals("net.websocket", name.getDomain());
            assertEquals("Server", jmx.getAttribute(name, "Type"));
            assertEquals("127.0.0.1:" + s.port(), jmx.getAttribute(name, "Address"));
            assertEquals(0, attribute(name, "OpenConnections"));

            Connection a = client.connect(TestSupport.uri(s, "/echo"));
            Connection b = client.connect(TestSupport.uri(s, "/echo"));
            Await.until("two open connections over JMX", () -> {
                try {
                    return attribute(name, "OpenConnections") == 2;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            for (Connection c : List.of(a, b)) {
                c.sendText("hello");
                assertEquals("hello", c.receiveText());
            }
            assertEquals(2, attribute(name, "HandshakesAccepted"));
            assertEquals(2, attribute(name, "MessagesReceived"));
            assertEquals(10, attribute(name, "BytesReceived"));
            assertEquals(2, attribute(name, "HandshakeCount"));
            assertTrue((Double) jmx.getAttribute(name, "HandshakeMaxMillis") > 0);

            ObjectName clientName = ((ClientImpl) client).objectName();
            assertNotNull(clientName, "the client has its MBean");
            assertEquals("Client", clientName.getKeyProperty("type"));
            assertEquals(2, attribute(clientName, "OpenConnections"));
            assertEquals(2, attribute(clientName, "MessagesSent"));

            a.close(CloseCodes.NORMAL, "");
            b.close(CloseCodes.NORMAL, "");
            a.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
            b.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
            WebSocketMetricsMXBean proxy = JMX.newMXBeanProxy(jmx, name, WebSocketMetricsMXBean.class);
            Await.until("both closed over JMX", () -> proxy.getConnectionsClosed() == 2);
            assertEquals(0, proxy.getOpenConnections());
            assertEquals(Map.of(CloseCodes.NORMAL, 2L), proxy.getCloseCodes());
            assertEquals(0, proxy.getHandshakesRefused());

            HandshakeException refused = assertThrows(HandshakeException.class,
                    () -> client.connect(TestSupport.uri(s, "/nowhere")));
            assertEquals(404, refused.status());
            Await.until("the 404 counted over JMX", () -> proxy.getHandshakesRefused() == 1);
            assertEquals(1, proxy.getHandshakesRefusedByReason().get("NO_ROUTE").longValue());
            assertEquals(0, proxy.getHandshakesRefusedByReason().get("ORIGIN").longValue());
            WebSocketMetricsMXBean clientProxy = JMX.newMXBeanProxy(jmx, clientName, WebSocketMetricsMXBean.class);
            assertEquals(1, clientProxy.getHandshakesRefusedByReason().get("REJECTED").longValue());
            assertEquals(2, clientProxy.getHandshakesAccepted());
            assertEquals(2, proxy.getCloseCount());

            // the same through the open types a console sees
            TabularData codes = (TabularData) jmx.getAttribute(name, "CloseCodes");
            CompositeData row = codes.get(new Object[] {CloseCodes.NORMAL});
            assertEquals(2L, row.get("value"));
        } finally {
            s.close();
        }
        s.stopped().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertFalse(jmx.isRegistered(name), "unregistered when the server stopped");
    }

    @Test
    void serversRunningTogetherHaveNamesOfTheirOwn() throws Exception {
        try (WebSocketServer one = TestSupport.serve(TestSupport.ECHO);
                WebSocketServer two = TestSupport.serve(TestSupport.ECHO)) {
            ObjectName a = serverName(one);
            ObjectName b = serverName(two);
            assertNotEquals(a, b);
            assertTrue(jmx.isRegistered(a));
            assertTrue(jmx.isRegistered(b));
            assertTrue(jmx.queryNames(new ObjectName("net.websocket:type=Server,*"), null).containsAll(Set.of(a, b)));
        }
    }
}
