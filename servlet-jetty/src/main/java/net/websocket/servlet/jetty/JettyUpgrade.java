package net.websocket.servlet.jetty;

import java.nio.ByteBuffer;
import java.util.Locale;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;

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
 *
 * <p>A hybi-00 handshake (whose 8 bytes of key3 follow the request head) is answered as the draft's own server does:
 * nothing of Jetty's response goes out (a wrapper of Jetty's {@link HttpStream} takes its {@code send}s and writes
 * nothing), the bytes that followed the head are taken from Jetty's request buffer while the servlet runs, before
 * Jetty's parser finishes the request (which drops CR and LF bytes after a complete request: key3 may begin with
 * them), and the connection, once it has the {@code EndPoint}, reads key3 within the handshake timeout and then writes
 * the draft's whole response, {@code 101 WebSocket Protocol Handshake}, fields and answer
 * ({@link Handshake#openAnswering}).
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
        Connection connection = meta.getConnection();
        boolean answering = handshake.bodyLength() > 0;
        EndPointStream stream = answering
                // taken now, on the thread that parsed the head (it runs the servlet): the parser has not gone on
                // past the head yet, so a key3 that begins with CR LF is still whole
                ? EndPointStream.answering(connection.getEndPoint(), core.getComponents().getExecutor(), handshake,
                        ((Connection.UpgradeFrom) connection).onUpgradeFrom())
                : new EndPointStream(connection.getEndPoint(), core.getComponents().getExecutor(), handshake);
        meta.getConnector().getEventListeners().forEach(stream::addEventListener);
        core.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, stream);
        core.addHttpStreamWrapper(http -> new HttpStream.Wrapper(http) {
            @Override
            public void send(MetaData.Request requestHead, MetaData.Response responseHead, boolean last,
                    ByteBuffer content, Callback callback) {
                if (answering) {
                    callback.succeeded(); // nothing goes out: the connection answers once key3 has come
                } else {
                    super.send(requestHead, responseHead, last, content, callback);
                }
            }

            @Override
            public void succeeded() {
                super.succeeded(); // Jetty hands the EndPoint over in here, after its 101 went out (if it sent one)
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
