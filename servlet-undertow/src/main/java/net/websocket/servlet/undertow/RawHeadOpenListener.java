package net.websocket.servlet.undertow;

import java.util.Objects;

import org.xnio.ChannelListener;
import org.xnio.StreamConnection;

import io.undertow.server.protocol.http.HttpOpenListener;

import net.websocket.servlet.undertow.internal.ConnectionWire;

/**
 * The open listener of an embedded Undertow 2.3's HTTP/1.1 listener with which {@code WebSocketServlet} serves hybi-00
 * as well: it wraps Undertow's own {@link HttpOpenListener} and, beneath Undertow's conduits on each connection it
 * opens, keeps the last bytes the connection read (Undertow's request parser collapses each run of spaces in a field
 * value, and a hybi-00 key's number is divided by its count of spaces) and can hold Undertow's response back (the
 * draft's server answers only once key3, the 8 bytes after the head, has come). With the module on the class or
 * module path, {@code WebSocketServlet} finds the rest through {@code ServiceLoader}; without this listener it
 * refuses hybi-00 in Undertow with a clear 400, and RFC 6455 is served either way.
 *
 * <p>{@code Undertow.builder()} takes no open listener of one's own, so the listener is built as
 * {@code Undertow#start} builds it, on an XNIO worker:
 *
 * <pre>{@code
 * HttpOpenListener http = new HttpOpenListener(buffers,
 *         OptionMap.create(UndertowOptions.BUFFER_PIPELINED_DATA, true));
 * http.setRootHandler(deploymentManager.start());
 * AcceptingChannel<StreamConnection> server = worker.createStreamConnectionServer(address,
 *         ChannelListeners.openListenerAdapter(new RawHeadOpenListener(http)),
 *         OptionMap.create(Options.TCP_NODELAY, true));
 * server.resumeAccepts();
 * }</pre>
 */
public final class RawHeadOpenListener implements ChannelListener<StreamConnection> {

    private final HttpOpenListener http;

    /**
     * A listener that opens each connection through {@code http}.
     *
     * @param http Undertow's HTTP/1.1 open listener, with its root handler and options
     */
    public RawHeadOpenListener(HttpOpenListener http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    /** {@return Undertow's HTTP/1.1 open listener this one opens connections through} */
    public HttpOpenListener http() {
        return http;
    }

    @Override
    public void handleEvent(StreamConnection connection) {
        ConnectionWire.install(connection);
        http.handleEvent(connection);
    }
}
