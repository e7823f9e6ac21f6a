package net.websocket.servlet.undertow.internal;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import io.undertow.servlet.handlers.ServletRequestContext;
import io.undertow.util.HeaderValues;

import net.websocket.servlet.spi.ContainerUpgrade;
import net.websocket.upgrade.Handshake;

/**
 * {@code WebSocketServlet}'s way with hybi-00 in Undertow 2.3, for connections opened through
 * {@code RawHeadOpenListener} (found by {@code ServiceLoader}; on any other connection it does nothing, and the
 * servlet refuses hybi-00 there).
 *
 * <p>The keys: Undertow's parser collapses each run of spaces and tabs in a field value
 * ({@code HttpRequestParser#handleHeaderValueCacheMiss}; a cached value is only reused when the bytes sent are exactly
 * it). {@link #fieldAsSent} finds the field in the bytes the connection's {@link HeadRecorder} kept: the head ends
 * where the bytes Undertow has read but not parsed begin ({@code getExtraBytes()}: key3, when it came with the head),
 * and the field counts only if its value, collapsed as Undertow does, is the value Undertow parsed.
 *
 * <p>The answer: an accepted hybi-00 handshake holds the connection's {@link ResponseGate}, so Undertow's response to
 * {@code HttpServerExchange#upgradeChannel} (its {@code 101 Switching Protocols} head) is dropped, and when Undertow
 * hands the connection over, the gate is opened and a {@link ConnectionStream} runs the connection through
 * {@link Handshake#openAnswering}: it reads key3 and then writes the draft's whole response. RFC 6455 handshakes go
 * through Undertow's own upgrade ({@code false}), as without this module.
 */
public final class UndertowUpgrade implements ContainerUpgrade {

    /** Found by {@code ServiceLoader}. */
    public UndertowUpgrade() {
    }

    /** Undertow (its server info begins with its name), with its servlet module at hand. */
    @Override
    public boolean servesIn(ServletContext context) {
        if (!String.valueOf(context.getServerInfo()).toLowerCase(Locale.ROOT).startsWith("undertow")) {
            return false;
        }
        try {
            return !ServletRequestContext.class.getName().isEmpty();
        } catch (LinkageError e) {
            return false;
        }
    }

    @Override
    public String fieldAsSent(HttpServletRequest request, String name) {
        HttpServerExchange exchange = exchange();
        ConnectionWire wire = wire(exchange);
        if (wire == null) {
            return null;
        }
        HeaderValues values = exchange.getRequestHeaders().get(name);
        if (values == null || values.size() != 1) {
            return null;
        }
        PooledByteBuffer unparsed = ((HttpServerConnection) exchange.getConnection()).getExtraBytes();
        int after = unparsed == null ? 0 : unparsed.getBuffer().remaining();
        return wire.recorder().valueAsSent(name, values.getFirst(), after);
    }

    @Override
    public boolean upgrade(HttpServletRequest request, HttpServletResponse response, Handshake handshake) {
        HttpServerExchange exchange = exchange();
        ConnectionWire wire = wire(exchange);
        if (wire == null) {
            return false;
        }
        if (handshake.bodyLength() == 0) {
            wire.recorder().stop(); // the connection is about to be WebSocket's, through Undertow's upgrade
            return false;
        }
        AtomicBoolean taken = new AtomicBoolean();
        ConnectionStream[] running = new ConnectionStream[1];
        wire.gate().hold();
        try {
            exchange.upgradeChannel((connection, upgraded) -> {
                wire.gate().release();
                wire.recorder().stop();
                if (!taken.compareAndSet(false, true)) {
                    ConnectionStream.closeQuietly(connection); // closed meanwhile, the handshake given back
                    return;
                }
                ConnectionStream stream = new ConnectionStream(connection);
                synchronized (running) {
                    running[0] = stream;
                }
                stream.openAnswering(handshake);
            });
            exchange.getConnection().addCloseListener(c -> {
                if (taken.compareAndSet(false, true)) {
                    handshake.abandon(); // closed before Undertow handed the connection over
                    return;
                }
                ConnectionStream stream;
                synchronized (running) {
                    stream = running[0];
                }
                if (stream != null) {
                    stream.connectionClosed();
                }
            });
        } catch (RuntimeException e) {
            wire.gate().release();
            throw e;
        }
        return true;
    }

    private static HttpServerExchange exchange() {
        ServletRequestContext context = ServletRequestContext.current();
        return context == null ? null : context.getExchange();
    }

    /** {@return the wire of the exchange's HTTP/1.1 connection, or {@code null} if it has none} */
    private static ConnectionWire wire(HttpServerExchange exchange) {
        if (exchange == null || !(exchange.getConnection() instanceof HttpServerConnection)) {
            return null;
        }
        return ConnectionWire.of(((HttpServerConnection) exchange.getConnection()).getChannel());
    }
}
