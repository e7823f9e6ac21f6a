package net.websocket.distribution.internal;

import java.lang.System.Logger.Level;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * When the framework property {@value #PROPERTY} is {@code true}: stops the framework when the JVM is told to end
 * (Ctrl-C, SIGTERM), and waits for it, so that servers close their connections with 1001 (going away) instead of
 * vanishing. The executable jar's launcher does not do this itself; containers such as Karaf do, so there the
 * property is not set.
 */
@Component(immediate = true)
public final class GracefulShutdown {

    /** The framework property that turns the shutdown hook on. */
    static final String PROPERTY = "websocket.shutdownHook";

    /** How long the hook waits for the framework to stop: servers wait up to their shutdown timeouts (5 s each). */
    static final long STOP_WAIT_MILLIS = 20_000;

    private static final System.Logger LOG = System.getLogger(GracefulShutdown.class.getName());

    private final Thread hook;

    /**
     * Installs the shutdown hook when the framework property asks for it.
     *
     * @param context this bundle's context, for the property and the framework to stop
     */
    @Activate
    public GracefulShutdown(BundleContext context) {
        if (!Boolean.parseBoolean(context.getProperty(PROPERTY))) {
            hook = null;
            return;
        }
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        hook = new Thread(() -> stop(system), "framework-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private static void stop(Bundle system) {
        try {
            system.stop();
            if (system instanceof Framework f) {
                f.waitForStop(STOP_WAIT_MILLIS);
            }
        } catch (BundleException | RuntimeException e) {
            LOG.log(Level.WARNING, "stopping the framework failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Deactivate
    void deactivate() {
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running (it is what stopped us)
            }
        }
    }
}
