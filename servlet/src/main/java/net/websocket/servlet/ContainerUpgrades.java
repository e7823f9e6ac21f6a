package net.websocket.servlet;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import jakarta.servlet.ServletContext;

import net.websocket.servlet.spi.ContainerUpgrade;

/**
 * Finds the {@link ContainerUpgrade} for a servlet's container through {@link ServiceLoader}: in this module's layer
 * (named modules), then through this module's class loader and the context's, the first that serves in the container.
 */
final class ContainerUpgrades {

    private static final Logger LOG = System.getLogger(WebSocketServlet.class.getName());

    private ContainerUpgrades() {
    }

    /** {@return the container's own upgrade, or {@code null} to use {@code HttpServletRequest#upgrade}} */
    static ContainerUpgrade find(ServletContext context) {
        Module module = ContainerUpgrades.class.getModule();
        if (module.isNamed() && module.getLayer() != null) {
            ContainerUpgrade found = first(ServiceLoader.load(module.getLayer(), ContainerUpgrade.class), context);
            if (found != null) {
                return found;
            }
        }
        ClassLoader own = ContainerUpgrades.class.getClassLoader();
        ContainerUpgrade found = first(ServiceLoader.load(ContainerUpgrade.class, own), context);
        ClassLoader contexts = context.getClassLoader();
        if (found == null && contexts != null && contexts != own) {
            found = first(ServiceLoader.load(ContainerUpgrade.class, contexts), context);
        }
        return found;
    }

    private static ContainerUpgrade first(ServiceLoader<ContainerUpgrade> loader, ServletContext context) {
        try {
            for (ContainerUpgrade u : loader) {
                if (u.servesIn(context)) {
                    return u;
                }
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            LOG.log(Level.WARNING, "a ContainerUpgrade could not be loaded; HttpServletRequest#upgrade is used", e);
        }
        return null;
    }
}
