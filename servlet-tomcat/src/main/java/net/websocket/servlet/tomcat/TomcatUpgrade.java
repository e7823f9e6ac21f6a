package net.websocket.servlet.tomcat;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import net.websocket.servlet.spi.ContainerUpgrade;
import net.websocket.upgrade.Handshake;

/**
 * {@code WebSocketServlet}'s way in Tomcat 10.1 and 11: every handshake goes through Tomcat's own
 * {@code HttpServletRequest#upgrade} ({@link #upgrade} takes none), and a hybi-00 handshake's response is withheld
 * through {@link Hybi00Valve}, so that the connection answers it once key3 has come, as the draft's own server does.
 * Without the valve hybi-00 is still served, with Tomcat's 101 head sent before key3 is read; that is said at the
 * servlet's start and at the first such handshake.
 */
public final class TomcatUpgrade implements ContainerUpgrade {

    private static final Logger LOG = System.getLogger(TomcatUpgrade.class.getName());

    /** How to configure the valve. */
    static final String CONFIGURE = "server.xml: <Valve className=\"" + Hybi00Valve.class.getName()
            + "\"/> inside <Engine>; embedded: tomcat.getEngine().getPipeline().addValve(new Hybi00Valve())";

    private final AtomicBoolean warned = new AtomicBoolean();

    /** Found by {@code ServiceLoader}. */
    public TomcatUpgrade() {
    }

    /** Tomcat 10.1 and later. */
    @Override
    public boolean servesIn(ServletContext context) {
        String info = String.valueOf(context.getServerInfo()).toLowerCase(Locale.ROOT);
        String prefix = "apache tomcat/";
        if (!info.startsWith(prefix)) {
            return false;
        }
        String version = info.substring(prefix.length());
        if (!version.matches("[1-9][0-9]+\\..*") || version.startsWith("10.0")) {
            return false; // 9 and before, 10.0
        }
        LOG.log(Level.INFO, "WebSocketServlet in " + context.getServerInfo() + ": hybi-00 is answered as the"
                + " draft's server does only with the valve " + Hybi00Valve.class.getName() + " in Tomcat's engine,"
                + " host or context, else with Tomcat's 101 head before key3 (" + CONFIGURE + ")");
        return true;
    }

    /** Takes none: Tomcat's own {@code HttpServletRequest#upgrade} carries every handshake. */
    @Override
    public boolean upgrade(HttpServletRequest request, HttpServletResponse response, Handshake handshake) {
        return false;
    }

    @Override
    public boolean withholdResponse(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(Hybi00Valve.WITHHOLD_RESPONSE) instanceof Runnable withhold) {
            withhold.run();
            return response.isCommitted();
        }
        if (warned.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "a hybi-00 handshake is answered with Tomcat's 101 head before its key3:"
                    + " the valve " + Hybi00Valve.class.getName() + " is not there (" + CONFIGURE + ")");
        }
        return false;
    }
}
