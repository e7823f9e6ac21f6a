package net.websocket.whiteboard.http;

import java.lang.System.Logger.Level;

import jakarta.servlet.ServletException;

import net.websocket.servlet.WebSocketServlet;
import net.websocket.upgrade.UpgradeServer;

/**
 * The servlet of one whiteboard server on the HTTP whiteboard: a {@link WebSocketServlet} over the whiteboard's
 * {@link UpgradeServer} (which it neither starts nor stops), which logs, besides refusing, an HTTP service that
 * cannot switch protocols: the HTTP whiteboard then lists the servlet among its failed ones.
 */
final class HostedServlet extends WebSocketServlet {

    private static final long serialVersionUID = 1L;

    private final String name;

    HostedServlet(UpgradeServer server, String name) {
        super(server);
        this.name = name;
    }

    @Override
    public void init() throws ServletException {
        try {
            super.init();
        } catch (ServletException | RuntimeException e) {
            HttpWhiteboardServers.LOG.log(Level.ERROR, "WebSocket server " + name
                    + " cannot be served on the HTTP whiteboard: " + e.getMessage());
            throw e;
        }
    }
}
