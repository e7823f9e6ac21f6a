package net.websocket.whiteboard.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Hashtable;
import java.util.Map;

import net.websocket.api.WebSocketServer;
import net.websocket.api.whiteboard.WebSocketWhiteboard;
import net.websocket.upgrade.UpgradeServer;
import net.websocket.whiteboard.WhiteboardConfiguration;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * One WebSocket server per factory configuration of {@value WhiteboardConfiguration#SERVER_FACTORY_PID}. A changed
 * configuration rebinds the server with the new options (its connections get 1001); a deleted one stops it. While it
 * runs, the server is also a {@link WebSocketServer} service with the properties
 * {@value WebSocketWhiteboard#SERVER} (its name), {@value WhiteboardConfiguration#SERVER_PORT} and
 * {@value WhiteboardConfiguration#SERVER_HOST} (where it actually listens), {@value WhiteboardConfiguration#SERVER_TLS}
 * ({@code true} for {@code wss://}) and {@value WhiteboardConfiguration#SERVER_PID}. A server configured with
 * {@value WhiteboardConfiguration#HTTP_WHITEBOARD} opens no socket: it is an {@link UpgradeServer} service instead,
 * with its name, PID and HTTP whiteboard keys as properties ({@link HttpWhiteboardOffer}), which the bundle
 * {@code net.websocket.whiteboard.http} publishes as a servlet on the OSGi HTTP whiteboard. A configuration named
 * {@value WebSocketWhiteboard#HTTP_WHITEBOARD_SERVER} replaces the server of that name run on demand
 * ({@link OnDemandHttpServer}) while it exists.
 *
 * <p>A server that cannot listen (port in use, bad value) is logged and left stopped until its configuration
 * changes; {@code ws:servers} shows why.
 */
@Component(configurationPid = WhiteboardConfiguration.SERVER_FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
public final class ServerComponent {

    private final WhiteboardRuntime runtime;
    private final BundleContext context;
    private ServerHandle handle;
    private ServiceRegistration<?> registration;
    private String failedPid;
    private String configuredName;

    @Activate
    public ServerComponent(@Reference WhiteboardRuntime runtime, BundleContext context,
            Map<String, Object> props) {
        this.runtime = runtime;
        this.context = context;
        start(props);
    }

    @Modified
    void modified(Map<String, Object> props) {
        stop();
        start(props);
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    private synchronized void start(Map<String, Object> props) {
        String pid = ServiceProps.string(props, "service.pid");
        failedPid = pid;
        configuredName = ServerSettings.name(props, pid);
        runtime.configured(configuredName, true);
        ServerSettings settings;
        try {
            settings = ServerSettings.of(props, pid);
        } catch (IllegalArgumentException e) {
            WhiteboardRuntime.LOG.log(Level.ERROR, "WebSocket server configuration " + pid + ": " + e.getMessage());
            runtime.failed(ServerSettings.name(props, pid), pid,
                    e.getMessage());
            return;
        }
        ServerSettings.HttpWhiteboard http = settings.http();
        try {
            handle = runtime.startServer(settings.name(), pid, settings.options(), settings.extensions(),
                    http != null);
        } catch (IOException | RuntimeException e) {
            String why = http != null ? "cannot start: " + e.getMessage()
                    : "cannot listen on " + settings.options().address() + ": " + e.getMessage();
            WhiteboardRuntime.LOG.log(Level.ERROR, "WebSocket server " + settings.name() + " " + why);
            runtime.failed(settings.name(), pid, why);
            return;
        }
        runtime.failed(settings.name(), pid, null);
        failedPid = null;
        if (http != null) {
            HttpWhiteboardOffer offer = new HttpWhiteboardOffer(context, handle, http);
            handle.offer(offer);
            offer.refresh();
            return;
        }
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(WebSocketWhiteboard.SERVER, settings.name());
        if (pid != null) {
            p.put(WhiteboardConfiguration.SERVER_PID, pid);
        }
        InetSocketAddress address = handle.server().address();
        p.put(WhiteboardConfiguration.SERVER_PORT, address.getPort());
        p.put(WhiteboardConfiguration.SERVER_HOST, address.getAddress().getHostAddress());
        p.put(WhiteboardConfiguration.SERVER_TLS, settings.options().tlsOptions().isPresent());
        registration = context.registerService(WebSocketServer.class, new ServerView(handle.server()), p);
        WhiteboardRuntime.LOG.log(Level.INFO, "WebSocket server " + settings.name() + " listening on "
                + handle.server().address());
    }

    private synchronized void stop() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // unregistered already (bundle stopping)
            }
            registration = null;
        }
        if (handle != null) {
            runtime.stopServer(handle);
            handle = null;
        }
        if (failedPid != null) {
            runtime.failed(null, failedPid, null);
            failedPid = null;
        }
        if (configuredName != null) {
            runtime.configured(configuredName, false);
            configuredName = null;
        }
    }
}
