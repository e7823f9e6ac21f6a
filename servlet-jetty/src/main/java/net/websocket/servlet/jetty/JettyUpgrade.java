package net.websocket.servlet.jetty;

import java.util.Locale;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;

import net.websocket.servlet.spi.ContainerUpgrade;
import net.websocket.upgrade.Handshake;

/**
 * Switches protocols the way Jetty 12.1's own WebSocket does, for {@code WebSocketServlet} in Jetty 12.1 (ee10):
 * Jetty 12.1.14's {@code HttpServletRequest#upgrade} carries no input for a request without a body length whose head
 * came alone (its HTTP/1.1 connection parses such a request to its end before the servlet runs, and the upgraded
 * stream then only says it is finished), which is every browser's, python-websockets' and wstest's request.
 *
 * <p>Instead, the servlet's response (the 101 and the handshake's header fields) goes out through Jetty as any
 * response does when {@code service} returns, and the request carries an {@link EndPointStream}, a Jetty
 * {@link Connection}, in the attribute {@link HttpStream#UPGRADE_CONNECTION_ATTRIBUTE}: once the response is complete,
 * Jetty's HTTP/1.1 connection hands its {@code EndPoint} to it (with any bytes that followed the request head), and
 * it carries the runtime's connection core over the {@code EndPoint}.
 */
public final class JettyUpgrade implements ContainerUpgrade {

    /** Found by {@code ServiceLoader}. */
    public JettyUpgrade() {
    }

    /** Jetty 12.1 and later (12.0 and 9.4 cannot switch protocols from a servlet at all). */
    @Override
    public boolean servesIn(ServletContext context) {
        String info = String.valueOf(context.getServerInfo()).toLowerCase(Locale.ROOT);
        if (!info.startsWith("jetty/") || info.startsWith("jetty/12.0.") || info.startsWith("jetty/9.")
                || info.startsWith("jetty/10.") || info.startsWith("jetty/11.")) {
            return false;
        }
        try {
            return !ServletContextRequest.class.getName().isEmpty();
        } catch (LinkageError e) {
            return false; // not Jetty's ee10 servlets: its own upgrade, if any
        }
    }

    @Override
    public boolean upgrade(HttpServletRequest request, HttpServletResponse response, Handshake handshake) {
        Request core;
        try {
            core = ServletContextRequest.getServletContextRequest(request);
        } catch (IllegalStateException | LinkageError e) {
            return false; // not a request of Jetty's ee10 servlets
        }
        ConnectionMetaData meta = core.getConnectionMetaData();
        if (meta.getHttpVersion() != HttpVersion.HTTP_1_1 || !(meta.getConnection() instanceof Connection.UpgradeFrom)) {
            return false;
        }
        EndPointStream stream = new EndPointStream(meta.getConnection().getEndPoint(),
                core.getComponents().getExecutor(), handshake);
        meta.getConnector().getEventListeners().forEach(stream::addEventListener);
        core.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, stream);
        core.addHttpStreamWrapper(http -> new HttpStream.Wrapper(http) {
            @Override
            public void succeeded() {
                super.succeeded(); // Jetty hands the EndPoint over in here, after the 101 went out
                stream.switchEnded(null);
            }

            @Override
            public void failed(Throwable x) {
                super.failed(x);
                stream.switchEnded(x);
            }
        });
        return true;
    }
}
