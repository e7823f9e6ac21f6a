package net.websocket.distribution.internal;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Map;

import net.websocket.api.ConnectionSettings;
import net.websocket.api.WebSocketServer;
import net.websocket.api.whiteboard.WebSocketWhiteboard;
import net.websocket.whiteboard.WhiteboardConfiguration;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The examples' default server, which lives as long as this bundle is active: at activation it writes the factory
 * configuration {@value #FACTORY_PID}{@code ~}{@value #NAME}, listening where the framework (or system) properties
 * {@value #HOST_PROPERTY} and {@value #PORT_PROPERTY} say (default {@value #DEFAULT_HOST}:{@value #DEFAULT_PORT}),
 * and at deactivation it deletes it. So stopping or uninstalling the bundle (in Karaf,
 * {@code feature:uninstall net.websocket-examples}) stops the default server, and the next start writes it afresh:
 * a server meant to outlive the examples is a configuration of its own. It also prints one line for every server
 * that starts listening, e.g. {@code net.websocket server default listening on ws://127.0.0.1:8081/}
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

    private final Configuration configuration;

    /**
     * Writes the default server's configuration, its host and port from the framework properties; it is deleted when
     * this component deactivates (the default server lives as long as the examples).
     *
     * @param admin   where the configuration is kept
     * @param context this bundle's context, for the framework properties
     * @throws IOException if Config Admin cannot store the configuration
     */
    @Activate
    public DefaultServer(@Reference ConfigurationAdmin admin, BundleContext context) throws IOException {
        String host = context.getProperty(HOST_PROPERTY);
        String port = context.getProperty(PORT_PROPERTY);
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(WhiteboardConfiguration.NAME, NAME);
        p.put(WhiteboardConfiguration.HOST, host == null ? DEFAULT_HOST : host);
        p.put(WhiteboardConfiguration.PORT, port == null ? DEFAULT_PORT : parsePort(port));
        p.put(ConnectionSettings.MAX_FRAME_SIZE.name(), MAX_MESSAGE_SIZE);
        p.put(ConnectionSettings.MAX_MESSAGE_SIZE.name(), MAX_MESSAGE_SIZE);
        // "?" binds the configuration to no single bundle: the whiteboard's components receive it
        configuration = admin.getFactoryConfiguration(FACTORY_PID, NAME, "?");
        configuration.update(p);
    }

    /** Deletes the default server's configuration, which stops the server. */
    @Deactivate
    void deactivate() {
        try {
            configuration.delete();
        } catch (IOException | IllegalStateException e) {
            // Config Admin is stopping, or the configuration is gone already: the server stops with it
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
