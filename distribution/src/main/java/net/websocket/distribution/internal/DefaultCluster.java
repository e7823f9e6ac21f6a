package net.websocket.distribution.internal;

import java.io.IOException;
import java.net.URI;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The broker of {@code ./ws serve --cluster redis://HOST:PORT}: when the framework (or system) property
 * {@value #BROKER_PROPERTY} is set, it writes the cluster bundle's configuration {@value #PID} with that broker at
 * activation and deletes it at deactivation, so the {@code Topics} service (and {@code /topic/NAME}) shares its
 * topics with every server on that broker for as long as this bundle is active. Without the property it does
 * nothing: a configuration written otherwise (Gogo, Karaf's {@code etc/}) is left alone.
 */
@Component(immediate = true)
public final class DefaultCluster {

    /** The framework or system property naming the broker, such as {@code redis://127.0.0.1:6379}. */
    static final String BROKER_PROPERTY = "websocket.cluster";
    /** The cluster bundle's configuration PID. */
    static final String PID = "net.websocket.cluster";
    /** The configuration's property naming the broker. */
    static final String BROKER = "broker";
    /** The configuration's private property holding the broker's password (never a service property). */
    static final String PASSWORD = ".password";

    private final Configuration configuration;

    /**
     * Writes the cluster configuration when {@value #BROKER_PROPERTY} names a broker.
     *
     * @param admin   where the configuration is kept
     * @param context this bundle's context, for the framework properties
     * @throws IOException if Config Admin cannot store the configuration
     */
    @Activate
    public DefaultCluster(@Reference ConfigurationAdmin admin, BundleContext context) throws IOException {
        String broker = context.getProperty(BROKER_PROPERTY);
        if (broker == null || broker.isBlank()) {
            configuration = null;
            return;
        }
        URI uri;
        try {
            uri = URI.create(broker.trim());
        } catch (IllegalArgumentException e) {
            // its message would repeat the address, password included
            throw new IllegalArgumentException(BROKER_PROPERTY + " is not a broker address (URI)");
        }
        Hashtable<String, Object> p = new Hashtable<>();
        String userInfo = uri.getUserInfo();
        int colon = userInfo == null ? -1 : userInfo.indexOf(':');
        if (colon >= 0) {
            // the password in the private property, which no service publishes; the address keeps the user
            String user = userInfo.substring(0, colon);
            p.put(PASSWORD, userInfo.substring(colon + 1));
            p.put(BROKER, uri.getScheme() + "://" + (user.isEmpty() ? "" : user + "@") + uri.getHost()
                    + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
        } else {
            p.put(BROKER, uri.toString());
        }
        // "?" binds the configuration to no single bundle: the cluster bundle's component receives it
        configuration = admin.getConfiguration(PID, "?");
        configuration.update(p);
        // the broker's address without its user and password
        System.out.println("net.websocket topics on " + uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort()
                + ": ws://.../topic/NAME");
        System.out.flush();
    }

    /** Deletes the cluster configuration it wrote: the topics go back to this framework only. */
    @Deactivate
    void deactivate() {
        if (configuration == null) {
            return;
        }
        try {
            configuration.delete();
        } catch (IOException | IllegalStateException e) {
            // Config Admin is stopping, or the configuration is gone already
        }
    }
}
