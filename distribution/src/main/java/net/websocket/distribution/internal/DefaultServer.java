package net.websocket.distribution.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;

import net.websocket.api.ConnectionSettings;
import net.websocket.api.WebSocketServer;
import net.websocket.api.whiteboard.WebSocketWhiteboard;
import net.websocket.whiteboard.WhiteboardConfiguration;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Makes sure the distribution serves something: creates the factory configuration
 * {@value #FACTORY_PID}{@code ~}{@value #NAME} if it does not exist, listening where the framework (or system)
 * properties {@value #HOST_PROPERTY} and {@value #PORT_PROPERTY} say (default {@value #DEFAULT_HOST}:
 * {@value #DEFAULT_PORT}); if it exists and those properties are set, they win. Then prints one line for every
 * server that starts listening, e.g. {@code net.websocket server default listening on ws://127.0.0.1:8081/}
 * ({@code wss://} for a server configured with a key store).
 */
@Component(immediate = true)
public final class DefaultServer {

    /** The factory PID of the whiteboard's server configurations. */
    static final String FACTORY_PID = WhiteboardConfiguration.SERVER_FACTORY_PID;
    /** The name of the default server configuration. */
    static final String NAME = "default";
    /** The framework or system property that sets the default server's port. */
    static final String PORT_PROPERTY = "websocket.port";
    /** The framework or system property that sets the default server's host. */
    static final String HOST_PROPERTY = "websocket.host";
    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8081;
    /**
     * The largest frame and message: 16 MiB, as the module-path example server, because conformance suites
     * (Autobahn case 9.1.6 and friends) echo messages that large.
     */
    static final long MAX_MESSAGE_SIZE = 16L << 20;

    /**
     * Creates the default server configuration, or updates its host and port from the framework properties.
     *
     * @param admin   where the configuration is kept
     * @param context this bundle's context, for the framework properties
     * @throws IOException if Config Admin cannot store the configuration
     */
    @Activate
    public DefaultServer(@Reference ConfigurationAdmin admin, BundleContext context) throws IOException {
        String host = context.getProperty(HOST_PROPERTY);
        String port = context.getProperty(PORT_PROPERTY);
        // "?" binds the configuration to no single bundle: the whiteboard's components receive it
        Configuration c = admin.getFactoryConfiguration(FACTORY_PID, NAME, "?");
        Dictionary<String, Object> current = c.getProperties();
        if (current == null) {
            Hashtable<String, Object> p = new Hashtable<>();
            p.put(WhiteboardConfiguration.NAME, NAME);
            p.put(WhiteboardConfiguration.HOST, host == null ? DEFAULT_HOST : host);
            p.put(WhiteboardConfiguration.PORT, port == null ? DEFAULT_PORT : parsePort(port));
            p.put(ConnectionSettings.MAX_FRAME_SIZE.name(), MAX_MESSAGE_SIZE);
            p.put(ConnectionSettings.MAX_MESSAGE_SIZE.name(), MAX_MESSAGE_SIZE);
            c.update(p);
            return;
        }
        boolean changed = false;
        if (host != null && !host.equals(current.get(WhiteboardConfiguration.HOST))) {
            current.put(WhiteboardConfiguration.HOST, host);
            changed = true;
        }
        if (port != null && !Objects.equals(parsePort(port), current.get(WhiteboardConfiguration.PORT))) {
            current.put(WhiteboardConfiguration.PORT, parsePort(port));
            changed = true;
        }
        if (changed) {
            c.update(current);
        }
    }

    private static Integer parsePort(String port) {
        try {
            int p = Integer.parseInt(port.trim());
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(PORT_PROPERTY + " must be a port number (0-65535), not '" + port + "'");
    }

    /** Announces a server that started listening. */
    @Reference(service = WebSocketServer.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addServer(Map<String, Object> props) {
        Object host = props.get(WhiteboardConfiguration.SERVER_HOST);
        String h = host == null ? DEFAULT_HOST : host.toString();
        if (h.indexOf(':') >= 0) {
            h = "[" + h + "]";
        }
        String scheme = Boolean.TRUE.equals(props.get(WhiteboardConfiguration.SERVER_TLS)) ? "wss" : "ws";
        System.out.println("net.websocket server " + props.get(WebSocketWhiteboard.SERVER) + " listening on " + scheme
                + "://" + h + ":" + props.get(WhiteboardConfiguration.SERVER_PORT) + "/");
        System.out.flush();
    }

    void removeServer(Map<String, Object> props) {
        System.out.println("net.websocket server " + props.get(WebSocketWhiteboard.SERVER) + " stopped");
        System.out.flush();
    }
}
